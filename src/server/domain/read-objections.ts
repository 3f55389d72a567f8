import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, sessions, units } from '../db/schema.js';
import type { ObjectionItem } from '../../shared/schemas/objections.js';
import type { Actor } from './actor.js';
import { isLeadAssignment } from './handling-common.js';
import { visibleProposals } from './proposal-access.js';

/**
 * 调整申请待审定: every assignment a unit asked to leave, oldest request first, with what the
 * decision form needs (the proposal's version, whether the unit is the lead).
 */
export async function listObjections(db: Executor, actor: Actor, q: { page: number; pageSize: number }) {
  const where = and(eq(assignments.tenantId, actor.tenantId), eq(assignments.status, 'objected'), visibleProposals(actor))!;
  const [rows, totals] = await Promise.all([
    db
      .select({
        a: assignments,
        p: { id: proposals.id, number: proposals.number, title: proposals.title, kind: proposals.kind, status: proposals.status, version: proposals.version, deadline: proposals.deadline },
        sessionName: sessions.name,
        unitName: units.name,
      })
      .from(assignments)
      .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
      .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
      .innerJoin(units, eq(units.id, assignments.unitId))
      .where(where)
      .orderBy(asc(assignments.objectedAt), asc(assignments.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(assignments).innerJoin(proposals, eq(proposals.id, assignments.proposalId)).where(where),
  ]);
  const items = rows.map(
    (r): ObjectionItem => ({
      assignmentId: r.a.id,
      assignmentVersion: r.a.version,
      proposalId: r.p.id,
      proposalNumber: r.p.number,
      proposalTitle: r.p.title,
      proposalKind: r.p.kind,
      proposalStatus: r.p.status,
      proposalVersion: r.p.version,
      sessionName: r.sessionName,
      deadline: r.p.deadline,
      unitId: r.a.unitId,
      unitName: r.unitName,
      role: r.a.role,
      isLead: isLeadAssignment(r.a),
      assignedAt: r.a.assignedAt,
      reason: r.a.objectionReason,
      suggestedUnit: r.a.objectionSuggestedUnit,
      objectedAt: r.a.objectedAt ? r.a.objectedAt.toISOString() : null,
    }),
  );
  return { items, total: Number(totals[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
}
