import type { Executor } from '../db/client.js';
import { chineseDate, englishDate } from '../../shared/dates.js';
import { assignments } from '../db/schema.js';
import type { AssignBody, AssignBulkBody, AssignmentUnits } from '../../shared/schemas/handling.js';
import { UNIT_ROLES, type UnitRole } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { loadCalendar, monthsDeadline, type WorkCalendar } from '../calendar/working-days.js';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { checkUnits, sessionOf } from './handling-common.js';
import { loadForAction, unitUserIds, updateProposal, type ProposalRow } from './proposal-access.js';
import { enWords, term, words } from '../../shared/vocabulary.js';

/** 交办: one proposal to its lead unit (and co-units), or to several units answering separately. */
export async function assignProposal(tx: Executor, actor: Actor, id: number, input: AssignBody, now: Date) {
  // Visibility first: a proposal the actor cannot see is 404 whatever units the form names.
  const p = await loadForAction(tx, actor, id, 'assign', input.version);
  await checkAssignmentUnits(tx, actor, input);
  const cal = await loadCalendar(tx, actor.tenantId);
  const { next, planned } = await assignOne(tx, actor, p, input, chinaDay(now), cal);
  for (const row of planned) {
    await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, [row.unitId]), {
      kind: 'proposal.assign',
      message: words(next.kind)`提案「${next.title}」已交办贵单位（${UNIT_ROLES.labels[row.role]}），请及时签收，答复期限${chineseDate(next.deadline!)}`,
      messageEn: enWords(next.kind)`Proposal “${next.title}” was assigned to your unit (${UNIT_ROLES.en[row.role]}); please sign for it. Reply by ${englishDate(next.deadline!)}`,
      proposalId: next.id,
    });
  }
  return next;
}

/**
 * 交办会: many proposals to the same units in one transaction. Any failure (state, version, a
 * proposal the actor cannot see) aborts them all, and the error says which proposal failed.
 */
export async function assignProposalsBulk(tx: Executor, actor: Actor, input: AssignBulkBody, now: Date) {
  await checkAssignmentUnits(tx, actor, input);
  const cal = await loadCalendar(tx, actor.tenantId);
  const today = chinaDay(now);
  const out: ProposalRow[] = [];
  // Locking in id order keeps two overlapping bulk runs from deadlocking each other.
  const ordered = input.items.map((it, index) => ({ ...it, index })).sort((a, b) => a.id - b.id);
  for (const item of ordered) {
    try {
      const p = await loadForAction(tx, actor, item.id, 'assign', item.version);
      out[item.index] = (await assignOne(tx, actor, p, input, today, cal)).next;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      throw new AppError(e.code, `第${item.index + 1}项（提案ID ${item.id}）交办失败：${e.message}`, {
        proposalId: item.id,
        index: item.index,
        cause: e.details,
      });
    }
  }
  // One notice per unit user for the whole meeting, not one per proposal.
  for (const r of plan(input)) {
    await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, [r.unitId]), {
      kind: 'proposal.assign',
      message: `交办会向贵单位交办${itemsOf(out)}${out.length}件（${UNIT_ROLES.labels[r.role]}），请及时签收`,
      messageEn: `The assignment meeting assigned ${out.length} item(s) to your unit (${UNIT_ROLES.en[r.role]}); please sign for them`,
      proposalId: out.length === 1 ? out[0]!.id : null,
    });
  }
  return out;
}

async function checkAssignmentUnits(tx: Executor, actor: Actor, u: AssignmentUnits) {
  await checkUnits(tx, actor.tenantId, [
    { path: 'body.leadUnitId', ids: u.leadUnitId !== undefined ? [u.leadUnitId] : [] },
    { path: 'body.coUnitIds', ids: u.coUnitIds },
    { path: 'body.separateUnitIds', ids: u.separateUnitIds },
  ]);
}

/** The assignment rows a choice of units stands for; position 0 is the lead for the figures. */
function plan(u: AssignmentUnits): { unitId: number; role: UnitRole; position: number }[] {
  if (u.mode === 'separate') return u.separateUnitIds.map((unitId, i) => ({ unitId, role: 'separate', position: i }));
  return [
    { unitId: u.leadUnitId!, role: 'lead', position: 0 },
    ...(u.mode === 'joint' ? u.coUnitIds : []).map((unitId, i) => ({ unitId, role: 'co' as const, position: i + 1 })),
  ];
}

async function assignOne(
  tx: Executor,
  actor: Actor,
  p: ProposalRow,
  u: AssignmentUnits,
  today: string,
  cal: WorkCalendar,
) {
  const session = await sessionOf(tx, p);
  const planned = plan(u);
  const rows = await tx
    .insert(assignments)
    .values(planned.map((r) => ({ ...r, tenantId: actor.tenantId, proposalId: p.id, status: 'pending' as const, assignedAt: today })))
    .returning();
  const next = await updateProposal(tx, p, 'assign', {
    status: 'assigned',
    assignmentMode: u.mode,
    assignedAt: today,
    deadline: monthsDeadline(today, session.replyMonths, cal),
    replySequence: 1,
    overdue: false,
    dueSoon: false,
  });
  await writeAudit(tx, actor, {
    action: 'proposal.assign',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: p,
    after: { ...next, assignments: rows },
  });
  return { next, planned };
}

/** 「提案」, 「代表建议」 or both, for a notice about a batch (the office assigns both kinds at one meeting). */
const itemsOf = (rows: ProposalRow[]) => {
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return kinds.length === 1 ? term(kinds[0]!, 'item') : '提案和代表建议';
};
