// Chinese text → search tokens, shared by indexing (the tsvector of a proposal), querying (the
// tsquery of a search box) and similarity (term vectors of a draft and its candidates). Pure.
//
// Chinese has no spaces, and a word segmenter does not always cut the same phrase the same way
// (河长制 may come out as 河长|制 in one sentence and 河|长制 in another). So a document carries,
// besides the segmenter's words, every character bigram of each run of Chinese characters plus the
// run's last character; a query run of two or more characters becomes the phrase of its bigrams
// (河长制 → 河长 <-> 长制), one character becomes a prefix (河:*). Either way the match does not
// depend on the segmenter.

const CJK_CHAR = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';
const CJK_RUN = new RegExp(`[${CJK_CHAR}]+`, 'gu');
const HAS_CJK = new RegExp(`[${CJK_CHAR}]`, 'u');
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Plain text of a body that may be HTML from the rich-text editor. */
export function plainText(text: string): string {
  if (!/<[a-z/]/i.test(text)) return text;
  return text
    .replace(/<(br|\/p|\/li|\/h3|\/h4|\/blockquote)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Maximal runs of Chinese characters. */
export function cjkRuns(text: string): string[] {
  return text.match(CJK_RUN) ?? [];
}

/** Adjacent character pairs of a run (by code point, so rare characters count once). */
export function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The segmenter's words (isWordLike), lowercased, reduced to letters and digits. */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    const w = s.segment.toLowerCase().replace(NOT_WORD, '');
    if (w) out.push(w);
  }
  return out;
}

const isCjk = (w: string) => HAS_CJK.test(w);

/**
 * Tokens of one text for to_tsvector('simple', tokens.join(' ')): the bigram stream of each
 * Chinese run followed by its last character (so the bigrams of a run sit at adjacent positions
 * and a phrase query finds them), then the segmenter's words — Latin words and numbers, and
 * Chinese words of three or more characters (shorter ones are already there as bigrams).
 */
export function documentTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of cjkRuns(text)) {
    out.push(...bigrams(run));
    out.push([...run].at(-1)!);
  }
  for (const w of wordTokens(text)) if (!isCjk(w) || [...w].length >= 3) out.push(w);
  return out;
}

/** What the user typed, as the pieces to look for: Chinese runs and Latin words, lowercased. */
export function queryPieces(q: string): string[] {
  const pieces: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    if (p && !seen.has(p)) {
      seen.add(p);
      pieces.push(p);
    }
  };
  for (const part of q.toLowerCase().split(CJK_RUN)) for (const w of wordTokens(part)) add(w);
  for (const run of cjkRuns(q)) add(run);
  return pieces;
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsquery text (for to_tsquery('simple', …)) of a search box: every piece must match. A
 * Chinese piece of two or more characters is the phrase of its bigrams, one character or a Latin
 * word is a prefix. Null when nothing searchable was typed.
 */
export function toTsQuery(q: string): string | null {
  const parts = queryPieces(q).map((p) => {
    if (!isCjk(p) || [...p].length === 1) return `${quote(p)}:*`;
    const grams = bigrams(p).map(quote);
    return grams.length === 1 ? grams[0]! : `(${grams.join(' <-> ')})`;
  });
  return parts.length ? parts.join(' & ') : null;
}

// ——— tenant ———

/**
 * The lexeme that every search vector of a tenant carries and no text can produce (the tokens
 * above are letters and digits only): a search ANDs it into its tsquery, so that the GIN scan
 * starts from the tenant's posting list instead of collecting the matches of every tenant.
 */
export function tenantLexeme(tenantId: number): string {
  return `~t${Math.trunc(tenantId)}`;
}

/** The tsquery text of the tenant lexeme, for a `::tsquery` cast (to_tsquery would drop the '~'). */
export function tenantTsQuery(tenantId: number): string {
  return quote(tenantLexeme(tenantId));
}

// ——— similarity ———

/**
 * Words every proposal uses whatever its subject ("关于……的建议", 加强, 完善, 工作 …): they would
 * make any two proposals look alike, so term vectors leave them out.
 */
const STOP_BIGRAMS = new Set(
  (
    '关于 于加 于推 于完 于提 于进 于深 于建 于规 于发 于做 于促 于健 于打 于强 于优 于扩 于破 ' +
    '的建 建议 提案 议案 工作 我市 进一 一步 加强 推进 完善 提升 推动 加快 深化 健全 做好 促进 机制 水平 ' +
    '问题 有关 相关 部门 进行 开展 实施 建立 落实 群众 政府 发展 建设 管理 服务 体系 保障 ' +
    '难点 堵点 破解 实际 情况 方面 目前 当前 存在 一些 我们 您的 您提 提出 感谢 答复 办理 单位 ' +
    '一是 二是 三是 四是 同时 此外 其中 以及 通过 进一 一定 等方'
  ).split(' '),
);

/** Term counts of a text for similarity: bigrams and Latin words, without the generic ones. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (t: string) => {
    if (!STOP_BIGRAMS.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  };
  for (const run of cjkRuns(text)) for (const g of bigrams(run)) add(g);
  // Only the words outside the Chinese runs are wanted here: the segmenter reads the text with its
  // runs blanked out, a fraction of it (segmenting whole bodies was most of 相似提案's time).
  for (const w of wordTokens(text.replace(CJK_RUN, ' '))) if (!isCjk(w) && w.length >= 2) add(w);
  return counts;
}

/** Cosine of two term vectors, counts damped by a square root so that repetition counts less. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (!a.size || !b.size) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, n] of a) {
    const x = Math.sqrt(n);
    na += x * x;
    const m = b.get(t);
    if (m) dot += x * Math.sqrt(m);
  }
  for (const n of b.values()) nb += n;
  return dot / Math.sqrt(na * nb);
}

/** The `limit` terms of a vector that occur most, for a candidate query. */
export function topTerms(counts: Map<string, number>, limit: number): string[] {
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([t]) => t);
}

/** An OR tsquery text of whole terms (no prefixes), or null. */
export function anyOf(terms: string[]): string | null {
  return terms.length ? terms.map(quote).join(' | ') : null;
}
