import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, units } from '../db/schema.js';
import type { LeadSuggestion } from '../../shared/schemas/handling-aids.js';
import type { Actor } from './actor.js';
import { scoreSimilar } from './find-similar.js';
import { getVisibleProposal } from './proposal-access.js';

/** How many similar proposals are looked at: enough for a pattern, few enough to stay on the subject. */
const TOP_SIMILAR = 10;

/**
 * 建议主办单位 at 交办: the unit that most often led the proposals most like this one. Among the top
 * TOP_SIMILAR similar proposals (the same scoring as 相似提案) that have been assigned, each lead
 * unit counts the similarity of the proposals it led; the heaviest is suggested. Units since
 * stopped (停用) are left out: they cannot be assigned.
 */
export async function suggestLeadUnit(db: Executor, actor: Actor, id: number): Promise<LeadSuggestion> {
  const p = await getVisibleProposal(db, actor, id);
  const primary = p.mergedInto ?? p.id;
  const group = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.tenantId, actor.tenantId), or(eq(proposals.id, primary), eq(proposals.mergedInto, primary))));
  // Candidates beyond the top are scored too, so that unassigned ones (drafts under review) do not crowd out the assigned.
  const scored = await scoreSimilar(db, actor, p, { exclude: [p.id, ...group.map((g) => g.id)], kind: p.kind, limit: 30 });
  if (!scored.length) return { suggestion: null, candidates: [], considered: 0 };
  const leads = await db
    .select({ proposalId: assignments.proposalId, unitId: units.id, unitName: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(
      and(
        eq(assignments.tenantId, actor.tenantId),
        inArray(assignments.proposalId, scored.map((s) => s.id)),
        eq(assignments.role, 'lead'),
        ne(assignments.status, 'removed'),
        eq(units.active, true),
      ),
    );
  const leadOf = new Map(leads.map((l) => [l.proposalId, l]));
  const considered = scored.filter((s) => leadOf.has(s.id)).slice(0, TOP_SIMILAR);
  const tally = new Map<number, LeadSuggestion['candidates'][number]>();
  for (const s of considered) {
    const l = leadOf.get(s.id)!;
    const t = tally.get(l.unitId) ?? { unitId: l.unitId, unitName: l.unitName, count: 0, weight: 0 };
    t.count += 1;
    t.weight += s.score;
    tally.set(l.unitId, t);
  }
  const candidates = [...tally.values()]
    .map((c) => ({ ...c, weight: Math.round(c.weight * 100) / 100 }))
    .sort((a, b) => b.weight - a.weight || b.count - a.count || a.unitId - b.unitId)
    .slice(0, 3);
  return { suggestion: candidates[0] ?? null, candidates, considered: considered.length };
}
