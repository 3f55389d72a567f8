import { idParam, okResponse } from '../../../shared/schemas/common.js';
import {
  leadSuggestion,
  replyDraftBody,
  replyDraftResponse,
  replyTemplateBody,
  replyTemplateList,
  replyTemplateOut,
  templateParams,
  unsignedPage,
  unsignedQuery,
  updateReplyTemplateBody,
} from '../../../shared/schemas/handling-aids.js';
import { chinaDay } from '../../clock.js';
import { createReplyTemplate, deleteReplyTemplate, listReplyTemplates, updateReplyTemplate } from '../../domain/reply-templates.js';
import { readReplyDraft, saveReplyDraft } from '../../domain/reply-draft.js';
import { suggestLeadUnit } from '../../domain/suggest-lead-unit.js';
import { readUnsigned } from '../../domain/read-unsigned.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

// Issue 16's handling aids: a unit's reply templates and the reply draft kept on the server, the
// lead unit suggested at 交办, and the assignments left unsigned too long (期限看板).
export async function handlingAidsRoutes(app: App) {
  const tags = ['办理辅助'];

  app.get('/units/me/reply-templates', {
    config: { access: ['unit'] },
    schema: { tags, summary: '本单位的答复模板', response: { 200: replyTemplateList } },
  }, async (req) => ({ items: await listReplyTemplates(app.db, actorOf(req)) }));

  app.post('/units/me/reply-templates', {
    config: { access: ['unit'] },
    schema: { tags, summary: '新建本单位的答复模板', body: replyTemplateBody, response: { 201: replyTemplateOut } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => createReplyTemplate(tx, actorOf(req), req.body))));

  app.patch('/units/me/reply-templates/:templateId', {
    config: { access: ['unit'] },
    schema: { tags, summary: '修改本单位的答复模板', params: templateParams, body: updateReplyTemplateBody, response: { 200: replyTemplateOut } },
  }, async (req) => app.db.transaction((tx) => updateReplyTemplate(tx, actorOf(req), req.params.templateId, req.body)));

  app.delete('/units/me/reply-templates/:templateId', {
    config: { access: ['unit'] },
    schema: { tags, summary: '删除本单位的答复模板', params: templateParams, response: { 200: okResponse } },
  }, async (req) => {
    await app.db.transaction((tx) => deleteReplyTemplate(tx, actorOf(req), req.params.templateId));
    return { ok: true as const };
  });

  app.get('/proposals/:id/reply-draft', {
    config: { access: ['unit'] },
    schema: { tags, summary: '本单位的答复草稿（服务器保存）', params: idParam, response: { 200: replyDraftResponse } },
  }, async (req) => ({ draft: await app.db.transaction((tx) => readReplyDraft(tx, actorOf(req), req.params.id)) }));

  app.put('/proposals/:id/reply-draft', {
    config: { access: ['unit'] },
    schema: { tags, summary: '保存答复草稿（编辑时自动保存；提交答复后清除）', params: idParam, body: replyDraftBody, response: { 200: replyDraftResponse } },
  }, async (req) => ({ draft: await app.db.transaction((tx) => saveReplyDraft(tx, actorOf(req), req.params.id, req.body, app.now())) }));

  app.get('/proposals/:id/lead-suggestion', {
    config: { access: ['staff', 'office'], rateLimit: RATE_LIMITS.search },
    schema: { tags, summary: '交办时建议的主办单位（相似提案多由其主办）', params: idParam, response: { 200: leadSuggestion } },
  }, async (req) => suggestLeadUnit(app.db, actorOf(req), req.params.id));

  app.get('/assignments/unsigned', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '超期未签收：交办后超过规定工作日仍未签收的承办单位', querystring: unsignedQuery, response: { 200: unsignedPage } },
  }, async (req) => readUnsigned(app.db, actorOf(req), chinaDay(app.now()), req.query.page, req.query.pageSize));
}
