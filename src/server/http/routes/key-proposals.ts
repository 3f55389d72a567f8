import { idParam } from '../../../shared/schemas/common.js';
import { proposalSummary } from '../../../shared/schemas/proposal.js';
import {
  designateKeyBody,
  keyProposalList,
  keyProposalsQuery,
  publishBody,
  supervisionActivity,
  supervisionActivityBody,
  supervisionActivityList,
  unkeyBody,
} from '../../../shared/schemas/key-proposals.js';
import { designateKeyProposal } from '../../domain/designate-key-proposal.js';
import { unkeyProposal } from '../../domain/unkey-proposal.js';
import { addSupervisionActivity, listSupervisionActivities } from '../../domain/add-supervision-activity.js';
import { listKeyProposals } from '../../domain/read-key-proposals.js';
import { publishProposal } from '../../domain/publish-proposal.js';
import { summarize } from '../../domain/present.js';
import { actorOf, type App } from '../types.js';

// 重点提案 (designation, supervising leaders, supervision record) and 公开 (publication).
export async function keyProposalsRoutes(app: App) {
  app.post('/proposals/:id/key', {
    config: { access: ['staff'] },
    schema: { tags: ['重点提案'], summary: '确定重点提案并指定督办领导（再次提交则替换督办领导）', params: idParam, body: designateKeyBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => designateKeyProposal(tx, actorOf(req), req.params.id, req.body));
    return summarize(p);
  });

  app.post('/proposals/:id/unkey', {
    config: { access: ['staff'] },
    schema: { tags: ['重点提案'], summary: '取消重点提案（尚无督办活动时）', params: idParam, body: unkeyBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => unkeyProposal(tx, actorOf(req), req.params.id, req.body));
    return summarize(p);
  });

  app.get('/key-proposals', {
    config: { access: ['staff', 'office', 'leader'] },
    schema: { tags: ['重点提案'], summary: '重点提案一览（督办领导只看本人督办的）', querystring: keyProposalsQuery, response: { 200: keyProposalList } },
  }, async (req) => {
    const items = await app.db.transaction((tx) => listKeyProposals(tx, actorOf(req), req.query.sessionId));
    return { items };
  });

  app.post('/proposals/:id/supervision-activities', {
    config: { access: ['staff', 'office', 'leader'] },
    schema: { tags: ['重点提案'], summary: '登记督办活动', params: idParam, body: supervisionActivityBody, response: { 201: supervisionActivity } },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => addSupervisionActivity(tx, actorOf(req), req.params.id, req.body, app.now()));
    return reply.code(201).send(a);
  });

  app.get('/proposals/:id/supervision-activities', {
    config: { access: ['staff', 'office', 'leader'] },
    schema: { tags: ['重点提案'], summary: '督办活动记录', params: idParam, response: { 200: supervisionActivityList } },
  }, async (req) => {
    const items = await app.db.transaction((tx) => listSupervisionActivities(tx, actorOf(req), req.params.id));
    return { items };
  });

  app.post('/proposals/:id/publish', {
    config: { access: ['staff'] },
    schema: { tags: ['公开'], summary: '在公众平台公开或撤回公开', params: idParam, body: publishBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => publishProposal(tx, actorOf(req), req.params.id, req.body, app.now()));
    return summarize(p);
  });
}
