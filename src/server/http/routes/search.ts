import { idParam } from '../../../shared/schemas/common.js';
import { searchPage, searchQuery, similarDraftBody, similarDraftResult, similarList } from '../../../shared/schemas/search.js';
import type { Role } from '../../../shared/roles.js';
import { searchProposals } from '../../domain/search-proposals.js';
import { similarToDraft, similarToProposal } from '../../domain/find-similar.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

// 全文检索 and 相似提案. Reads only: no audit row, no transaction needed beyond the statement.
const READERS: Role[] = ['member', 'group', 'staff', 'office', 'unit', 'leader'];

export async function searchRoutes(app: App) {
  app.get('/search', {
    config: { access: READERS, rateLimit: RATE_LIMITS.search },
    schema: { tags: ['检索'], summary: '全文检索提案（案由、正文、答复、落实情况；可与列表筛选组合）', querystring: searchQuery, response: { 200: searchPage } },
  }, async (req) => searchProposals(app.reader(req), actorOf(req), req.query));

  app.get('/proposals/:id/similar', {
    config: { access: READERS, rateLimit: RATE_LIMITS.search },
    schema: { tags: ['检索'], summary: '相似提案（前5件，不含本件及其并案）', params: idParam, response: { 200: similarList } },
  }, async (req) => similarToProposal(app.db, actorOf(req), req.params.id));

  app.post('/similar', {
    config: { access: ['member', 'group', 'staff', 'office'], rateLimit: RATE_LIMITS.search },
    schema: { tags: ['检索'], summary: '撰写或审查中的提案：相似提案、建议主办单位、相关重点工作', body: similarDraftBody, response: { 200: similarDraftResult } },
  }, async (req) => similarToDraft(app.db, actorOf(req), req.body));
}
