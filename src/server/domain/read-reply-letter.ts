import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, replies, units } from '../db/schema.js';
import type { Disclosure, ResultClass } from '../../shared/domain.js';
import { forbidden, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { hasRole } from './actor.js';
import { getVisibleProposal } from './proposal-access.js';
import { namedProposersOf, sessionHeadingOf, type NamedProposer, type SessionHeading } from './document-facts.js';
import { decryptField } from '../crypto/field-crypto.js';

/** Everything the 答复函 of one reply shows. */
export interface ReplyLetter {
  session: SessionHeading;
  /** 发文机关标志: 平湖市农业农村局 */
  issuer: string;
  documentNo: string | null;
  resultClass: ResultClass;
  disclosure: Disclosure;
  signerName: string;
  replyDate: string;
  contactPerson: string | null;
  body: string;
  /** 2 for the reply after 重新办理. */
  sequence: number;
  /** The proposal answered and the ones merged into it: one letter answers the whole group. */
  proposals: { number: number | null; title: string }[];
  proposers: NamedProposer[];
  /** 会办单位 of a lead unit's letter, as printed (「会同××、××办理」); empty in 分办 and without co-units. */
  coUnits: string[];
}

/**
 * The reply letter of reply `replyId`. Whoever may see the proposal and is staff, office or one of
 * its proposers may have it; a unit only the letters it wrote itself (a 会办 unit sees the
 * proposal but did not sign the letter).
 */
export async function readReplyLetter(tx: Executor, actor: Actor, replyId: number): Promise<ReplyLetter> {
  const [r] = await tx
    .select({ reply: replies, unitName: units.name })
    .from(replies)
    .innerJoin(units, eq(units.id, replies.unitId))
    .where(and(eq(replies.id, replyId), eq(replies.tenantId, actor.tenantId)));
  if (!r) throw notFound('答复函');
  // A reply on a proposal the actor may not see is 404, like the proposal itself.
  const p = await getVisibleProposal(tx, actor, r.reply.proposalId);
  if (!hasRole(actor, 'staff', 'office', 'member', 'group') && r.reply.unitId !== actor.unitId) {
    throw forbidden('只能下载本单位出具的答复函');
  }
  // A reply waiting for 答复审核 or returned has not gone out: only staff, the office and its unit have it.
  if (r.reply.status !== 'sent' && !hasRole(actor, 'staff', 'office') && r.reply.unitId !== actor.unitId) throw notFound('答复函');

  const session = await sessionHeadingOf(tx, actor.tenantId, p.sessionId);
  const merged = await tx
    .select({ id: proposals.id, number: proposals.number, title: proposals.title })
    .from(proposals)
    .where(and(eq(proposals.tenantId, actor.tenantId), eq(proposals.mergedInto, p.id)))
    .orderBy(asc(proposals.number), asc(proposals.id));
  const group = [{ id: p.id, number: p.number, title: p.title }, ...merged];
  const names = await namedProposersOf(tx, actor.tenantId, group.map((g) => g.id));
  const proposers: NamedProposer[] = [];
  for (const g of group) for (const n of names.get(g.id) ?? []) if (!proposers.some((x) => x.name === n.name)) proposers.push(n);

  const full = (name: string) => (name.startsWith(session.tenantName) ? name : `${session.tenantName}${name}`);
  const [own] = await tx
    .select({ role: assignments.role })
    .from(assignments)
    .where(and(eq(assignments.proposalId, p.id), eq(assignments.unitId, r.reply.unitId), ne(assignments.status, 'removed')));
  const coUnits =
    own?.role === 'lead'
      ? await tx
          .select({ name: units.name })
          .from(assignments)
          .innerJoin(units, eq(units.id, assignments.unitId))
          .where(and(eq(assignments.proposalId, p.id), eq(assignments.tenantId, actor.tenantId), eq(assignments.role, 'co'), ne(assignments.status, 'removed')))
          .orderBy(asc(assignments.position), asc(assignments.id))
      : [];
  return {
    session,
    issuer: full(r.unitName),
    documentNo: r.reply.documentNo,
    resultClass: r.reply.resultClass,
    disclosure: r.reply.disclosure,
    signerName: r.reply.signerName,
    replyDate: r.reply.replyDate,
    contactPerson: decryptField(r.reply.contactPerson),
    body: r.reply.body,
    sequence: r.reply.sequence,
    proposals: group.map((g) => ({ number: g.number, title: g.title })),
    proposers,
    coUnits: coUnits.map((u) => full(u.name)),
  };
}
