import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { followUps, proposals, supervisionActivities } from '../db/schema.js';
import type { ResultClass, Satisfaction, SupervisionKind } from '../../shared/domain.js';
import type { Figures } from '../../shared/schemas/figures.js';
import { chinaDay } from '../clock.js';
import type { Actor } from './actor.js';
import { computeFigures, latestUnitEvaluationsOf, leadEvaluations } from './compute-figures.js';
import { namedProposersOf, sessionHeadingOf, type SessionHeading } from './document-facts.js';
import { latest, leadersOf, leadRepliesOf, leadUnitsOf, type LeaderEntry } from './proposal-facts.js';
import { groupBy } from './list-proposals.js';
import { getVisibleSession } from './proposal-access.js';

export interface KeyProposalEntry {
  id: number;
  number: number | null;
  title: string;
  body: string;
  proposers: string[];
  leaders: LeaderEntry[];
  leadUnit: string | null;
  resultClass: ResultClass | null;
  /** The lead unit's latest reply text, if it has replied. */
  replyBody: string | null;
  /** The lead unit's latest evaluation by the proposer, once evaluated. */
  evaluation: { attitude: Satisfaction; result: Satisfaction } | null;
  activities: { kind: SupervisionKind; activityDate: string; place: string; content: string; instructions: string | null }[];
  /** 落实情况 reported by the units, oldest first. */
  followUps: { body: string; completed: boolean; reportedOn: string }[];
}

/** What the 重点提案公示 and the 重点提案办理综述 show: the session's figures and each key proposal. */
export interface KeyProposalReport {
  session: SessionHeading;
  /** Exactly what GET /sessions/:id/figures answers on the same day. */
  figures: Figures;
  items: KeyProposalEntry[];
}

/**
 * The key proposals of a session in number order with their leaders, lead unit, result class,
 * supervision record and follow-up reports. The figures come from computeFigures and nowhere
 * else, so a document never disagrees with the figures page.
 */
export async function readKeyProposalReport(tx: Executor, actor: Actor, sessionId: number, today: string): Promise<KeyProposalReport> {
  const tenantId = actor.tenantId;
  await getVisibleSession(tx, actor, sessionId);
  const session = await sessionHeadingOf(tx, tenantId, sessionId);
  const figures = await computeFigures(tx, tenantId, sessionId, today);
  const rows = await tx
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, body: proposals.body })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, sessionId), eq(proposals.isKey, true)))
    .orderBy(asc(proposals.number), asc(proposals.id));
  const ids = rows.map((r) => r.id);
  const scope = { proposalIds: ids };
  const leadUnits = await leadUnitsOf(tx, tenantId, scope);
  const [names, leaders, replies, activityRows, followRows] = await Promise.all([
    namedProposersOf(tx, tenantId, ids),
    leadersOf(tx, tenantId, ids),
    leadRepliesOf(tx, tenantId, scope, leadUnits),
    ids.length
      ? tx
          .select({
            proposalId: supervisionActivities.proposalId,
            kind: supervisionActivities.kind,
            activityDate: supervisionActivities.activityDate,
            place: supervisionActivities.place,
            content: supervisionActivities.content,
            instructions: supervisionActivities.instructions,
          })
          .from(supervisionActivities)
          .where(and(eq(supervisionActivities.tenantId, tenantId), inArray(supervisionActivities.proposalId, ids)))
          .orderBy(asc(supervisionActivities.activityDate), asc(supervisionActivities.id))
      : [],
    ids.length
      ? tx
          .select({ proposalId: followUps.proposalId, body: followUps.body, completed: followUps.completed, createdAt: followUps.createdAt })
          .from(followUps)
          .where(and(eq(followUps.tenantId, tenantId), inArray(followUps.proposalId, ids)))
          .orderBy(asc(followUps.createdAt), asc(followUps.id))
      : [],
  ]);
  const evals = leadEvaluations(await latestUnitEvaluationsOf(tx, tenantId, sessionId, leadUnits), leadUnits);
  const evalOf = new Map(evals.map((e) => [e.proposalId, e]));
  const activitiesOf = groupBy(activityRows, (a) => a.proposalId);
  const followOf = groupBy(followRows, (f) => f.proposalId);
  const items = rows.map((p): KeyProposalEntry => {
    const last = latest(replies.get(p.id));
    return {
      id: p.id,
      number: p.number,
      title: p.title,
      body: p.body,
      proposers: (names.get(p.id) ?? []).map((n) => n.name),
      leaders: leaders.get(p.id) ?? [],
      leadUnit: leadUnits.get(p.id)?.name ?? null,
      resultClass: last?.resultClass ?? null,
      replyBody: last?.body ?? null,
      evaluation: evalOf.has(p.id) ? { attitude: evalOf.get(p.id)!.attitude, result: evalOf.get(p.id)!.result } : null,
      activities: (activitiesOf.get(p.id) ?? []).map(({ proposalId: _p, ...a }) => a),
      followUps: (followOf.get(p.id) ?? []).map((f) => ({ body: f.body, completed: f.completed, reportedOn: chinaDay(f.createdAt) })),
    };
  });
  return { session, figures, items };
}
