import { z } from 'zod';
import {
  cosignBody,
  createProposalBody,
  mergeBody,
  mergeResult,
  proposalSummary,
  reviewBody,
  updateProposalBody,
  versionBody,
  withdrawBody,
} from '../../../shared/schemas/proposal.js';
import { addAttachmentBody, attachmentInfo, attachmentParams } from '../../../shared/schemas/attachment.js';
import { idParam, okResponse } from '../../../shared/schemas/common.js';
import { createProposal } from '../../domain/create-proposal.js';
import { reviewProposal } from '../../domain/review-proposal.js';
import { updateProposalContent } from '../../domain/update-proposal.js';
import { submitProposal } from '../../domain/submit-proposal.js';
import { answerCosign } from '../../domain/confirm-cosign.js';
import { withdrawProposal } from '../../domain/withdraw-proposal.js';
import { mergeProposals } from '../../domain/merge-proposals.js';
import { addAttachment, contentDisposition, readAttachment } from '../../domain/add-attachment.js';
import { deleteAttachment } from '../../domain/delete-attachment.js';
import { summarize } from '../../domain/present.js';
import { actorOf, type App } from '../types.js';

/** Everyone who may see some proposal; the administrators (三员) see none. */
const PROPOSAL_READERS = ['member', 'group', 'staff', 'office', 'unit', 'leader'] as const;

// Routes stay thin: validate, open a transaction, call the use case, present the result.
export async function proposalRoutes(app: App) {
  app.post('/proposals', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['提案'], summary: '新建提案草稿', body: createProposalBody, response: { 201: proposalSummary } },
  }, async (req, reply) => {
    const p = await app.db.transaction((tx) => createProposal(tx, actorOf(req), req.body));
    return reply.code(201).send(summarize(p));
  });

  app.patch('/proposals/:id', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['提案'], summary: '修改草稿或退回修改的提案（第一提案人）', params: idParam, body: updateProposalBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => updateProposalContent(tx, actorOf(req), req.params.id, req.body));
    return summarize(p);
  });

  app.post('/proposals/:id/submit', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['提案'], summary: '提交提案（有联名人时先待联名确认）', params: idParam, body: versionBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => submitProposal(tx, actorOf(req), req.params.id, req.body, app.now()));
    return summarize(p);
  });

  app.post('/proposals/:id/cosign', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['提案'], summary: '联名人确认或拒绝联名', params: idParam, body: cosignBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => answerCosign(tx, actorOf(req), req.params.id, req.body, app.now()));
    return summarize(p);
  });

  app.post('/proposals/:id/withdraw', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['提案'], summary: '撤回提案（第一提案人）', params: idParam, body: withdrawBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => withdrawProposal(tx, actorOf(req), req.params.id, req.body));
    return summarize(p);
  });

  app.post('/proposals/:id/review', {
    config: { access: ['staff'] },
    schema: { tags: ['提案审查'], summary: '审查：立案 / 不立案 / 退回修改', params: idParam, body: reviewBody, response: { 200: proposalSummary } },
  }, async (req) => {
    const p = await app.db.transaction((tx) => reviewProposal(tx, actorOf(req), req.params.id, req.body, app.now()));
    return summarize(p);
  });

  app.post('/proposals/merge', {
    config: { access: ['staff'] },
    schema: { tags: ['提案审查'], summary: '并案：把已立案提案并入主提案办理', body: mergeBody, response: { 200: mergeResult } },
  }, async (req) => {
    const r = await app.db.transaction((tx) => mergeProposals(tx, actorOf(req), req.body));
    return { primary: summarize(r.primary), secondaries: r.secondaries.map(summarize) };
  });

  app.post('/proposals/:id/attachments', {
    config: { access: ['member', 'group', 'unit'] },
    schema: { tags: ['附件'], summary: '上传附件（Base64，最大20MB）', params: idParam, body: addAttachmentBody, response: { 201: attachmentInfo } },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => addAttachment(tx, actorOf(req), req.params.id, req.body));
    return reply.code(201).send(a);
  });

  app.get('/proposals/:id/attachments/:attachmentId', {
    config: { access: PROPOSAL_READERS },
    schema: {
      tags: ['附件'],
      summary: '下载附件',
      params: attachmentParams,
      response: { 200: z.instanceof(Buffer).describe('文件内容') },
    },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => readAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return reply
      .header('content-type', a.mimeType)
      .header('content-disposition', contentDisposition(a.fileName))
      .header('content-length', a.size)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(a.content);
  });

  app.delete('/proposals/:id/attachments/:attachmentId', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['附件'], summary: '删除草稿中的提案附件（上传人）', params: attachmentParams, response: { 200: okResponse } },
  }, async (req) => {
    await app.db.transaction((tx) => deleteAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return { ok: true as const };
  });
}
