// Writes the drizzle-kit snapshot of src/server/db/schema.ts as the latest migration's snapshot, so
// that `npm run db:generate` diffs against the schema as it is. Needed when migrations were written
// by hand (several branches each adding one): their snapshots were never made, or collide.
//   npx tsx scripts/db-snapshot.ts
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDrizzleJson } from 'drizzle-kit/api';
import * as schema from '../src/server/db/schema.js';

const meta = path.resolve(import.meta.dirname, '../src/server/db/migrations/meta');
const journal = JSON.parse(readFileSync(path.join(meta, '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
const last = journal.entries.at(-1)!;
const prefix = (idx: number) => String(idx).padStart(4, '0');
const existing = readdirSync(meta).filter((f) => /^\d{4}_snapshot\.json$/.test(f)).sort();
// The newest snapshot that came from drizzle-kit itself is the parent; hand-made ones after it go.
const parentFile = process.argv[2] ?? existing.filter((f) => f < `${prefix(last.idx)}_snapshot.json`).at(-1)!;
const parent = JSON.parse(readFileSync(path.join(meta, parentFile), 'utf8')) as { id: string };
for (const f of existing) if (f > parentFile) rmSync(path.join(meta, f));
const json = generateDrizzleJson(schema as never, parent.id) as { id: string };
const out = `${prefix(last.idx)}_snapshot.json`;
writeFileSync(path.join(meta, out), JSON.stringify(json, null, 2) + '\n');
console.log(`${out}: the schema as it is now (parent ${parentFile})`);
