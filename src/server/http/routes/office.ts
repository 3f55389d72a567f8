import { proposalSummary } from '../../../shared/schemas/proposal.js';
import { fileResponse } from '../../../shared/schemas/documents.js';
import {
  batchProgress,
  batchProgressParams,
  batchResult,
  fileBulkBody,
  idParam32,
  mergeCheck,
  mergeCheckQuery,
  overdueExportQuery,
  paperProposalBody,
  publishBulkBody,
  recordCosignBody,
  remindBulkBody,
  signBulkBody,
} from '../../../shared/schemas/office.js';
import { chinaDay } from '../../clock.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { enterPaperProposal } from '../../domain/office/enter-paper-proposal.js';
import { recordCosign } from '../../domain/office/record-cosign.js';
import { fileBulk, publishBulk, remindBulk, signBulk } from '../../domain/office/batch-actions.js';
import type { OnProgress } from '../../domain/office/batch.js';
import { mergeCheck as checkMerge } from '../../domain/office/merge-check.js';
import { readOverdueList } from '../../domain/office/read-overdue-list.js';
import { buildOverdueXlsx, overdueFileName } from '../../documents/overdue-xlsx.js';
import { summarize } from '../../domain/present.js';
import type { ProposalRow } from '../../domain/proposal-access.js';
import type { Actor } from '../../domain/actor.js';
import { finishBatch, readBatch, trackBatch } from '../batch-progress.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// 代录 and batch work of the committee office (and a unit's 批量签收). Each batch is one
// transaction: all of it or none of it.
export async function officeRoutes(app: App) {
  const tags = ['提案委日常'];

  app.post('/proposals/paper', {
    config: { access: ['staff'] },
    schema: { tags, summary: '代录纸质提案（以提案人名义录入，已签名的联名人一并代录）', body: paperProposalBody, response: { 201: proposalSummary } },
  }, async (req, reply) => {
    const p = await app.db.transaction((tx) => enterPaperProposal(tx, actorOf(req), req.body, app.now()));
    return reply.code(201).send(summarize(p));
  });

  app.post('/proposals/:id/cosign/record', {
    config: { access: ['staff'] },
    schema: { tags, summary: '代录联名人的纸质联名签名', params: idParam32, body: recordCosignBody, response: { 200: proposalSummary } },
  }, async (req) => summarize(await app.db.transaction((tx) => recordCosign(tx, actorOf(req), req.params.id, req.body, app.now()))));

  /** Runs a batch in one transaction, reporting its progress under the request's Idempotency-Key. */
  const batch = async (req: { idempotencyKey: string | null; actor: Actor | null }, run: (tx: Parameters<Parameters<typeof app.db.transaction>[0]>[0], actor: Actor, onProgress?: OnProgress) => Promise<ProposalRow[]>) => {
    const actor = actorOf(req);
    const progress = trackBatch(actor.userId, req.idempotencyKey);
    try {
      const rows = await app.db.transaction((tx) => run(tx, actor, progress));
      return { items: rows.map(summarize) };
    } finally {
      finishBatch(actor.userId, req.idempotencyKey);
    }
  };

  app.post('/proposals/file-bulk', {
    config: { access: ['staff'] },
    schema: { tags, summary: '批量立案：按所给顺序编号，全部立案或全部不立案', body: fileBulkBody, response: { 200: batchResult } },
  }, async (req) => batch(req, (tx, actor, p) => fileBulk(tx, actor, req.body, app.now(), p)));

  app.post('/proposals/publish-bulk', {
    config: { access: ['staff'] },
    schema: { tags, summary: '批量公开：全部公开或全部不公开', body: publishBulkBody, response: { 200: batchResult } },
  }, async (req) => batch(req, (tx, actor, p) => publishBulk(tx, actor, req.body, app.now(), p)));

  app.post('/proposals/remind-bulk', {
    config: { access: ['staff', 'office'] },
    schema: { tags, summary: '批量催办：全部催办或全部不催办', body: remindBulkBody, response: { 200: batchResult } },
  }, async (req) => batch(req, (tx, actor, p) => remindBulk(tx, actor, req.body, app.now(), p)));

  app.post('/proposals/sign-bulk', {
    config: { access: ['unit'] },
    schema: { tags, summary: '承办单位批量签收：全部签收或全部不签收', body: signBulkBody, response: { 200: batchResult } },
  }, async (req) => batch(req, (tx, actor, p) => signBulk(tx, actor, req.body, app.now(), p)));

  app.get('/batch-progress/:key', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '批量操作进度（按请求的 Idempotency-Key）', params: batchProgressParams, response: { 200: batchProgress } },
  }, async (req) => {
    const p = readBatch(actorOf(req).userId, req.params.key);
    if (!p) throw notFound('批量操作');
    return p;
  });

  app.get('/proposals/overdue.xlsx', {
    // Like the other exports: a rate per user, one at a time.
    config: { access: ['staff', 'office'], rateLimit: RATE_LIMITS.export, exclusive: 'export' },
    schema: { tags, summary: '导出逾期未答复提案清单（Excel，供批量催办）', querystring: overdueExportQuery, response: { 200: fileResponse } },
  }, async (req, reply) => {
    const today = chinaDay(app.now());
    const rows = await app.db.transaction((tx) => readOverdueList(tx, actorOf(req), req.query.sessionId, today));
    const content = await buildOverdueXlsx(rows, today);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition(overdueFileName(today)))
      .header('content-length', content.length)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(content);
  });

  app.get('/proposals/merge-check', {
    config: { access: ['staff'] },
    schema: { tags, summary: '并案前的相似度：各并入提案与主提案的相似度，低于阈值须确认', querystring: mergeCheckQuery, response: { 200: mergeCheck } },
  }, async (req) => checkMerge(app.db, actorOf(req), req.query.primaryId, req.query.secondaryIds));
}
