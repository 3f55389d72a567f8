import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishOf } from '../src/web/lib/i18n.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS } from '../src/shared/audit-labels.js';

// One language at a time (issue 16): every Chinese string the web app passes to t() has an English
// entry, so that a user who chose English never sees a Chinese fallback. The browser test
// (e2e/english.e2e.ts) walks the screens; this check covers every t('…') in the code, including
// messages and dialogs no walk reaches.

// Every dictionary of the app (features add theirs when their module loads).
import.meta.glob('../src/web/**/i18n*.ts', { eager: true });
import.meta.glob('../src/web/**/*-i18n.ts', { eager: true });

const root = path.resolve(import.meta.dirname, '../src/web');
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !/i18n/.test(f));

function chineseKeys(source: string): string[] {
  const keys: string[] = [];
  // t('…') and t("…"), with the string literal as the first argument.
  for (const m of source.matchAll(/\bt\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
    const key = m[2]!.replace(/\\(['"\\])/g, '$1');
    if (/[\u3400-\u9fff]/.test(key)) keys.push(key);
  }
  return keys;
}

describe('English for every t() string', () => {
  it('finds the strings it checks', () => {
    const all = files.flatMap((f) => chineseKeys(readFileSync(path.join(root, f), 'utf8')));
    expect(all.length).toBeGreaterThan(500);
    expect(chineseKeys(`t('提案', x); t("建议"); t(variable); t('plain')`)).toEqual(['提案', '建议']);
  });

  it('has an English entry for each', () => {
    const missing = files.flatMap((f) =>
      chineseKeys(readFileSync(path.join(root, f), 'utf8'))
        .filter((k) => englishOf(k) === undefined)
        .map((k) => `${f}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it('has English for the audit labels (actions, objects, changed fields), shown through t()', () => {
    const labels = [...Object.values(AUDIT_ACTION_LABELS), ...Object.values(AUDIT_ENTITY_LABELS), ...Object.values(AUDIT_FIELD_LABELS)];
    expect(labels.length).toBeGreaterThan(100);
    expect(labels.filter((l) => englishOf(l) === undefined)).toEqual([]);
  });
});
