import type { Executor } from '../../db/client.js';
import { englishDate, englishPeriodLabel } from '../../../shared/dates.js';
import type { RemindTaskUnitsBody } from '../../../shared/schemas/tasks.js';
import { conflict } from '../../errors.js';
import { formatDay } from '../../tasks/format-day.js';
import type { Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { unitUserIds } from '../proposal-access.js';
import { owingUnits } from './owing-units.js';
import { getTaskPeriod } from './task-access.js';

/** 催办 (督查室): reminds the lead units that have not yet submitted their reports for a period. */
export async function remindTaskUnits(tx: Executor, actor: Actor, periodId: number, input: RemindTaskUnitsBody) {
  const period = await getTaskPeriod(tx, actor, periodId);
  let owing = await owingUnits(tx, period, input.taskIds);
  if (input.unitIds) owing = owing.filter((u) => input.unitIds!.includes(u.unitId));
  if (owing.length === 0) throw conflict('所选责任单位均已报送，无需催办');
  let notified = 0;
  const extra = input.message ? `：${input.message}` : '';
  for (const u of owing) {
    const ids = await unitUserIds(tx, actor.tenantId, [u.unitId]);
    notified += ids.length;
    await notify(tx, actor.tenantId, ids, {
      kind: 'task.remind',
      message: `催办：本单位牵头的${u.tasks}项重点工作尚未报送${period.label}完成情况，报送截止${formatDay(period.dueDate)}${extra}`,
      // The office's own words (input.message) are kept as written.
      messageEn: `Reminder: your unit has not yet reported its ${englishPeriodLabel(period.label)} progress on ${u.tasks} key task(s) it leads; reports are due ${englishDate(period.dueDate)}${input.message ? `: ${input.message}` : ''}`,
    });
  }
  await writeAudit(tx, actor, {
    action: 'task_period.remind',
    entityType: 'task_period',
    entityId: period.id,
    after: { units: owing, message: input.message ?? null },
  });
  return { units: owing, notified };
}
