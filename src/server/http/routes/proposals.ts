import { createProposalBody, proposalSummary, reviewBody } from '../../../shared/schemas/proposal.js';
import { idParam } from '../../../shared/schemas/common.js';
import { createProposal } from '../../domain/create-proposal.js';
import { reviewProposal } from '../../domain/review-proposal.js';
import { summarize } from '../../domain/present.js';
import { actorOf, type App } from '../types.js';

// Routes stay thin: validate, open a transaction, call the use case, present the result.
export async function proposalRoutes(app: App) {
  app.post('/proposals', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['提案'], summary: '新建提案草稿', body: createProposalBody, response: { 201: proposalSummary } },
  }, async (req, reply) => {
    const p = await app.db.transaction((tx) => createProposal(tx, actorOf(req), req.body));
    return reply.code(201).send(summarize(p));
  });

  app.post('/proposals/:id/review', {
    config: { access: ['staff'] },
    schema: { tags: ['提案审查'], summary: '审查：立案 / 不立案 / 退回修改', params: idParam, body: reviewBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => reviewProposal(tx, actorOf(req), req.params.id, req.body, app.now()));
    return summarize(p);
  });
}
