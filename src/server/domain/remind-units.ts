import { and, eq, inArray } from 'drizzle-orm';
import { chineseDate, englishDate } from '../../shared/dates.js';
import type { Executor } from '../db/client.js';
import { assignments } from '../db/schema.js';
import type { RemindBody } from '../../shared/schemas/handling.js';
import { conflict } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, answersWithReply, repliedUnitIds } from './handling-common.js';
import { loadForAction, unitUserIds } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/** 催办: reminds the units that still owe something on the current round (not those that replied). */
export async function remindUnits(tx: Executor, actor: Actor, id: number, input: RemindBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'remind');
  const replied = await repliedUnitIds(tx, p);
  const owing = (await activeAssignments(tx, p.id)).filter((a) => !(answersWithReply(a) && replied.has(a.unitId)));
  if (owing.length === 0) throw conflict('各承办单位均已答复，无需催办');
  const ids = owing.map((a) => a.id);
  await tx
    .update(assignments)
    .set({ remindedAt: now })
    .where(and(eq(assignments.proposalId, p.id), inArray(assignments.id, ids)));
  await writeAudit(tx, actor, {
    action: 'proposal.remind',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    after: { assignmentIds: ids, message: input.message ?? null, remindedAt: now },
  });
  const extra = input.message ? `：${input.message}` : '';
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, owing.map((a) => a.unitId)), {
    kind: 'proposal.remind',
    message: words(p.kind)`催办：请抓紧办理提案「${p.title}」，答复期限${p.deadline ? chineseDate(p.deadline) : ''}${extra}`,
    messageEn: enWords(p.kind)`Reminder: please press on with proposal “${p.title}”${p.deadline ? `, reply by ${englishDate(p.deadline)}` : ''}${input.message ? `: “${input.message}”` : ''}`,
    proposalId: p.id,
  });
  return p;
}
