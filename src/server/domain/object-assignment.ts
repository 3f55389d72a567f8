import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments } from '../db/schema.js';
import type { ObjectBody } from '../../shared/schemas/handling.js';
import { ASSIGNMENT_STATUSES, UNIT_ROLES } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { loadCalendar } from '../calendar/working-days.js';
import { objectionClosedMessage, objectionWindow } from './objection-window.js';
import { conflict } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { actorAssignment, repliedUnitIds, sessionOf, unitName } from './handling-common.js';
import { loadForAction, roleUserIds, staffUserIds } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 申请调整/退回: within the session's window of working days after the unit received the
 * assignment, it may ask to be removed or replaced; the office or committee decides.
 */
export async function objectAssignment(tx: Executor, actor: Actor, id: number, input: ObjectBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'object', input.version);
  const a = await actorAssignment(tx, actor, p);
  if (a.status !== 'pending' && a.status !== 'signed') {
    throw conflict(`本单位的交办状态为「${ASSIGNMENT_STATUSES.labels[a.status]}」，不能申请调整`, { assignmentStatus: a.status });
  }
  if ((await repliedUnitIds(tx, p)).has(a.unitId)) throw conflict('本单位已答复，不能再申请调整');
  const session = await sessionOf(tx, p);
  const cal = await loadCalendar(tx, actor.tenantId);
  const today = chinaDay(now);
  // The window runs from this unit's own assignment date: a replacement unit gets a full window.
  const window = objectionWindow(a.assignedAt, session.objectionWorkingDays, today, cal);
  if (!window.open) {
    throw conflict(`${objectionClosedMessage(window.lastDay)}（交办后${session.objectionWorkingDays}个工作日内方可申请调整）`, {
      assignedAt: a.assignedAt,
      lastDay: window.lastDay,
    });
  }
  const [objected] = await tx
    .update(assignments)
    .set({
      status: 'objected',
      objectionReason: input.reason,
      objectionSuggestedUnit: input.suggestedUnit || null,
      objectedAt: now,
      decision: null,
      decisionComment: null,
      decidedBy: null,
      decidedAt: null,
      version: a.version + 1,
    })
    .where(eq(assignments.id, a.id))
    .returning();
  await writeAudit(tx, actor, { action: 'assignment.object', entityType: 'assignment', entityId: a.id, proposalId: p.id, before: a, after: objected });
  const deciders = [...(await roleUserIds(tx, actor.tenantId, 'office')), ...(await staffUserIds(tx, actor.tenantId, p.kind))];
  await notify(tx, actor.tenantId, deciders, {
    kind: 'assignment.object',
    message: words(p.kind)`${await unitName(tx, a.unitId)}申请调整提案「${p.title}」的${UNIT_ROLES.labels[a.role]}单位：${input.reason}`,
    messageEn: enWords(p.kind)`${await unitName(tx, a.unitId)} asks to be changed as ${UNIT_ROLES.en[a.role].toLowerCase()} unit of proposal “${p.title}”: “${input.reason}”`,
    proposalId: p.id,
  });
  return p;
}
