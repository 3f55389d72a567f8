import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, sessions, units } from '../db/schema.js';
import type { UnitStats, UnitStatsRow } from '../../shared/schemas/figures.js';
import { notFound } from '../errors.js';
import { leadRepliesOf, leadUnitsOf, type ReplyRow } from './proposal-facts.js';
import { isOverdueNow, leadReplyTimeliness, onTimeRateOf, resultClassesOf } from './compute-figures.js';

/**
 * Per handling unit of a session: assigned, replied, on time, on-time rate, overdue now and the
 * A/B/C of its lead replies. Every figure goes through the same helpers as computeFigures, so the
 * units' numbers add up to the session's (replies, on time, overdue, A/B/C).
 */
export async function computeUnitStats(tx: Executor, tenantId: number, sessionId: number, today: string): Promise<UnitStats> {
  const [session] = await tx
    .select({ id: sessions.id, name: sessions.name })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)));
  if (!session) throw notFound('届次会议');

  const rows = await tx
    .select({ proposalId: assignments.proposalId, unitId: assignments.unitId, name: units.name })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(
      and(
        eq(assignments.tenantId, tenantId),
        eq(proposals.tenantId, tenantId),
        eq(proposals.sessionId, sessionId),
        ne(assignments.status, 'removed'),
      ),
    );
  const assigned = new Map<number, { name: string; proposals: Set<number> }>();
  for (const r of rows) {
    const u = assigned.get(r.unitId) ?? { name: r.name, proposals: new Set<number>() };
    u.proposals.add(r.proposalId);
    assigned.set(r.unitId, u);
  }

  const scope = { sessionId };
  const lead = await leadUnitsOf(tx, tenantId, scope);
  const leadReplies = await leadRepliesOf(tx, tenantId, scope, lead);
  const states = await tx
    .select({ id: proposals.id, status: proposals.status, deadline: proposals.deadline })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, sessionId)));

  const perUnit = new Map<number, { asLead: number; replies: ReplyRow[][]; overdue: number }>();
  const of = (unitId: number) => {
    let u = perUnit.get(unitId);
    if (!u) perUnit.set(unitId, (u = { asLead: 0, replies: [], overdue: 0 }));
    return u;
  };
  for (const [, l] of lead) of(l.unitId).asLead++;
  for (const [proposalId, list] of leadReplies) of(lead.get(proposalId)!.unitId).replies.push(list);
  for (const p of states) {
    const l = lead.get(p.id);
    if (l && isOverdueNow(p, today)) of(l.unitId).overdue++;
  }

  const out: UnitStatsRow[] = [...assigned.entries()].map(([unitId, a]) => {
    const u = perUnit.get(unitId) ?? { asLead: 0, replies: [], overdue: 0 };
    const timeliness = leadReplyTimeliness(u.replies);
    return {
      unitId,
      name: a.name,
      assigned: a.proposals.size,
      asLead: u.asLead,
      replied: timeliness.replies,
      onTime: timeliness.onTime,
      onTimeRate: onTimeRateOf(timeliness, u.overdue),
      overdue: u.overdue,
      resultClasses: resultClassesOf(u.replies),
    };
  });
  out.sort((x, y) => x.name.localeCompare(y.name, 'zh-CN') || x.unitId - y.unitId);
  return { sessionId: session.id, sessionName: session.name, asOf: today, units: out };
}
