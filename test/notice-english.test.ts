import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Notifications in the recipient's language (issue 16): every notice the server writes carries its
// English (messageEn), shown to a reader who chose English. A static check over every call of
// notify() and notifyRows(), so that a new notice without English fails here, not in front of a user.

const root = path.resolve(import.meta.dirname, '../src/server');
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));

/** The text of each call, from `name(` to the first `);` after it (a notice's text holds no `);`). */
function callsOf(source: string, name: RegExp): string[] {
  return [...source.matchAll(name)].map((m) => {
    const end = source.indexOf(');', m.index!);
    return source.slice(m.index!, end < 0 ? undefined : end + 2);
  });
}

describe('English for every notice', () => {
  const calls = files.flatMap((f) => {
    const s = readFileSync(path.join(root, f), 'utf8');
    return callsOf(s, /\bawait notify(?:Rows)?\(/g).map((text) => ({ file: f, text }));
  });

  it('finds the calls it checks', () => {
    expect(calls.length).toBeGreaterThan(40);
  });

  it('gives each notice its English', () => {
    // notifyRows(tx, rows) takes rows built before the call: the file builds them with messageEn.
    const without = calls
      .filter((c) => !/messageEn/.test(/notifyRows\(/.test(c.text) ? readFileSync(path.join(root, c.file), 'utf8') : c.text)).map((c) => `${c.file}: ${c.text.slice(0, 120).replace(/\s+/g, ' ')}`);
    expect(without).toEqual([]);
  });
});
