import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jointSupervisions, proposals, sessions, tenants } from '../../db/schema.js';
import type { Oversight } from '../../../shared/schemas/supervision.js';
import type { Actor } from '../actor.js';
import { confinedKind } from '../proposal-access.js';
import { computeFigures, isOverdueNow } from '../compute-figures.js';
import { latest, leadersOf, leadRepliesOf, leadUnitsOf } from '../proposal-facts.js';
import { leaderPrintName } from '../document-facts.js';
import { auditCrossTenant } from './access.js';

/**
 * 下级概览: a parent's read-only view of its children (and their children): per session the figures
 * (received, filed, handled, key proposals, overdue, on-time and satisfaction rates) and the key
 * proposals (number, title, state, lead unit, leaders, class, overdue) — never proposers, members
 * or any personal data. Staff see their organ's sessions only. Each child read gets an audit row in
 * the child's chain. A child without children sees an empty list: nothing of its parent or siblings.
 */
export async function readOversight(tx: Executor, actor: Actor, today: string): Promise<Oversight> {
  const all = await tx.select().from(tenants).orderBy(asc(tenants.id));
  const descendants: typeof all = [];
  let frontier = [actor.tenantId];
  while (frontier.length) {
    const next = all.filter((t) => t.parentId !== null && frontier.includes(t.parentId) && t.active);
    descendants.push(...next);
    frontier = next.map((t) => t.id);
  }
  const kind = confinedKind(actor);
  if (kind === 'nothing') return { children: [] };
  const children: Oversight['children'] = [];
  for (const child of descendants) {
    const ss = await tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.tenantId, child.id), kind === null ? undefined : eq(sessions.kind, kind)))
      .orderBy(desc(sessions.year), asc(sessions.kind));
    const out: Oversight['children'][number]['sessions'] = [];
    for (const s of ss) {
      const f = await computeFigures(tx, child.id, s.id, today);
      const keys = await tx
        .select({ id: proposals.id, number: proposals.number, title: proposals.title, status: proposals.status, deadline: proposals.deadline })
        .from(proposals)
        .where(and(eq(proposals.tenantId, child.id), eq(proposals.sessionId, s.id), eq(proposals.isKey, true)))
        .orderBy(asc(proposals.number));
      const ids = keys.map((k) => k.id);
      const lead = await leadUnitsOf(tx, child.id, { proposalIds: ids });
      const rep = await leadRepliesOf(tx, child.id, { proposalIds: ids }, lead);
      const lds = await leadersOf(tx, child.id, ids);
      const joints = ids.length
        ? new Set((await tx.select({ id: jointSupervisions.proposalId }).from(jointSupervisions).where(and(inArray(jointSupervisions.proposalId, ids), eq(jointSupervisions.status, 'accepted')))).map((r) => r.id))
        : new Set<number>();
      out.push({
        id: s.id,
        kind: s.kind,
        name: s.name,
        year: s.year,
        received: f.received,
        filed: f.filed,
        handled: f.handled,
        keyProposals: f.keyProposals,
        overdue: f.overdue,
        onTimeRate: f.onTimeRate.value,
        satisfactionRate: f.satisfaction.result.rate.value,
        keyItems: keys.map((k) => ({
          number: k.number,
          title: k.title,
          status: k.status,
          leadUnit: lead.get(k.id)?.name ?? null,
          leaders: (lds.get(k.id) ?? []).map((l) => leaderPrintName(l, child.name)),
          resultClass: latest(rep.get(k.id))?.resultClass ?? null,
          overdue: isOverdueNow(k, today),
          joint: joints.has(k.id),
        })),
      });
    }
    await auditCrossTenant(tx, actor, child.id, { action: 'oversight.read', entityType: 'tenant', entityId: child.id });
    children.push({ tenantId: child.id, name: child.name, level: child.level, sessions: out });
  }
  return { children };
}
