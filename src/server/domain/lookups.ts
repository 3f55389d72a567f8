import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { bodies, leaders, members, sessions, units } from '../db/schema.js';
import type { memberQuery } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { hasRole } from './actor.js';
import { getVisibleSession, visibleSessions } from './proposal-access.js';
import { decryptField, looksLikePhone, phoneIndex } from '../crypto/field-crypto.js';

// The reference lists every screen picks from (units, bodies, members, leaders, sessions), always
// within the reader's tenant.

export const presentUnit = (u: typeof units.$inferSelect) => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  contactName: decryptField(u.contactName),
  contactPhone: decryptField(u.contactPhone),
  active: u.active,
});
export const presentBody = (b: typeof bodies.$inferSelect) => ({ id: b.id, name: b.name, kind: b.kind });
export const presentLeader = (l: typeof leaders.$inferSelect) => ({ id: l.id, name: l.name, title: l.title, organ: l.organ, rank: l.rank, userId: l.userId });

/** Members' phone numbers are personal data: only committee staff and the 系统管理员 get them. */
export const presentMember = (m: typeof members.$inferSelect, withPhone: boolean) => ({
  id: m.id,
  kind: m.kind,
  name: m.name,
  sector: m.sector,
  party: m.party,
  workplace: m.workplace,
  userId: m.userId,
  ...(withPhone ? { phone: decryptField(m.phone) } : {}),
});
export const seesMemberPhones = (actor: Actor) => hasRole(actor, 'staff', 'sysadmin');

export function presentSession(s: typeof sessions.$inferSelect) {
  const { tenantId: _t, lastNumber: _n, createdAt: _c, ...rest } = s;
  return rest;
}

export const listUnits = (tx: Executor, tenantId: number) =>
  tx.select().from(units).where(eq(units.tenantId, tenantId)).orderBy(asc(units.id)).then((r) => r.map(presentUnit));

export const listBodies = (tx: Executor, tenantId: number) =>
  tx.select().from(bodies).where(eq(bodies.tenantId, tenantId)).orderBy(asc(bodies.id)).then((r) => r.map(presentBody));

export const listLeaders = (tx: Executor, tenantId: number) =>
  tx.select().from(leaders).where(eq(leaders.tenantId, tenantId)).orderBy(asc(leaders.id)).then((r) => r.map(presentLeader));

/** The sessions the actor may see: the tenant's, only its organ's for a staff account. */
export const listSessions = (tx: Executor, actor: Actor) =>
  tx
    .select()
    .from(sessions)
    .where(visibleSessions(actor))
    .orderBy(desc(sessions.year), desc(sessions.term), desc(sessions.meeting), asc(sessions.kind))
    .then((r) => r.map(presentSession));

export async function getSession(tx: Executor, actor: Actor, id: number) {
  return presentSession(await getVisibleSession(tx, actor, id));
}

export async function listMembers(tx: Executor, actor: Actor, q: z.infer<typeof memberQuery>) {
  const conds: (SQL | undefined)[] = [eq(members.tenantId, actor.tenantId)];
  const withPhone = seesMemberPhones(actor);
  if (q.q) {
    const byName = ilike(members.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // Phone numbers are stored encrypted: an exact number is found by its blind index, and only
    // by those who may see the numbers (anyone else could otherwise probe who has a number).
    conds.push(withPhone && looksLikePhone(q.q) ? or(byName, eq(members.phoneIndex, phoneIndex(q.q)!)) : byName);
  }
  if (q.kind) conds.push(eq(members.kind, q.kind));
  const where = and(...conds);
  const [{ total }] = (await tx.select({ total: count() }).from(members).where(where)) as [{ total: number }];
  const rows = await tx
    .select()
    .from(members)
    .where(where)
    .orderBy(asc(members.name), asc(members.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((m) => presentMember(m, withPhone)), total, page: q.page, pageSize: q.pageSize };
}
