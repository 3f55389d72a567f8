import { idParam } from '../../../shared/schemas/common.js';
import { figures } from '../../../shared/schemas/figures.js';
import {
  publicKeyProposalList,
  publicKeyProposalsQuery,
  publicProposalDetail,
  publicProposalPage,
  publicProposalsQuery,
  publicSessionList,
  publicTenantList,
  publicTenantQuery,
} from '../../../shared/schemas/public.js';
import { computeFigures } from '../../domain/compute-figures.js';
import {
  getPublicProposal,
  listPublicKeyProposals,
  listPublicProposals,
  listPublicSessions,
  listPublicTenants,
  tenantOfSession,
} from '../../domain/read-public.js';
import { chinaDay } from '../../clock.js';
import type { App } from '../types.js';

// 公众平台: no login. The portal spans tenants, so each route names its tenant (tenantId in the
// query) or derives it from the session in the path, and every read filters on it.
export async function publicRoutes(app: App) {
  app.get('/public/tenants', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '地区列表', response: { 200: publicTenantList } },
  }, async () => listPublicTenants(app.db));

  app.get('/public/sessions', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '届次会议列表', querystring: publicTenantQuery, response: { 200: publicSessionList } },
  }, async (req) => ({ items: await listPublicSessions(app.db, req.query.tenantId) }));

  app.get('/public/proposals', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '已公开提案（可按届次、关键词、是否重点提案查询）', querystring: publicProposalsQuery, response: { 200: publicProposalPage } },
  }, async (req) => app.reader(req).transaction((tx) => listPublicProposals(tx, req.query)));

  app.get('/public/proposals/:id', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '已公开提案详情', params: idParam, querystring: publicTenantQuery, response: { 200: publicProposalDetail } },
  }, async (req) => app.db.transaction((tx) => getPublicProposal(tx, req.query.tenantId, req.params.id)));

  app.get('/public/key-proposals', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '已公开的重点提案及督办领导', querystring: publicKeyProposalsQuery, response: { 200: publicKeyProposalList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listPublicKeyProposals(tx, req.query.tenantId, req.query.sessionId, req.query.kind)) }));

  app.get('/public/sessions/:id/figures', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '届次会议提案工作数据（与内部统计同一口径）', params: idParam, response: { 200: figures } },
  }, async (req) =>
    app.db.transaction(async (tx) => computeFigures(tx, await tenantOfSession(tx, req.params.id), req.params.id, chinaDay(app.now()))),
  );
}
