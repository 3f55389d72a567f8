import { eq, isNotNull, or } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { members, replies, units, users } from '../db/schema.js';
import { decryptField, encryptField, isEncrypted, keyIdOf, phoneIndex } from './field-crypto.js';
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
 * Encrypts what needs it: with `all`, every value not under the current key (rekey); otherwise
 * only plaintext. Returns the number of values rewritten. One transaction per table.
 */
export async function reencryptFields(db: Db, mode: 'plaintext' | 'all'): Promise<Record<string, number>> {
  const current = keys().dataKeyId;
  const out: Record<string, number> = {};
  for (const t of ENCRYPTED_COLUMNS) {
    out[t.name] = await db.transaction(async (tx) => {
      const select: Record<string, PgColumn> = { id: t.id };
      for (const f of t.fields) select[f.key] = f.column;
      const rows = (await tx
        .select(select)
        .from(t.table)
        .where(or(...t.fields.map((f) => isNotNull(f.column))))
        .for('update')) as Record<string, unknown>[];
      let changed = 0;
      for (const row of rows) {
        const set: Record<string, string | null> = {};
        for (const f of t.fields) {
          const stored = row[f.key] as string | null;
          if (stored === null) continue;
          const stale = mode === 'all' ? keyIdOf(stored) !== current : !isEncrypted(stored);
          if (!stale) continue;
          const plain = decryptField(stored);
          set[f.key] = encryptField(plain);
          if (f.index) set[f.index.key] = phoneIndex(plain);
          changed += 1;
        }
        if (Object.keys(set).length) await tx.update(t.table).set(set).where(eq(t.id, row.id as number));
      }
      return changed;
    });
  }
  return out;
}

/** At start: plaintext left by older versions or the seed. */
export async function encryptPlaintextFields(db: Db): Promise<number> {
  const r = await reencryptFields(db, 'plaintext');
  return Object.values(r).reduce((a, b) => a + b, 0);
}
