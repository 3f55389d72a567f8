import { idParam } from '../../../shared/schemas/common.js';
import { listProposalsQuery, proposalDetail, proposalHistory, proposalListPage } from '../../../shared/schemas/proposal-reads.js';
import { publicationPage } from '../../../shared/schemas/publication.js';
import type { Role } from '../../../shared/roles.js';
import { listProposals } from '../../domain/list-proposals.js';
import { listForPublication } from '../../domain/list-publication.js';
import { readProposal } from '../../domain/read-proposal.js';
import { readProposalHistory } from '../../domain/read-proposal-history.js';
import { chinaDay } from '../../clock.js';
import { actorOf, type App } from '../types.js';

// 三员分立: the administrators never read proposal content, so they are not listed.
const READERS: Role[] = ['member', 'group', 'staff', 'office', 'unit', 'leader'];

export async function proposalReadsRoutes(app: App) {
  app.get('/proposals', {
    config: { access: READERS },
    schema: { tags: ['提案'], summary: '提案列表（按可见范围、筛选、排序、分页）', querystring: listProposalsQuery, response: { 200: proposalListPage } },
  }, async (req) => listProposals(app.reader(req), actorOf(req), req.query, chinaDay(app.now())));

  // Before /proposals/:id in the reader's eye; the router prefers the static path anyway.
  app.get('/proposals/publication', {
    config: { access: ['staff'] },
    schema: { tags: ['公开'], summary: '公开发布列表（含公开日期与答复公开属性，一次读取）', querystring: listProposalsQuery, response: { 200: publicationPage } },
  }, async (req) => listForPublication(app.reader(req), actorOf(req), req.query, chinaDay(app.now())));

  app.get('/proposals/:id', {
    config: { access: READERS },
    schema: { tags: ['提案'], summary: '提案详情（含办理过程与当前可执行操作）', params: idParam, response: { 200: proposalDetail } },
  }, async (req) => readProposal(app.db, actorOf(req), req.params.id, app.now()));

  app.get('/proposals/:id/history', {
    config: { access: READERS },
    schema: { tags: ['提案'], summary: '提案操作记录', params: idParam, response: { 200: proposalHistory } },
  }, async (req) => ({ items: await readProposalHistory(app.db, actorOf(req), req.params.id) }));
}
