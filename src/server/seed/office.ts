import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { notifications, proposals, proposers, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { commitHistory } from '../domain/history/commit-history.js';
import { enterPaperProposal } from '../domain/office/enter-paper-proposal.js';
import { recordCosign } from '../domain/office/record-cosign.js';
import { stampAuditAt } from '../domain/audit-chain.js';
import type { Org } from './org.js';
import { at } from './rng.js';

// What the committee office did in the demo, through the office's own use cases: last year's
// session brought in from the county's spreadsheet (十一届四次会议, 2025), a paper proposal typed in
// for a member with one paper co-signature recorded on entry and one later, and a paper
// co-signature recorded on a proposal submitted online.

export const HISTORY_FIXTURE = path.resolve(import.meta.dirname, 'fixtures/history-2025.xlsx');

export async function seedOfficeWork(tx: Tx, org: Org) {
  const staffId = org.ph.users.get('tiweiban')!;
  const [staff] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, staffId));
  const tiweiban: Actor = { userId: staffId, tenantId: org.ph.tenantId, roles: ['staff'], organ: 'cppcc', displayName: staff!.name, unitId: null, bodyId: null, memberId: null, leaderId: null };

  // Rows written from here on get the demo's own dates: the use cases stamp the real clock.
  const [{ lastNote }] = (await tx.select({ lastNote: sql<number>`coalesce(max(${notifications.id}), 0)` }).from(notifications)) as [{ lastNote: number }];

  // 历史届次: imported in February, before this year's plenary business got going.
  const imported = at('2026-02-09', 15, 20);
  const content = readFileSync(HISTORY_FIXTURE).toString('base64');
  const history = await stampAuditAt(imported, () =>
    commitHistory(tx, tiweiban, { fileName: '平湖市政协十一届四次会议提案办理情况.xlsx', contentBase64: content }, imported),
  );

  // 代录: a paper proposal handed in at the office, two co-signers; one signed the paper, one signs later.
  const [lead, signed, later] = [org.ph.members[21]!, org.ph.members[22]!, org.ph.members[23]!];
  const entered = at('2026-11-18', 9, 40);
  const p = await stampAuditAt(entered, () => enterPaperProposal(
    tx,
    tiweiban,
    {
      sessionId: org.ph.proposal.id,
      title: '关于加强独山港区危化品运输车辆停放管理的建议',
      body:
        '<p>独山港区化工企业集中，危化品运输车辆进出频繁。目前港区周边缺少专用停车场，部分车辆沿路临时停放，存在较大安全隐患。</p>' +
        '<p>建议：一是在港区规划建设危化品运输车辆专用停车场，配套消防和监控设施；二是建立车辆进出港区预约和动态监管平台；三是加强交警、应急、交通等部门联合执法，严查违规停放。</p>',
      category: 'urban',
      submittedDuring: 'interim',
      proposer: { memberId: lead.memberId! },
      coProposers: [
        { memberId: signed.memberId!, signed: true },
        { memberId: later.memberId!, signed: false },
      ],
      receivedOn: '2026-11-17',
    },
    entered,
  ));
  const afterEntry = (await tx.select().from(proposals).where(eq(proposals.id, p.id)))[0]!;
  const signedLater = at('2026-11-20', 14, 5);
  await stampAuditAt(signedLater, () => recordCosign(tx, tiweiban, p.id, { memberId: later.memberId!, note: '纸质联名表已交提案委存档', version: afterEntry.version }, signedLater));

  // A paper co-signature on a proposal submitted online: one of its two co-proposers signed a form.
  const waiting = await tx
    .select({ id: proposals.id, version: proposals.version })
    .from(proposals)
    .innerJoin(proposers, eq(proposers.proposalId, proposals.id))
    .where(and(eq(proposals.status, 'pending_cosign'), eq(proposers.position, 0), eq(proposers.memberId, org.ph.members[9]!.memberId!)));
  const target = waiting[0];
  const onSite = at('2026-11-21', 10, 30);
  if (target) await stampAuditAt(onSite, () => recordCosign(tx, tiweiban, target.id, { memberId: org.ph.members[11]!.memberId!, note: '委员在会议现场签署纸质联名表', version: target.version }, onSite));

  // Notices carry the days the demo tells, not the day it was loaded (audit rows were stamped above).
  await tx.update(notifications).set({ createdAt: signedLater }).where(gt(notifications.id, lastNote));
  await tx.update(proposals).set({ createdAt: entered, updatedAt: signedLater }).where(eq(proposals.id, p.id));
  if (target) await tx.update(proposals).set({ updatedAt: onSite }).where(eq(proposals.id, target.id));
  return { history };
}
