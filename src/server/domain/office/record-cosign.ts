import { enWords } from '../../../shared/vocabulary.js';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { bodies, members, proposers } from '../../db/schema.js';
import type { RecordCosignBody } from '../../../shared/schemas/office.js';
import { conflict, invalid } from '../../errors.js';
import type { Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { loadForAction, roleUserIds, updateProposal } from '../proposal-access.js';
import { proposerRows, userIdsOfRows } from '../proposer-relation.js';

/**
 * 代录联名确认: a co-proposer signed the paper (or a form handed in at the office) rather than
 * confirming online; staff record the signature in their name. The row says who recorded it, and
 * the last missing signature moves the proposal on to 待审查, as the co-proposer's own would.
 */
export async function recordCosign(tx: Executor, actor: Actor, id: number, input: RecordCosignBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'record_cosign', input.version);
  const rows = await proposerRows(tx, p.id);
  const mine = rows.filter((r) => r.position > 0 && (input.memberId ? r.memberId === input.memberId : r.bodyId === input.bodyId));
  const who = await nameOf(tx, actor.tenantId, input);
  if (mine.length === 0) throw invalid(input.memberId ? 'body.memberId' : 'body.bodyId', `${who}不是该提案的联名人`);
  const row = mine.find((r) => r.confirmation === 'pending');
  if (!row) throw conflict(`${who}已${mine[0]!.confirmation === 'confirmed' ? '确认' : '拒绝'}联名，不能再代录签名`);

  const [after] = await tx
    .update(proposers)
    .set({ confirmation: 'confirmed', confirmedAt: now, recordedBy: actor.userId })
    .where(eq(proposers.id, row.id))
    .returning();
  const stillPending = rows.some((r) => r.id !== row.id && r.position > 0 && r.confirmation === 'pending');
  // Like an online confirmation: only the last one changes the proposal's state.
  const next = stillPending ? await updateProposal(tx, p, 'record_cosign', {}) : await updateProposal(tx, p, 'record_cosign', { status: 'submitted' });
  await writeAudit(tx, actor, {
    action: 'proposal.record_cosign',
    entityType: 'proposer',
    entityId: row.id,
    proposalId: p.id,
    before: { proposer: row, status: p.status },
    after: { proposer: after, status: next.status, proxy: { for: who }, note: input.note ?? null },
  });

  const noun = p.kind === 'suggestion' ? '建议' : '提案';
  await notify(tx, actor.tenantId, await userIdsOfRows(tx, actor.tenantId, [row]), {
    kind: 'proposal.record_cosign',
    message: `${actor.displayName}已代录您对${noun}「${p.title}」的纸质联名签名`,
    messageEn: enWords(p.kind)`${actor.displayName} recorded your paper signature as co-signer of proposal “${p.title}”`,
    proposalId: p.id,
  });
  const lead = rows.filter((r) => r.position === 0);
  const tail = stillPending ? '' : `，联名确认已完成，${noun}已提交审查`;
  await notify(tx, actor.tenantId, [p.createdBy, ...(await userIdsOfRows(tx, actor.tenantId, lead))].filter((u) => u !== actor.userId), {
    kind: 'proposal.confirm_cosign',
    message: `${who}已联名${noun}「${p.title}」（纸质签名，${actor.displayName}代录）${tail}`,
    messageEn: enWords(p.kind)`${who} co-signed proposal “${p.title}” (on paper, recorded by ${actor.displayName})${stillPending ? '' : '; all co-signers have confirmed and it was submitted for review'}`,
    proposalId: p.id,
  });
  if (!stillPending) {
    const others = (await roleUserIds(tx, actor.tenantId, 'staff')).filter((u) => u !== actor.userId);
    await notify(tx, actor.tenantId, others, {
      kind: 'proposal.submitted',
      message: `${noun}「${p.title}」已完成联名确认并提交，请审查`,
      messageEn: enWords(p.kind)`Proposal “${p.title}” has all its co-signers and was submitted; please review it`,
      proposalId: p.id,
    });
  }
  return next;
}

async function nameOf(tx: Executor, tenantId: number, ref: { memberId?: number; bodyId?: number }): Promise<string> {
  if (ref.memberId) {
    const [m] = await tx.select({ name: members.name }).from(members).where(and(eq(members.id, ref.memberId), eq(members.tenantId, tenantId)));
    if (!m) throw invalid('body.memberId', '联名委员不存在');
    return m.name;
  }
  const [b] = await tx.select({ name: bodies.name }).from(bodies).where(and(eq(bodies.id, ref.bodyId!), eq(bodies.tenantId, tenantId)));
  if (!b) throw invalid('body.bodyId', '联名团体不存在');
  return b.name;
}
