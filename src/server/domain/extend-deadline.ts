import type { Executor } from '../db/client.js';
import { chineseDate, englishDate } from '../../shared/dates.js';
import type { ExtendBody } from '../../shared/schemas/handling.js';
import { chinaDay } from '../clock.js';
import { addWorkingDays, loadCalendar, monthsDeadline } from '../calendar/working-days.js';
import { DUE_SOON_WORKING_DAYS } from '../jobs/scan-deadlines.js';
import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, sessionOf } from './handling-common.js';
import { loadForAction, unitUserIds, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 延期: a complex proposal may get more time, but never beyond the session's maximum (six months
 * from assignment as the rule).
 */
export async function extendDeadline(tx: Executor, actor: Actor, id: number, input: ExtendBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'extend_deadline', input.version);
  if (p.deadline && input.deadline <= p.deadline) {
    throw invalid('body.deadline', `延期后的期限须晚于当前期限${chineseDate(p.deadline)}`);
  }
  const session = await sessionOf(tx, p);
  const cal = await loadCalendar(tx, actor.tenantId);
  const limit = monthsDeadline(p.assignedAt!, session.replyMaxMonths, cal);
  if (input.deadline > limit) {
    throw invalid('body.deadline', `办理期限自交办之日起最长${session.replyMaxMonths}个月，最迟可延至${chineseDate(limit)}`);
  }
  const today = chinaDay(now);
  // The same flags the daily deadline scan would set, so lists are right before its next run.
  const overdue = input.deadline < today;
  const dueSoon = !overdue && input.deadline < addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1, cal);
  const next = await updateProposal(tx, p, 'extend_deadline', { deadline: input.deadline, overdue, dueSoon });
  await writeAudit(tx, actor, {
    action: 'proposal.extend_deadline',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: p,
    after: { ...next, reason: input.reason },
  });
  const unitIds = (await activeAssignments(tx, p.id)).map((a) => a.unitId);
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, unitIds), {
    kind: 'proposal.extend_deadline',
    message: words(p.kind)`提案「${p.title}」的答复期限已延至${chineseDate(input.deadline)}：${input.reason}`,
    messageEn: enWords(p.kind)`The reply deadline of proposal “${p.title}” is extended to ${englishDate(input.deadline)}: “${input.reason}”`,
    proposalId: p.id,
  });
  return next;
}
