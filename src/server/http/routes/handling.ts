import { idParam } from '../../../shared/schemas/common.js';
import { proposalSummary } from '../../../shared/schemas/proposal.js';
import {
  assignBody,
  assignBulkBody,
  assignBulkResponse,
  assignmentParams,
  closeBody,
  coOpinionBody,
  coOpinionOut,
  contactBody,
  contactOut,
  decideObjectionBody,
  approveReplyBody,
  evaluationBody,
  extendBody,
  followUpBody,
  objectBody,
  optionalVersionBody,
  proposalIdParam,
  remindBody,
  replyBody,
  returnReplyBody,
} from '../../../shared/schemas/handling.js';
import { assignProposal, assignProposalsBulk } from '../../domain/assign-proposals.js';
import { signAssignment } from '../../domain/sign-assignment.js';
import { objectAssignment } from '../../domain/object-assignment.js';
import { decideObjection } from '../../domain/decide-objection.js';
import { extendDeadline } from '../../domain/extend-deadline.js';
import { remindUnits } from '../../domain/remind-units.js';
import { recordContact } from '../../domain/record-contact.js';
import { addCoOpinion } from '../../domain/add-co-opinion.js';
import { replyProposal } from '../../domain/reply-proposal.js';
import { evaluateReply } from '../../domain/evaluate-reply.js';
import { approveReply, returnReply } from '../../domain/review-reply.js';
import { reportFollowUp } from '../../domain/report-follow-up.js';
import { closeProposal } from '../../domain/close-proposal.js';
import { summarize } from '../../domain/present.js';
import { actorOf, type App } from '../types.js';

// 交办 → 签收 / 申请调整 → 办理（沟通、会办意见）→ 答复 → 测评 → 重新办理 / 跟踪落实 → 办结.
export async function handlingRoutes(app: App) {
  const tags = ['提案办理'];

  app.post('/proposals/:id/assign', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '交办：主办、主办会办或分办', params: idParam, body: assignBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => assignProposal(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/assign-bulk', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '批量交办（交办会），全部成功或全部不交办', body: assignBulkBody, response: { 200: assignBulkResponse } },
  }, async (req) => {
    const rows = await app.db.transaction((tx) => assignProposalsBulk(tx, actorOf(req), req.body, app.now()));
    return { items: rows.map(summarize) };
  });

  app.post('/proposals/:id/sign', {
    config: { access: ['unit'] },
    schema: { tags, summary: '承办单位签收', params: idParam, body: optionalVersionBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => signAssignment(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/object', {
    config: { access: ['unit'] },
    schema: { tags, summary: '承办单位申请调整（交办后规定工作日内）', params: idParam, body: objectBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => objectAssignment(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/objections/:assignmentId/decide', {
    config: { access: ['office', 'staff'] },
    schema: { tags, summary: '审定调整申请', params: assignmentParams, body: decideObjectionBody, response: { 200: proposalSummary } },
  }, async (req) =>
    summarize(await app.db.transaction((tx) => decideObjection(tx, actorOf(req), req.params.id, req.params.assignmentId, req.body, app.now()))));

  app.post('/proposals/:id/extend', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '延长办理期限', params: idParam, body: extendBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => extendDeadline(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/remind', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '催办', params: idParam, body: remindBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => remindUnits(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/contacts', {
    config: { access: ['unit'] },
    schema: { tags, summary: '登记与提案人的沟通', params: idParam, body: contactBody, response: { 201: contactOut } },
  }, async (req, reply) => {
    const row = await app.db.transaction((tx) => recordContact(tx, actorOf(req), req.params.id, req.body, app.now()));
    return reply.code(201).send({ ...row, createdAt: row.createdAt.toISOString() });
  });

  app.post('/proposals/:id/co-opinions', {
    config: { access: ['unit'] },
    schema: { tags, summary: '会办单位提交会办意见', params: idParam, body: coOpinionBody, response: { 201: coOpinionOut } },
  }, async (req, reply) => {
    const row = await app.db.transaction((tx) => addCoOpinion(tx, actorOf(req), req.params.id, req.body));
    return reply.code(201).send({ ...row, createdAt: row.createdAt.toISOString() });
  });

  app.post('/proposals/:id/replies', {
    config: { access: ['unit'] },
    schema: { tags, summary: '答复（主办单位或各分办单位）', params: idParam, body: replyBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => replyProposal(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/reply-review/approve', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '答复审核：审核通过，答复送达提案人', params: proposalIdParam, body: approveReplyBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => approveReply(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/reply-review/return', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '答复审核：退回承办单位修改（须说明理由）', params: proposalIdParam, body: returnReplyBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => returnReply(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/evaluations', {
    config: { access: ['member', 'group', 'staff'] },
    schema: {
      tags,
      summary: '测评：第一提案人对主办、会办（或各分办）单位逐一测评；提案委可代录纸质测评表',
      params: proposalIdParam,
      body: evaluationBody,
      response: { 200: proposalSummary },
    },
  }, async (req) => summarize(await app.db.transaction((tx) => evaluateReply(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/follow-ups', {
    config: { access: ['unit'] },
    schema: { tags, summary: '主办单位报送落实情况', params: idParam, body: followUpBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => reportFollowUp(tx, actorOf(req), req.params.id, req.body, app.now()))));

  app.post('/proposals/:id/close', {
    config: { access: ['staff'] },
    schema: { tags, summary: '办结', params: idParam, body: closeBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => closeProposal(tx, actorOf(req), req.params.id, req.body, app.now()))));
}
