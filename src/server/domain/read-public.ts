import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { numberInQuery } from './list-proposals.js';
import type { Executor } from '../db/client.js';
import { followUps, proposals, sessions, supervisionActivities, tenants } from '../db/schema.js';
import type { PublicProposalDetail, PublicProposalItem } from '../../shared/schemas/public.js';
import { chinaDay } from '../clock.js';
import type { ProposalKind } from '../../shared/domain.js';
import { notFound } from '../errors.js';
import { latest, leadersOf, leadRepliesOf, leadUnitsOf, proposerNamesOf, type LeaderEntry } from './proposal-facts.js';

// The public portal reads across tenants, so every function here takes the tenant explicitly and
// filters on it, and only ever returns published proposals. What it returns is built field by
// field: no row is passed through, so nothing personal can slip out with a new column.

/**
 * The regions, each saying whether it has anything published, and the portal's default: the one
 * with the most published proposals (a city with one published item does not hide the county
 * with seventy), else one with published key-task tables, else the first. Every portal page opens
 * on the same region (issue 16: /public opened 平湖市 and /public/tasks an empty 嘉兴市).
 */
export async function listPublicTenants(tx: Executor) {
  const rows = await tx
    .select({
      id: tenants.id,
      name: tenants.name,
      level: tenants.level,
      // Counted up to a cap: enough to choose a default, bounded on a province's database. Written
      // out with aliases: drizzle names the columns of a one-table select without their table.
      proposals: sql<number>`(select count(*) from (select 1 from proposals p where p.tenant_id = "tenants"."id" and p.published limit ${PUBLISHED_CAP}) s)::int`,
      tasks: sql<boolean>`exists (select 1 from task_periods tp where tp.tenant_id = "tenants"."id" and tp.status = 'published')`,
    })
    .from(tenants)
    .orderBy(asc(tenants.id));
  const items = rows.map((r) => ({ id: r.id, name: r.name, level: r.level, hasPublished: Number(r.proposals) > 0 || !!r.tasks }));
  const byContent = [...rows].sort((a, b) => Number(b.proposals) - Number(a.proposals) || Number(!!b.tasks) - Number(!!a.tasks) || a.id - b.id);
  const preferred = byContent.find((r) => Number(r.proposals) > 0 || r.tasks) ?? rows[0];
  return { items, defaultTenantId: preferred?.id ?? null };
}

const PUBLISHED_CAP = 1000;

export async function listPublicSessions(tx: Executor, tenantId: number) {
  return tx
    .select({ id: sessions.id, tenantId: sessions.tenantId, kind: sessions.kind, name: sessions.name, year: sessions.year, isCurrent: sessions.isCurrent })
    .from(sessions)
    .where(eq(sessions.tenantId, tenantId))
    .orderBy(desc(sessions.year), desc(sessions.term), desc(sessions.meeting));
}

/** The tenant a session belongs to, for routes that name only the session; 404 if none. */
export async function tenantOfSession(tx: Executor, sessionId: number): Promise<number> {
  const [s] = await tx.select({ tenantId: sessions.tenantId }).from(sessions).where(eq(sessions.id, sessionId));
  if (!s) throw notFound('届次会议');
  return s.tenantId;
}

const published = (tenantId: number) => and(eq(proposals.tenantId, tenantId), eq(proposals.published, true))!;

export interface PublicListQuery {
  tenantId: number;
  sessionId?: number;
  kind?: ProposalKind;
  q?: string;
  isKey?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export async function listPublicProposals(tx: Executor, query: PublicListQuery) {
  const where: SQL[] = [published(query.tenantId)];
  if (query.sessionId) where.push(eq(proposals.sessionId, query.sessionId));
  if (query.kind) where.push(eq(proposals.kind, query.kind));
  if (query.isKey) where.push(eq(proposals.isKey, query.isKey === 'true'));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byText = or(ilike(proposals.title, pattern), ilike(proposals.body, pattern))!;
    const n = numberInQuery(query.q);
    where.push(n === null ? byText : or(byText, eq(proposals.number, n))!);
  }
  const cond = and(...where);
  const [total] = await tx.select({ n: count() }).from(proposals).where(cond);
  const rows = await tx
    .select()
    .from(proposals)
    .where(cond)
    .orderBy(asc(proposals.kind), desc(proposals.sessionId), asc(proposals.number), asc(proposals.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = await presentItems(tx, query.tenantId, rows);
  return { items, total: total!.n, page: query.page, pageSize: query.pageSize };
}

export async function listPublicKeyProposals(tx: Executor, tenantId: number, sessionId?: number, kind?: ProposalKind) {
  const where: SQL[] = [published(tenantId), eq(proposals.isKey, true)];
  if (sessionId) where.push(eq(proposals.sessionId, sessionId));
  if (kind) where.push(eq(proposals.kind, kind));
  // The two organs apart (政协 before 人大), then by session and number.
  const rows = await tx.select().from(proposals).where(and(...where)).orderBy(asc(proposals.kind), desc(proposals.sessionId), asc(proposals.number));
  const items = await presentItems(tx, tenantId, rows);
  const leaders = await leadersOf(tx, tenantId, rows.map((r) => r.id));
  return items.map((i) => ({ ...i, leaders: publicLeaders(leaders.get(i.id)) }));
}

export async function getPublicProposal(tx: Executor, tenantId: number, id: number): Promise<PublicProposalDetail> {
  const [p] = await tx.select().from(proposals).where(and(published(tenantId), eq(proposals.id, id)));
  if (!p) throw notFound('公开提案');
  const [item] = await presentItems(tx, tenantId, [p]);
  const replies = await leadRepliesOf(tx, tenantId, { proposalIds: [p.id] });
  const last = latest(replies.get(p.id));
  const availability = last?.disclosure === 'public' ? 'public' : last?.disclosure === 'on_request' ? 'on_request' : 'withheld';
  const leaders = p.isKey ? await leadersOf(tx, tenantId, [p.id]) : new Map<number, LeaderEntry[]>();
  const activities = p.isKey
    ? await tx
        .select({
          kind: supervisionActivities.kind,
          activityDate: supervisionActivities.activityDate,
          place: supervisionActivities.place,
          content: supervisionActivities.content,
        })
        .from(supervisionActivities)
        .where(and(eq(supervisionActivities.tenantId, tenantId), eq(supervisionActivities.proposalId, p.id)))
        .orderBy(asc(supervisionActivities.activityDate), asc(supervisionActivities.id))
    : [];
  const follow = await tx
    .select({ body: followUps.body, completed: followUps.completed, createdAt: followUps.createdAt })
    .from(followUps)
    .where(and(eq(followUps.tenantId, tenantId), eq(followUps.proposalId, p.id)))
    .orderBy(asc(followUps.createdAt), asc(followUps.id));
  return {
    ...item!,
    leaders: publicLeaders(leaders.get(p.id)),
    body: p.body,
    reply: last && availability === 'public' ? { body: last.body, replyDate: last.replyDate, resultClass: last.resultClass } : null,
    replyAvailability: availability,
    supervisionActivities: activities,
    followUps: follow.map((f) => ({ body: f.body, completed: f.completed, reportedOn: chinaDay(f.createdAt) })),
  };
}

const publicLeaders = (list: LeaderEntry[] | undefined) => (list ?? []).map((l) => ({ name: l.name, title: l.title }));

async function presentItems(tx: Executor, tenantId: number, rows: (typeof proposals.$inferSelect)[]): Promise<PublicProposalItem[]> {
  const ids = rows.map((r) => r.id);
  const names = await proposerNamesOf(tx, tenantId, ids);
  const leadUnits = await leadUnitsOf(tx, tenantId, { proposalIds: ids });
  const replies = await leadRepliesOf(tx, tenantId, { proposalIds: ids }, leadUnits);
  const sessionIds = [...new Set(rows.map((r) => r.sessionId))];
  const sessionRows = sessionIds.length
    ? await tx.select({ id: sessions.id, name: sessions.name, year: sessions.year }).from(sessions).where(and(eq(sessions.tenantId, tenantId), inArray(sessions.id, sessionIds)))
    : [];
  const sessionOf = new Map(sessionRows.map((s) => [s.id, s]));
  return rows.map((p) => ({
    id: p.id,
    sessionId: p.sessionId,
    sessionName: sessionOf.get(p.sessionId)?.name ?? '',
    sessionYear: sessionOf.get(p.sessionId)?.year ?? 0,
    kind: p.kind,
    number: p.number,
    title: p.title,
    category: p.category,
    isKey: p.isKey,
    status: p.status,
    proposers: names.get(p.id) ?? [],
    leadUnit: leadUnits.get(p.id)?.name ?? null,
    resultClass: latest(replies.get(p.id))?.resultClass ?? null,
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
  }));
}
