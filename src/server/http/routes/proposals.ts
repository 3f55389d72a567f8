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
import { addAttachment, addStoredAttachment, attachableProposal, readAttachment } from '../../domain/add-attachment.js';
import { deleteAttachment } from '../../domain/delete-attachment.js';
import { summarize } from '../../domain/present.js';
import { removeStored, storedFileResponse } from '../../files/file-store.js';
import { BASE64_UPLOAD_BODY_LIMIT, receiveUpload, UPLOAD_BODY_LIMIT } from '../upload.js';
import { actorOf, type App } from '../types.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { sendAttachment } from '../send-attachment.js';

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

  // Base64 in JSON, kept for API clients: the whole body is in memory, so one at a time per user.
  app.post('/proposals/:id/attachments', {
    config: { access: ['member', 'group', 'unit'], exclusive: 'upload' },
    bodyLimit: BASE64_UPLOAD_BODY_LIMIT,
    schema: { tags: ['附件'], summary: '上传附件（Base64，最大20MB；网页端用 …/attachments/upload）', params: idParam, body: addAttachmentBody, response: { 201: attachmentInfo } },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => addAttachment(tx, actorOf(req), req.params.id, req.body));
    return reply.code(201).send(a);
  });

  app.post('/proposals/:id/attachments/upload', {
    config: { access: ['member', 'group', 'unit'] },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['附件'],
      summary: '上传附件（multipart/form-data：先 purpose 字段，后 file；最大20MB，边接收边写入磁盘）',
      consumes: ['multipart/form-data'],
      params: idParam,
      response: { 201: attachmentInfo },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const up = await receiveUpload(req, (purpose) => app.db.transaction((tx) => attachableProposal(tx, actor, req.params.id, purpose)));
    try {
      const a = await app.db.transaction((tx) => addStoredAttachment(tx, actor, req.params.id, up));
      return reply.code(201).send(a);
    } catch (e) {
      await removeStored(up.stored.storagePath);
      throw e;
    }
  });

  app.get('/proposals/:id/attachments/:attachmentId', {
    config: { access: PROPOSAL_READERS, rateLimit: RATE_LIMITS.file, auditDownload: { action: 'attachment.download', entityType: 'proposal' } },
    schema: {
      tags: ['附件'],
      summary: '下载附件',
      params: attachmentParams,
      response: { 200: storedFileResponse },
    },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => readAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return sendAttachment(reply, a, false);
  });

  // The same file for the page's 预览: the same readers, limit and audit (as a preview), answered
  // inline only for images and PDF; any other type stays a download.
  app.get('/proposals/:id/attachments/:attachmentId/preview', {
    config: { access: PROPOSAL_READERS, rateLimit: RATE_LIMITS.file, auditDownload: { action: 'attachment.preview', entityType: 'proposal' } },
    schema: {
      tags: ['附件'],
      summary: '预览附件（图片与 PDF 以 inline 返回，其他类型仍为下载）',
      params: attachmentParams,
      response: { 200: storedFileResponse },
    },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => readAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return sendAttachment(reply, a, true);
  });

  app.delete('/proposals/:id/attachments/:attachmentId', {
    config: { access: ['member', 'group'] },
    schema: { tags: ['附件'], summary: '删除草稿中的提案附件（上传人）', params: attachmentParams, response: { 200: okResponse } },
  }, async (req) => {
    await app.db.transaction((tx) => deleteAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return { ok: true as const };
  });
}
