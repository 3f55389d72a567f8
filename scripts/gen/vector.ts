import { bigrams, cjkRuns, tenantLexeme, wordTokens } from '../../src/server/search/tokenize.js';

// The tsvector text of a proposal, built here rather than by to_tsvector in the database: the
// same tokens as documentTokens (src/server/search/tokenize.ts), placed the way
//   setweight(to_tsvector('simple', title), 'A') || setweight(…body…, 'B') || setweight(…extra…, 'C')
// places them (positions run on across the three parts). Every token is made of letters and
// digits only, so the 'simple' parser keeps each as one lexeme. The generated texts are built from
// a few thousand paragraphs, so the tokens are cached per paragraph; test/gen.test.ts checks the
// result against indexProposals.

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const MAX_POS = 16383;
const MAX_POSITIONS = 256;

interface Parts {
  runs: string[];
  words: string[];
}

const cache = new Map<string, Parts>();

function partsOf(paragraph: string): Parts {
  let p = cache.get(paragraph);
  if (p) return p;
  const runs: string[] = [];
  for (const run of cjkRuns(paragraph)) {
    runs.push(...bigrams(run));
    runs.push([...run].at(-1)!);
  }
  const words = wordTokens(paragraph).filter((w) => !CJK.test(w) || [...w].length >= 3);
  p = { runs, words };
  if (cache.size > 200_000) cache.clear();
  cache.set(paragraph, p);
  return p;
}

/** documentTokens of a text made of paragraphs separated by line breaks (which end every run and word). */
export function tokensOf(text: string): string[] {
  const runs: string[] = [];
  const words: string[] = [];
  for (const para of text.split('\n')) {
    if (!para) continue;
    const p = partsOf(para);
    for (const t of p.runs) runs.push(t);
    for (const t of p.words) words.push(t);
  }
  return runs.concat(words);
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The tsvector literal of title (A), body (B) and extra text (C), with the tenant's lexeme (no position). */
export function vectorOf(tenantId: number, title: string, body: string, extra: string): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (tokens: string[], weight: string) => {
    for (const t of tokens) {
      pos++;
      const list = positions.get(t);
      const entry = `${Math.min(pos, MAX_POS)}${weight}`;
      if (!list) positions.set(t, [entry]);
      else if (list.length < MAX_POSITIONS) list.push(entry);
    }
  };
  // Each part restarts at 1 inside to_tsvector and is shifted by the highest position before it.
  add(tokensOf(title), 'A');
  add(tokensOf(body), 'B');
  add(tokensOf(extra), 'C');
  let out = quote(tenantLexeme(tenantId));
  for (const [lexeme, list] of positions) out += ` ${quote(lexeme)}:${list.join(',')}`;
  return out;
}
