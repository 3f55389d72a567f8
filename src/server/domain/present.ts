import type { ProposalSummary } from '../../shared/schemas/proposal.js';
import type { ProposalRow } from './proposal-access.js';

export function summarize(p: ProposalRow): ProposalSummary {
  return {
    id: p.id,
    sessionId: p.sessionId,
    kind: p.kind,
    title: p.title,
    category: p.category,
    status: p.status,
    number: p.number,
    mergedInto: p.mergedInto,
    assignmentMode: p.assignmentMode,
    deadline: p.deadline,
    isKey: p.isKey,
    published: p.published,
    overdue: p.overdue,
    dueSoon: p.dueSoon,
    version: p.version,
    submittedAt: p.submittedAt ? p.submittedAt.toISOString() : null,
    updatedAt: p.updatedAt.toISOString(),
  };
}
