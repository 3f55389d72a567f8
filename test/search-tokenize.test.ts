import { describe, expect, it } from 'vitest';
import { bigrams, cosine, documentTokens, queryPieces, tenantLexeme, tenantTsQuery, termCounts, toTsQuery, wordTokens } from '../src/server/search/tokenize.js';
import { markAll, snippetOf } from '../src/server/search/highlight.js';

// The tokeniser is pure: these run without a database.

describe('documentTokens', () => {
  it('carries every bigram of a Chinese run, then its last character, then the segmenter words', () => {
    const t = documentTokens('深化河长制');
    expect(t.slice(0, 5)).toEqual(['深化', '化河', '河长', '长制', '制']);
    // Whatever the segmenter does with 河长制, the bigrams are there for a query to find.
    expect(t).toEqual(expect.arrayContaining(['河长', '长制']));
  });

  it('lowercases Latin words and keeps numbers, drops punctuation', () => {
    const t = documentTokens('推广公共场所AED配置，覆盖率达到95%。');
    expect(t).toContain('aed');
    expect(t).toContain('95');
    expect(t.some((x) => /[，。%]/.test(x))).toBe(false);
  });

  it('bigrams count code points, not UTF-16 units', () => {
    expect(bigrams('𠀀好人')).toEqual(['𠀀好', '好人']);
  });

  it('uses Intl.Segmenter word tokens', () => {
    expect(wordTokens('Hello 世界')).toEqual(expect.arrayContaining(['hello']));
  });
});

describe('toTsQuery', () => {
  it('turns a Chinese run into the phrase of its bigrams and one character into a prefix', () => {
    expect(toTsQuery('河长制')).toBe("('河长' <-> '长制')");
    expect(toTsQuery('养老')).toBe("'养老'");
    expect(toTsQuery('河')).toBe("'河':*");
  });

  it('ANDs the pieces of a query with several words, Latin ones as prefixes', () => {
    expect(toTsQuery('养老 AED')).toBe("'aed':* & '养老'");
    expect(queryPieces('居家养老，助餐')).toEqual(['居家养老', '助餐']);
  });

  it('has nothing to search for in punctuation', () => {
    expect(toTsQuery('，。！')).toBeNull();
  });

  it('quotes what the tsquery syntax would read as operators', () => {
    expect(toTsQuery("o'neil")).toBe("'oneil':*");
  });
});

describe('similarity terms', () => {
  it('leaves generic proposal words out, so that two subjects do not look alike', () => {
    const a = termCounts('关于加强居家养老服务的建议');
    const b = termCounts('关于加强河长制工作的建议');
    expect(a.has('建议')).toBe(false);
    expect(cosine(a, b)).toBe(0);
    expect(cosine(a, termCounts('关于完善居家养老服务体系的建议'))).toBeGreaterThan(0.5);
  });
});

describe('highlighting', () => {
  it('marks the pieces and escapes everything else', () => {
    expect(markAll('<b>居家养老</b>', ['养老'])).toBe('&lt;b&gt;居家<mark>养老</mark>&lt;/b&gt;');
  });

  it('cuts a passage around the first match', () => {
    const text = `${'甲'.repeat(200)}河长制${'乙'.repeat(200)}`;
    const s = snippetOf(text, ['河长制'], 60)!;
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>河长制</mark>');
    expect(snippetOf(text, ['养老'])).toBeNull();
  });
});

describe('tenantLexeme', () => {
  it('is a lexeme that no text produces, nor any query', () => {
    expect(tenantLexeme(12)).toBe('~t12');
    expect(tenantTsQuery(12)).toBe("'~t12'");
    const text = '~t12 ~T12 t12 ～t12 <~t12> 关于~t12的建议';
    expect(documentTokens(text).some((t) => t.includes('~'))).toBe(false);
    expect(toTsQuery(text)).not.toContain('~');
  });
});
