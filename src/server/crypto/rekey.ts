import { and, asc, gt, isNotNull, notLike, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { members, replies, units, users } from '../db/schema.js';
import { decryptField, encryptField, isEncrypted, keyIdOf, phoneIndex, PREFIX } from './field-crypto.js';
import { keys } from './keys.js';

// Every column kept SM4-encrypted, with the blind index that goes with it. Two passes use it:
// at start, values written before encryption existed (or by the seed) are encrypted; and
// `npm run data:rekey` rewrites every value not under the current DATA_KEY_ID, after which the
// old key may be removed from the environment.

interface Field {
  column: PgColumn;
  key: string;
  /** The phone blind index kept beside it, if any. */
  index?: { column: PgColumn; key: string };
}
interface Target {
  name: string;
  table: PgTable;
  id: PgColumn;
  fields: Field[];
}

export const ENCRYPTED_COLUMNS: Target[] = [
  { name: 'members', table: members, id: members.id, fields: [{ column: members.phone, key: 'phone', index: { column: members.phoneIndex, key: 'phoneIndex' } }] },
  {
    name: 'users',
    table: users,
    id: users.id,
    fields: [
      { column: users.phone, key: 'phone', index: { column: users.phoneIndex, key: 'phoneIndex' } },
      // TOTP secrets: whoever reads the database must not be able to compute the codes.
      { column: users.totpSecret, key: 'totpSecret' },
      { column: users.totpPendingSecret, key: 'totpPendingSecret' },
    ],
  },
  {
    name: 'units',
    table: units,
    id: units.id,
    fields: [
      { column: units.contactName, key: 'contactName' },
      { column: units.contactPhone, key: 'contactPhone', index: { column: units.contactPhoneIndex, key: 'contactPhoneIndex' } },
    ],
  },
  { name: 'replies', table: replies, id: replies.id, fields: [{ column: replies.contactPerson, key: 'contactPerson' }] },
];

/**
 * One UPDATE … FROM (VALUES …) for a batch: a statement per row fired the tables' statement
 * triggers a thousand times a batch (a start on a million generated replies took half an hour).
 * A column a row does not change is given as null and keeps its value.
 */
function batchUpdate(t: Target, changes: { id: number; set: Record<string, string | null> }[]): SQL {
  const cols = t.fields.flatMap((f) => [f, ...(f.index ? [f.index] : [])]);
  const name = (c: { column: PgColumn }) => sql.identifier(c.column.name);
  const rows = changes.map((c) => sql`(${c.id}::int, ${sql.join(cols.map((col) => sql`${c.set[col.key] ?? null}::text`), sql`, `)})`);
  return sql`update ${t.table} set ${sql.join(cols.map((c) => sql`${name(c)} = coalesce(v.${name(c)}, ${t.table}.${name(c)})`), sql`, `)}
    from (values ${sql.join(rows, sql`, `)}) as v(id, ${sql.join(cols.map(name), sql`, `)})
    where ${t.id} = v.id`;
}

/** Rows rewritten per transaction: a rekey of a million replies neither holds every row locked nor loads it at once. */
export const REKEY_BATCH = 1000;

/**
 * Encrypts what needs it: with `all`, every value not under the current key (rekey); otherwise
 * only plaintext. Returns the number of values rewritten. The database finds the stale values
 * itself (a value under key k starts with `sm4:k:`), so a start on an encrypted database reads no
 * row into the server; they are rewritten in batches of REKEY_BATCH rows, one transaction each,
 * in id order.
 */
export async function reencryptFields(db: Db, mode: 'plaintext' | 'all', batchSize = REKEY_BATCH): Promise<Record<string, number>> {
  const current = keys().dataKeyId;
  // LIKE's own characters in a key id (k_1) are taken literally.
  const fresh = mode === 'all' ? `${PREFIX}${current.replace(/[\\%_]/g, '\\$&')}:%` : `${PREFIX}%`;
  const out: Record<string, number> = {};
  for (const t of ENCRYPTED_COLUMNS) {
    const stale = or(...t.fields.map((f) => and(isNotNull(f.column), notLike(f.column, fresh))));
    let changed = 0;
    let after = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const select: Record<string, PgColumn> = { id: t.id };
        for (const f of t.fields) select[f.key] = f.column;
        const rows = (await tx
          .select(select)
          .from(t.table)
          .where(and(gt(t.id, after), stale))
          .orderBy(asc(t.id))
          .limit(batchSize)
          .for('update')) as Record<string, unknown>[];
        const changes: { id: number; set: Record<string, string | null> }[] = [];
        for (const row of rows) {
          const set: Record<string, string | null> = {};
          for (const f of t.fields) {
            const stored = row[f.key] as string | null;
            if (stored === null) continue;
            const isStale = mode === 'all' ? keyIdOf(stored) !== current : !isEncrypted(stored);
            if (!isStale) continue;
            const plain = decryptField(stored);
            set[f.key] = encryptField(plain);
            if (f.index) set[f.index.key] = phoneIndex(plain);
            changed += 1;
          }
          if (Object.keys(set).length) changes.push({ id: row.id as number, set });
        }
        if (changes.length) await tx.execute(batchUpdate(t, changes));
        return rows;
      });
      if (batch.length < batchSize) break;
      after = batch.at(-1)!.id as number;
    }
    out[t.name] = changed;
  }
  return out;
}

/** At start: plaintext left by older versions or the seed. */
export async function encryptPlaintextFields(db: Db): Promise<number> {
  const r = await reencryptFields(db, 'plaintext');
  return Object.values(r).reduce((a, b) => a + b, 0);
}
