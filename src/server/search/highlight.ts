// Highlighting in JS over the original text: ts_headline with the 'simple' configuration cannot
// find words in unsegmented Chinese. The output is HTML-escaped text whose only markup is <mark>.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Where the pieces occur in the text (case-insensitive), merged into disjoint [start, end) spans. */
function spans(text: string, pieces: string[]): [number, number][] {
  // Lowercasing keeps the length for Chinese and ASCII; when it would not, match case-sensitively.
  const lower = text.toLowerCase();
  const hay = lower.length === text.length ? lower : text;
  const found: [number, number][] = [];
  for (const p of pieces) {
    if (!p) continue;
    for (let i = hay.indexOf(p); i >= 0; i = hay.indexOf(p, i + p.length)) found.push([i, i + p.length]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const s of found) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

function render(text: string, marks: [number, number][], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [s, e] of marks) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** The whole text with every piece marked. */
export function markAll(text: string, pieces: string[]): string {
  return render(text, spans(text, pieces), 0, text.length);
}

/**
 * A passage of about `length` characters around the first match, marked, with … where it was
 * cut; null when no piece occurs in the text.
 */
export function snippetOf(raw: string, pieces: string[], length = 120): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  const marks = spans(text, pieces);
  if (!marks.length) return null;
  const first = marks[0]!;
  let from = Math.max(0, first[0] - Math.floor(length / 4));
  const to = Math.min(text.length, from + length);
  from = Math.max(0, Math.min(from, to - length));
  return `${from > 0 ? '…' : ''}${render(text, marks, from, to)}${to < text.length ? '…' : ''}`;
}

/** The opening of a text, escaped, for a result whose match is not in the text shown. */
export function openingOf(raw: string, length = 120): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  return escapeHtml(text.slice(0, length)) + (text.length > length ? '…' : '');
}
