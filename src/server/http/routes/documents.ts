import type { FastifyReply } from 'fastify';
import { idParam } from '../../../shared/schemas/common.js';
import { unitStatsQuery } from '../../../shared/schemas/figures.js';
import { exportProposalsQuery, fileResponse, type SessionDocument } from '../../../shared/schemas/documents.js';
import type { Role } from '../../../shared/roles.js';
import { chinaDay } from '../../clock.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { computeUnitStats } from '../../domain/compute-unit-stats.js';
import { sessionHeadingOf } from '../../domain/document-facts.js';
import { exportProposalList } from '../../domain/export-proposal-list.js';
import { getVisibleSession } from '../../domain/proposal-access.js';
import { readKeyProposalReport } from '../../domain/read-key-proposal-report.js';
import { readOpenData } from '../../domain/read-open-data.js';
import { readReplyLetter } from '../../domain/read-reply-letter.js';
import { compilationBatches } from '../../domain/read-session-compilation.js';
import { buildCompilation, compilationTitle } from '../../documents/compilation.js';
import { buildKeyPublicity, keyPublicityTitle } from '../../documents/key-publicity.js';
import { buildKeyReview, keyReviewTitle } from '../../documents/key-review.js';
import { openDataCsv, openDataJson } from '../../documents/open-data.js';
import { convertDocxToPdf } from '../../documents/pdf.js';
import { buildProposalListXlsx, proposalListFileName } from '../../documents/proposal-list-xlsx.js';
import { buildReplyLetter, replyLetterFileName } from '../../documents/reply-letter.js';
import { buildUnitStatsXlsx, unitStatsFileName } from '../../documents/unit-stats-xlsx.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;
type Format = keyof typeof MIME;

function sendFile(reply: FastifyReply, content: Buffer, fileName: string, format: Format) {
  return reply
    .header('content-type', MIME[format])
    .header('content-disposition', contentDisposition(fileName))
    .header('content-length', content.length)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(content);
}

/** The .docx, or its PDF (501 when LibreOffice is not installed), under the matching file name. */
async function sendDocument(reply: FastifyReply, docx: Buffer, docxName: string, format: 'docx' | 'pdf') {
  if (format === 'docx') return sendFile(reply, docx, docxName, 'docx');
  return sendFile(reply, await convertDocxToPdf(docx), docxName.replace(/\.docx$/, '.pdf'), 'pdf');
}

const LETTER_READERS: Role[] = ['staff', 'office', 'unit', 'member', 'group'];
const SESSION_READERS: Role[] = ['staff', 'office', 'leader'];
// 三员分立: the administrators never read proposal content.
const LIST_READERS: Role[] = ['member', 'group', 'staff', 'office', 'unit', 'leader'];

const SESSION_DOCS: Record<SessionDocument, string> = {
  'key-publicity': '重点提案办理情况公示',
  'key-review': '年度重点提案督办工作综述',
  compilation: '提案及答复汇编（全部立案提案按编号排列，附答复）',
};

// 文书与报表: official documents (.docx in the GB/T 9704 layout, PDF when LibreOffice is present),
// the .xlsx tables and the open data. Every figure in them comes from computeFigures / computeUnitStats.
export async function documentsRoutes(app: App) {
  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/replies/:id/letter.${format}`, {
      config: { access: LETTER_READERS, rateLimit: RATE_LIMITS.document, exclusive: 'document', auditDownload: { action: 'document.reply_letter', entityType: 'reply' } },
      schema: { tags: ['文书'], summary: `下载答复函（${format === 'docx' ? 'Word' : 'PDF'}）：承办单位本单位的、提案人本人的、提案委和政府办全部`, params: idParam, response: { 200: fileResponse } },
    }, async (req, reply) => {
      const letter = await app.db.transaction((tx) => readReplyLetter(tx, actorOf(req), req.params.id));
      return sendDocument(reply, await buildReplyLetter(letter), replyLetterFileName(letter), format);
    });

    for (const doc of Object.keys(SESSION_DOCS) as SessionDocument[]) {
      app.get(`/sessions/:id/documents/${doc}.${format}`, {
        config: { access: SESSION_READERS, rateLimit: RATE_LIMITS.document, exclusive: 'document', auditDownload: { action: `document.${doc}`, entityType: 'session' } },
        schema: { tags: ['文书'], summary: `${SESSION_DOCS[doc]}（${format === 'docx' ? 'Word' : 'PDF'}）`, params: idParam, response: { 200: fileResponse } },
      }, async (req, reply) => {
        const actor = actorOf(req);
        const today = chinaDay(app.now());
        const { buffer, name } = await app.db.transaction(async (tx) => {
          if (doc === 'compilation') {
            await getVisibleSession(tx, actor, req.params.id);
            const heading = await sessionHeadingOf(tx, actor.tenantId, req.params.id);
            const built = await buildCompilation(heading, compilationBatches(tx, actor.tenantId, req.params.id));
            return { buffer: built.buffer, name: compilationTitle(heading) };
          }
          const report = await readKeyProposalReport(tx, actor, req.params.id, today);
          return doc === 'key-publicity'
            ? { buffer: await buildKeyPublicity(report), name: keyPublicityTitle(report) }
            : { buffer: await buildKeyReview(report), name: keyReviewTitle(report) };
        });
        return sendDocument(reply, buffer, `${name}.docx`, format);
      });
    }
  }

  app.get('/sessions/:id/unit-stats.xlsx', {
    config: { access: SESSION_READERS, rateLimit: RATE_LIMITS.export, exclusive: 'export', auditDownload: { action: 'export.unit_stats', entityType: 'session' } },
    schema: { tags: ['统计'], summary: '导出承办单位办理情况统计表（Excel，与统计接口同一数据和排序）', params: idParam, querystring: unitStatsQuery, response: { 200: fileResponse } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const stats = await app.db.transaction(async (tx) => {
      const s = await getVisibleSession(tx, actor, req.params.id);
      return computeUnitStats(tx, s.tenantId, s.id, chinaDay(app.now()), req.query.sort);
    });
    return sendFile(reply, await buildUnitStatsXlsx(stats), unitStatsFileName(stats), 'xlsx');
  });

  app.get('/proposals/export.xlsx', {
    config: { access: LIST_READERS, rateLimit: RATE_LIMITS.export, exclusive: 'export', auditDownload: { action: 'export.proposal_list', entityType: 'proposal_list' } },
    schema: { tags: ['提案'], summary: '导出提案列表（Excel，筛选条件与可见范围同提案列表）', querystring: exportProposalsQuery, response: { 200: fileResponse } },
  }, async (req, reply) => {
    const today = chinaDay(app.now());
    const rows = await app.db.transaction((tx) => exportProposalList(tx, actorOf(req), req.query));
    return sendFile(reply, await buildProposalListXlsx(rows, today), proposalListFileName(today), 'xlsx');
  });

  for (const format of ['csv', 'json'] as const) {
    app.get(`/public/sessions/:id/open-data.${format}`, {
      // Published data, downloaded by anyone: limited per address, not audited.
      config: { access: 'public', rateLimit: RATE_LIMITS.export },
      schema: { tags: ['公众平台'], summary: `届次会议开放数据（${format.toUpperCase()}：已公开提案及统计数据，不含个人信息）`, params: idParam, response: { 200: fileResponse } },
    }, async (req, reply) => {
      const data = await app.db.transaction((tx) => readOpenData(tx, req.params.id, chinaDay(app.now())));
      const text =
        format === 'csv'
          ? openDataCsv(data.items)
          : JSON.stringify({ ...openDataJson(data.session, data.asOf, data.items), figures: data.figures }, null, 2);
      return sendFile(reply, Buffer.from(text, 'utf8'), `${data.session.name}开放数据.${format}`, format);
    });
  }
}
