import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { assignments, evaluations, members, proposals, proposers, replies, sessions, units } from '../../db/schema.js';
import type { HistoryImportBody, HistoryPreview, HistoryResult } from '../../../shared/schemas/imports.js';
import { chinaDay } from '../../clock.js';
import { loadCalendar, monthsDeadline } from '../../calendar/working-days.js';
import { forbidden } from '../../errors.js';
import { rowErrors } from '../../imports/workbook.js';
import { indexProposals } from '../../search/index-proposals.js';
import { hasRole, type Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { appendAudit } from '../audit-chain.js';
import { uniqueOr409 } from '../admin-support.js';
import { planHistory, previewOf, type ProposalPlan, type SessionPlan } from './plan-history.js';

const CHUNK = 200;
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
const TEXT_MISSING = '（历史届次导入，答复全文未录入）';

async function knownUnitNames(tx: Executor, tenantId: number) {
  return (await tx.select({ name: units.name }).from(units).where(eq(units.tenantId, tenantId))).map((u) => u.name);
}

/** 导入预览: what the workbook would add, with every error by sheet and row. Saves nothing. */
export async function previewHistory(tx: Executor, actor: Actor, input: HistoryImportBody, now: Date): Promise<HistoryPreview> {
  if (!hasRole(actor, 'staff')) throw forbidden();
  const plan = await planHistory(tx, actor, input.fileName, input.contentBase64, chinaDay(now));
  return previewOf(input.fileName, plan, await knownUnitNames(tx, actor.tenantId));
}

/**
 * 历史届次导入: a county's past sessions, as printed, in one transaction: the session (closed, not
 * current), its proposals with their printed numbers, proposers, review decisions, merges, key
 * flags, units (主办/会办/分办), replies with class and dates, and one evaluation per evaluated
 * unit. Any error in any row and nothing is written. The figures of the session then count from
 * these rows like any other session's (the rollup triggers run on the inserts).
 */
export async function commitHistory(tx: Executor, actor: Actor, input: HistoryImportBody, now: Date): Promise<HistoryResult> {
  if (!hasRole(actor, 'staff')) throw forbidden();
  const plan = await planHistory(tx, actor, input.fileName, input.contentBase64, chinaDay(now));
  if (plan.errors.length) throw rowErrors(plan.errors);

  // Names the tenant lacks: units (kept active; the 系统管理员 can stop them) and members without an account.
  const unitIds = new Map(plan.unitIds);
  if (plan.newUnits.length) {
    const made = await uniqueOr409(
      () =>
        tx
          .insert(units)
          .values(plan.newUnits.map((name) => ({ tenantId: actor.tenantId, name, kind: /(镇|街道)$/.test(name) ? ('town' as const) : ('department' as const) })))
          .returning({ id: units.id, name: units.name }),
      '承办单位名录已被他人修改，请重新预览后导入',
    );
    for (const u of made) unitIds.set(u.name, u.id);
  }
  const memberIds = new Map(plan.memberIds);
  if (plan.newMembers.length) {
    const made = await tx
      .insert(members)
      .values(plan.newMembers.map((m) => ({ tenantId: actor.tenantId, kind: m.kind, name: m.name })))
      .returning({ id: members.id, name: members.name, kind: members.kind });
    for (const m of made) memberIds.set(`${m.kind}:${m.name}`, m.id);
  }

  const cal = await loadCalendar(tx, actor.tenantId);
  const out: HistoryResult = { sessions: [], proposals: 0, replies: 0, evaluations: 0, membersCreated: plan.newMembers.length, unitsCreated: plan.newUnits.length };
  const allIds: number[] = [];
  for (const s of plan.sessions) {
    const sessionId = await writeSession(tx, actor, s);
    const ids = await writeProposals(tx, actor, s, sessionId, { unitIds, memberIds, bodyIds: plan.bodyIds }, cal);
    allIds.push(...ids);
    out.sessions.push({ id: sessionId, name: s.name, proposals: s.proposals.length });
    out.proposals += s.proposals.length;
    out.replies += s.proposals.reduce((n, p) => n + p.replies.length, 0);
    out.evaluations += s.proposals.reduce((n, p) => n + p.evaluations.length, 0);
  }
  await indexProposals(tx, allIds);
  await writeAudit(tx, actor, {
    action: 'session.import_history',
    entityType: 'session',
    entityId: out.sessions[0]?.id ?? null,
    after: { fileName: input.fileName, ...out, newUnits: plan.newUnits, newMembers: plan.newMembers.map((m) => m.name) },
  });
  return out;
}

async function writeSession(tx: Executor, actor: Actor, s: SessionPlan): Promise<number> {
  const numbers = s.proposals.flatMap((p) => (p.number ? [p.number] : []));
  const values = {
    name: s.name,
    year: s.year,
    plenaryStart: s.plenaryStart,
    plenaryEnd: s.plenaryEnd,
    // A past session: closed, numbered up to its highest printed number.
    isCurrent: false,
    lastNumber: numbers.length ? Math.max(...numbers) : 0,
  };
  if (s.existingId !== null) {
    await tx.update(sessions).set(values).where(eq(sessions.id, s.existingId));
    return s.existingId;
  }
  // Two imports of the same session at once: the second finds it taken.
  const [row] = await uniqueOr409(
    () => tx.insert(sessions).values({ tenantId: actor.tenantId, kind: s.kind, term: s.term, meeting: s.meeting, ...values }).returning({ id: sessions.id }),
    `届次「${s.name}」已存在，不能重复导入`,
  );
  return row!.id;
}

interface Names {
  unitIds: Map<string, number>;
  memberIds: Map<string, number>;
  bodyIds: Map<string, number>;
}

async function writeProposals(tx: Executor, actor: Actor, s: SessionPlan, sessionId: number, names: Names, cal: Awaited<ReturnType<typeof loadCalendar>>): Promise<number[]> {
  const submitted = s.plenaryStart ?? `${s.year}-01-15`;
  const lastReply = (p: ProposalPlan) => p.replies.map((r) => r.replyDate).sort().at(-1) ?? null;
  const statusOf = (p: ProposalPlan) =>
    p.decision !== 'filed' ? ('not_filed' as const) : p.mergedInto ? ('merged' as const) : p.leadUnits.length ? ('closed' as const) : ('filed' as const);
  const deadlineOf = (p: ProposalPlan) => p.deadline ?? (p.assignedAt ? monthsDeadline(p.assignedAt, 3, cal) : null);

  const ids: number[] = [];
  for (let i = 0; i < s.proposals.length; i += CHUNK) {
    const chunk = s.proposals.slice(i, i + CHUNK);
    const rows = await tx
      .insert(proposals)
      .values(
        chunk.map((p) => {
          const status = statusOf(p);
          const closedOn = status === 'closed' ? (lastReply(p) ?? deadlineOf(p)) : null;
          return {
            tenantId: actor.tenantId,
            sessionId,
            kind: s.kind,
            title: p.title,
            body: `<p>${escapeHtml(p.title)}</p><p>（历史届次导入：${s.name}，原提案正文未录入。）</p>`,
            category: p.category,
            submittedDuring: p.submittedDuring,
            status,
            number: p.number,
            createdBy: actor.userId,
            enteredBy: actor.userId,
            submittedAt: at(submitted),
            reviewDecision: p.decision === 'filed' ? ('filed' as const) : ('not_filed' as const),
            reviewReason: p.decision === 'filed' ? null : ('not_in_scope' as const),
            conversion: p.decision === 'filed' ? null : p.decision,
            reviewedAt: at(s.plenaryEnd ?? submitted),
            assignmentMode: p.leadUnits.length > 1 ? ('separate' as const) : p.leadUnits.length ? (p.coUnits.length ? ('joint' as const) : ('single' as const)) : null,
            assignedAt: p.assignedAt,
            deadline: deadlineOf(p),
            replySequence: Math.max(1, ...p.replies.map((r) => r.round)),
            isKey: p.isKey,
            closedAt: closedOn ? at(closedOn) : null,
            createdAt: at(submitted),
            updatedAt: closedOn ? at(closedOn) : at(submitted),
          };
        }),
      )
      .returning({ id: proposals.id });
    // Identity values follow the VALUES order.
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  }
  const idOf = new Map(s.proposals.map((p, i) => [p, ids[i]!]));
  const byNumber = new Map(s.proposals.flatMap((p) => (p.number ? [[p.number, idOf.get(p)!] as const] : [])));
  for (const p of s.proposals) if (p.mergedInto) await tx.update(proposals).set({ mergedInto: byNumber.get(p.mergedInto)! }).where(eq(proposals.id, idOf.get(p)!));

  const t = actor.tenantId;
  const proposerRows = s.proposals.flatMap((p) =>
    p.proposers.map((name, position) => {
      const bodyId = names.bodyIds.get(name) ?? null;
      return {
        tenantId: t,
        proposalId: idOf.get(p)!,
        position,
        bodyId,
        memberId: bodyId ? null : names.memberIds.get(`${s.kind}:${name}`)!,
        confirmation: position === 0 ? ('lead' as const) : ('confirmed' as const),
        confirmedAt: at(submitted),
      };
    }),
  );
  const assignmentRows = s.proposals.flatMap((p) => {
    const lead = p.leadUnits.map((name, position) => ({ name, role: p.leadUnits.length > 1 ? ('separate' as const) : ('lead' as const), position }));
    const co = p.coUnits.map((name, i) => ({ name, role: 'co' as const, position: i + 1 }));
    return [...lead, ...co].map((a) => ({
      tenantId: t, proposalId: idOf.get(p)!, unitId: names.unitIds.get(a.name)!, role: a.role, position: a.position, status: 'signed' as const,
      assignedAt: p.assignedAt!, signedAt: at(p.assignedAt!), signedBy: actor.userId,
    }));
  });
  const replyRows = s.proposals.flatMap((p) =>
    p.replies.map((r) => {
      const first = p.replies.find((x) => x.unit === r.unit && x.round === 1);
      // The second reply answered the 重新办理 deadline: a month after the first reply, as the session's default.
      const due = r.round === 1 ? deadlineOf(p)! : monthsDeadline(first!.replyDate, 1, cal);
      return {
        tenantId: t, proposalId: idOf.get(p)!, unitId: names.unitIds.get(r.unit)!, isLead: p.leadUnits[0] === r.unit, sequence: r.round,
        resultClass: r.resultClass, body: r.summary ?? TEXT_MISSING, disclosure: r.disclosure, documentNo: r.documentNo, signerName: r.signer ?? '—',
        signedAt: at(r.replyDate), dueDate: due, replyDate: r.replyDate, createdBy: actor.userId, createdAt: at(r.replyDate),
      };
    }),
  );
  const evaluationRows = s.proposals.flatMap((p) =>
    // The lead unit's evaluation first: while one evaluation per round counts in the figures, it is the lead's.
    [...p.evaluations]
      .sort((a, b) => a.round - b.round || Number(b.unit === p.leadUnits[0]) - Number(a.unit === p.leadUnits[0]))
      .map((e) => {
        const reply = p.replies.filter((r) => r.round === e.round).map((r) => r.replyDate).sort().at(-1)!;
        return {
          tenantId: t, proposalId: idOf.get(p)!, sequence: e.round, unitId: names.unitIds.get(e.unit)!, attitude: e.attitude, result: e.result,
          comment: e.comment, evaluatedBy: actor.userId, recordedBy: actor.userId, createdAt: at(reply),
        };
      }),
  );
  // One audit row per proposal: its history starts with the import (who brought it in, from which file).
  const audit = s.proposals.map((p) => ({
    tenantId: t, actorId: actor.userId, action: 'proposal.import_history', entityType: 'proposal', entityId: idOf.get(p)!, proposalId: idOf.get(p)!,
    before: null, after: { session: s.name, number: p.number, title: p.title, status: statusOf(p) }, ip: actor.ip ?? null,
  }));
  await insertChunked(tx, proposers, proposerRows);
  await insertChunked(tx, assignments, assignmentRows);
  await insertChunked(tx, replies, replyRows);
  await insertChunked(tx, evaluations, evaluationRows);
  // Through the chain like every audit row: each gets its sequence number and MAC.
  await appendAudit(tx, audit);
  return ids;
}

async function insertChunked<T extends object>(tx: Executor, table: Parameters<Executor['insert']>[0], values: T[]) {
  for (let i = 0; i < values.length; i += CHUNK) await tx.insert(table).values(values.slice(i, i + CHUNK) as never);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

