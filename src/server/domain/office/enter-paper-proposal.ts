import { enWords } from '../../../shared/vocabulary.js';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { bodies, members, proposals, proposers, users } from '../../db/schema.js';
import type { PaperProposalBody } from '../../../shared/schemas/office.js';
import { chinaDay } from '../../clock.js';
import { forbidden, invalid } from '../../errors.js';
import { hasRole, type Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { checkCoProposers } from '../create-proposal.js';
import { roleUserIds } from '../proposal-access.js';
import { userIdsOfRows } from '../proposer-relation.js';
import { cleanBody } from '../rich-text.js';
import { indexProposal } from '../../search/index-proposals.js';
import { staffSession } from './staff-session.js';

type Ref = { memberId?: number; bodyId?: number };
/** A proposer reference as a row: the form's absent side is null. */
const asRow = (r: Ref) => ({ memberId: r.memberId ?? null, bodyId: r.bodyId ?? null });

/**
 * 代录纸质提案: a proposal handed in on paper, typed in by committee staff in the proposer's name.
 * It is the proposer's proposal (they see it, withdraw it, evaluate the reply); the staff member
 * is kept as `entered_by` and the history says who entered it. Co-proposers who signed the paper
 * are recorded as confirmed by the staff member (代录); the others are asked to confirm, and the
 * proposal waits in 待联名确认 until they have. Otherwise it goes straight to 待审查.
 */
export async function enterPaperProposal(tx: Executor, actor: Actor, input: PaperProposalBody, now: Date) {
  if (!hasRole(actor, 'staff')) throw forbidden();
  const session = await staffSession(tx, actor, input.sessionId);
  if (input.receivedOn && input.receivedOn > chinaDay(now)) throw invalid('body.receivedOn', '收到日期不能晚于今天');
  const lead = await proposerOf(tx, actor, input.proposer, session.kind, 'body.proposer');
  await checkCoProposers(tx, actor, input.coProposers, input.proposer);
  await checkMemberKinds(tx, actor, input.coProposers, session.kind);

  const unsigned = input.coProposers.filter((c) => !c.signed);
  const status = unsigned.length ? ('pending_cosign' as const) : ('submitted' as const);
  // The proposal belongs to its proposer: their account is its author when they have one.
  const owner = (await userIdsOfRows(tx, actor.tenantId, [asRow(input.proposer)]))[0] ?? actor.userId;
  const submittedAt = input.receivedOn ? new Date(`${input.receivedOn}T10:00:00+08:00`) : now;
  const [p] = await tx
    .insert(proposals)
    .values({
      tenantId: actor.tenantId,
      sessionId: session.id,
      kind: session.kind,
      title: input.title,
      body: cleanBody(input.body),
      category: input.category,
      submittedDuring: input.submittedDuring,
      status,
      createdBy: owner,
      enteredBy: actor.userId,
      submittedAt,
    })
    .returning();
  const rows = await tx
    .insert(proposers)
    .values([
      { tenantId: actor.tenantId, proposalId: p!.id, position: 0, memberId: input.proposer.memberId ?? null, bodyId: input.proposer.bodyId ?? null, confirmation: 'lead' as const },
      ...input.coProposers.map((c, i) => ({
        tenantId: actor.tenantId,
        proposalId: p!.id,
        position: i + 1,
        memberId: c.memberId ?? null,
        bodyId: c.bodyId ?? null,
        confirmation: c.signed ? ('confirmed' as const) : ('pending' as const),
        confirmedAt: c.signed ? now : null,
        recordedBy: c.signed ? actor.userId : null,
      })),
    ])
    .returning();
  await indexProposal(tx, p!.id);
  await writeAudit(tx, actor, {
    action: 'proposal.enter_paper',
    entityType: 'proposal',
    entityId: p!.id,
    proposalId: p!.id,
    after: { ...p, proposers: rows, proxy: { for: lead.name, signedOnPaper: input.coProposers.filter((c) => c.signed).length } },
  });

  const noun = session.kind === 'suggestion' ? '建议' : '提案';
  await notify(tx, actor.tenantId, await userIdsOfRows(tx, actor.tenantId, [asRow(input.proposer)]), {
    kind: 'proposal.enter_paper',
    message: `${actor.displayName}已代录您的纸质${noun}「${p!.title}」${status === 'submitted' ? '，已提交审查' : '，待联名人确认'}`,
    messageEn: enWords(session.kind)`${actor.displayName} entered your paper proposal “${p!.title}”${status === 'submitted' ? '; it was submitted for review' : '; it waits for the co-signers'}`,
    proposalId: p!.id,
  });
  const signed = rows.filter((r) => r.position > 0 && r.confirmation === 'confirmed');
  if (signed.length) {
    await notify(tx, actor.tenantId, await userIdsOfRows(tx, actor.tenantId, signed), {
      kind: 'proposal.record_cosign',
      message: `${actor.displayName}已代录您在纸质${noun}「${p!.title}」上的联名签名`,
      messageEn: enWords(session.kind)`${actor.displayName} recorded your signature as co-signer of paper proposal “${p!.title}”`,
      proposalId: p!.id,
    });
  }
  if (unsigned.length) {
    await notify(tx, actor.tenantId, await userIdsOfRows(tx, actor.tenantId, unsigned.map(asRow)), {
      kind: 'proposal.cosign_requested',
      message: `${lead.name}邀请您联名${noun}「${p!.title}」（纸质${noun}，由${actor.displayName}代录），请确认是否联名`,
      messageEn: enWords(session.kind)`${lead.name} invites you to co-sign proposal “${p!.title}” (on paper, entered by ${actor.displayName}); please confirm`,
      proposalId: p!.id,
    });
  } else {
    const others = (await roleUserIds(tx, actor.tenantId, 'staff')).filter((id) => id !== actor.userId);
    await notify(tx, actor.tenantId, others, {
      kind: 'proposal.submitted',
      message: `${noun}「${p!.title}」已代录提交，请审查`,
      messageEn: enWords(session.kind)`Proposal “${p!.title}” was entered from paper and submitted; please review it`,
      proposalId: p!.id,
    });
  }
  return p!;
}

/** The named proposer: a member of the session's kind (委员 for 提案, 代表 for 建议) or a body. */
async function proposerOf(tx: Executor, actor: Actor, ref: Ref, kind: 'proposal' | 'suggestion', path: string): Promise<{ name: string }> {
  if (ref.memberId) {
    const [m] = await tx.select({ name: members.name, kind: members.kind }).from(members).where(and(eq(members.id, ref.memberId), eq(members.tenantId, actor.tenantId)));
    if (!m) throw invalid(`${path}.memberId`, '提案人不存在');
    if (m.kind !== kind) throw invalid(`${path}.memberId`, kind === 'suggestion' ? '提出代表建议的须是人大代表' : '提出提案的须是政协委员');
    return m;
  }
  const [b] = await tx.select({ name: bodies.name }).from(bodies).where(and(eq(bodies.id, ref.bodyId!), eq(bodies.tenantId, actor.tenantId)));
  if (!b) throw invalid(`${path}.bodyId`, '提案团体不存在');
  return b;
}

async function checkMemberKinds(tx: Executor, actor: Actor, co: Ref[], kind: 'proposal' | 'suggestion') {
  const ids = co.flatMap((c) => (c.memberId ? [c.memberId] : []));
  if (!ids.length) return;
  const rows = await tx.select({ id: members.id, kind: members.kind }).from(members).where(and(inArray(members.id, ids), eq(members.tenantId, actor.tenantId)));
  const wrong = rows.find((r) => r.kind !== kind);
  if (wrong) throw invalid(`body.coProposers.${co.findIndex((c) => c.memberId === wrong.id)}`, kind === 'suggestion' ? '附议人须是人大代表' : '联名人须是政协委员');
}

/** Names of the staff who entered proposals or recorded signatures, for the proposal page. */
export async function userNames(tx: Executor, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
