import { z } from 'zod';
import { idParam, okResponse } from '../../../shared/schemas/common.js';
import { addAttachmentBody, attachmentParams } from '../../../shared/schemas/attachment.js';
import {
  createTaskListBody,
  exportQuery,
  importCommitBody,
  importFileBody,
  importPreview,
  importResult,
  linkProposalBody,
  openPeriodBody,
  proposalTaskList,
  publicTaskPeriod,
  publicTaskPeriodList,
  publicTaskPeriodsQuery,
  remindResult,
  remindTaskUnitsBody,
  reviewReportBody,
  saveReportBody,
  submitReportBody,
  taskDetail,
  taskList,
  taskListList,
  taskPage,
  taskPeriod,
  taskPeriodList,
  taskPeriodParams,
  taskProposalParams,
  taskReport,
  taskReportAttachment,
  taskStats,
  taskStatsQuery,
  tasksQuery,
  updatePeriodBody,
  updateTaskBody,
} from '../../../shared/schemas/tasks.js';
import { chinaDay } from '../../clock.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { createTaskList } from '../../domain/tasks/create-task-list.js';
import { listTaskLists, listTaskPeriods, presentList } from '../../domain/tasks/read-task-lists.js';
import { previewTaskImport } from '../../domain/tasks/preview-task-import.js';
import { commitTaskImport } from '../../domain/tasks/commit-task-import.js';
import { listProposalTasks, listTasks, readTask } from '../../domain/tasks/read-tasks.js';
import { readTaskStats } from '../../domain/tasks/read-task-stats.js';
import { updateTask } from '../../domain/tasks/update-task.js';
import { openTaskPeriod } from '../../domain/tasks/open-task-period.js';
import { updateTaskPeriod } from '../../domain/tasks/update-task-period.js';
import { remindTaskUnits } from '../../domain/tasks/remind-task-units.js';
import { saveTaskReport } from '../../domain/tasks/save-task-report.js';
import { submitTaskReport } from '../../domain/tasks/submit-task-report.js';
import { reviewTaskReport } from '../../domain/tasks/review-task-report.js';
import { addStoredTaskReportAttachment, addTaskReportAttachment, attachableReport, readTaskReportAttachment } from '../../domain/tasks/add-task-report-attachment.js';
import { linkTaskProposal } from '../../domain/tasks/link-task-proposal.js';
import { unlinkTaskProposal } from '../../domain/tasks/unlink-task-proposal.js';
import { listPublicTaskPeriods, readPeriodTable, readPublicTaskPeriod } from '../../domain/tasks/read-period-table.js';
import { DOCX_MIME, periodTableDocx, periodTableXlsx, XLSX_MIME } from '../../tasks/export-table.js';
import { importTemplateXlsx } from '../../tasks/import-template.js';
import { openStored, removeStored, storedFileResponse } from '../../files/file-store.js';
import { BASE64_UPLOAD_BODY_LIMIT, receiveUpload, UPLOAD_BODY_LIMIT } from '../upload.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

const READERS = ['office', 'staff', 'unit', 'leader'] as const;
const PROPOSAL_READERS = ['member', 'group', 'staff', 'office', 'unit', 'leader'] as const;
const TAG = ['重点工作任务'];

// 政府重点工作任务: lists, import, periods, unit reports, review, lights, export, public table.
/** The task table import: a 10 MB file as base64 in JSON, with the unit mapping. */
const IMPORT_BODY_LIMIT = 15 * 1024 * 1024;

export async function tasksRoutes(app: App) {
  const today = () => chinaDay(app.now());

  app.get('/task-lists', {
    config: { access: READERS },
    schema: { tags: TAG, summary: '任务清单列表', response: { 200: taskListList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listTaskLists(tx, actorOf(req))) }));

  app.post('/task-lists', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '新建任务清单（如2025年政府工作报告重点工作任务）', body: createTaskListBody, response: { 201: taskList } },
  }, async (req, reply) => {
    const l = await app.db.transaction((tx) => createTaskList(tx, actorOf(req), req.body));
    return reply.code(201).send(presentList(l, 0));
  });

  app.get('/task-lists/import-template', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '下载任务导入模板（.xlsx：表头、填写示例与填写说明）', response: { 200: z.instanceof(Buffer).describe('文件内容') } },
  }, async (_req, reply) =>
    reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', contentDisposition('重点工作任务导入模板.xlsx'))
      .header('cache-control', 'private, no-store')
      .send(await importTemplateXlsx()));

  app.post('/task-lists/:id/import/preview', {
    config: { access: ['office'] },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: { tags: TAG, summary: '导入预览：解析表格（.xlsx 或竖线分隔文本，Base64，最大10MB），列出将新建与跳过的任务、单位对应、待确认的指标和完成情况的去向，不保存', params: idParam, body: importFileBody, response: { 200: importPreview } },
  }, async (req) => app.db.transaction((tx) => previewTaskImport(tx, actorOf(req), req.params.id, req.body)));

  app.post('/task-lists/:id/import/commit', {
    config: { access: ['office'] },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: { tags: TAG, summary: '确认导入：按单位对应关系和确认的指标一次性创建任务（已有任务跳过），指定报告期时完成情况记为各牵头单位的报告', params: idParam, body: importCommitBody, response: { 200: importResult } },
  }, async (req) => app.db.transaction((tx) => commitTaskImport(tx, actorOf(req), req.params.id, req.body, app.now())));

  app.get('/task-lists/:id/tasks', {
    config: { access: READERS },
    schema: { tags: TAG, summary: '任务列表（按分管市长、责任单位、灯色、报告期筛选；分页）', params: idParam, querystring: tasksQuery, response: { 200: taskPage } },
  }, async (req) => app.db.transaction((tx) => listTasks(tx, actorOf(req), req.params.id, req.query, today())));

  app.get('/task-lists/:id/stats', {
    config: { access: READERS },
    schema: { tags: TAG, summary: '红黄绿灯统计（总体、按分管市长、按牵头单位）', params: idParam, querystring: taskStatsQuery, response: { 200: taskStats } },
  }, async (req) => app.db.transaction((tx) => readTaskStats(tx, actorOf(req), req.params.id, req.query.periodId, today())));

  app.get('/task-lists/:id/periods', {
    config: { access: READERS },
    schema: { tags: TAG, summary: '报告期列表', params: idParam, response: { 200: taskPeriodList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listTaskPeriods(tx, actorOf(req), req.params.id)) }));

  app.post('/task-lists/:id/periods', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '开启报告期（通知牵头单位填报）', params: idParam, body: openPeriodBody, response: { 201: taskPeriod } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => openTaskPeriod(tx, actorOf(req), req.params.id, req.body))));

  app.patch('/task-periods/:id', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '报告期截止、重新开放、公开、撤回公开或调整截止日期', params: idParam, body: updatePeriodBody, response: { 200: taskPeriod } },
  }, async (req) => app.db.transaction((tx) => updateTaskPeriod(tx, actorOf(req), req.params.id, req.body, app.now())));

  app.post('/task-periods/:id/remind', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '催办尚未报送的牵头单位', params: idParam, body: remindTaskUnitsBody, response: { 200: remindResult } },
  }, async (req) => app.db.transaction((tx) => remindTaskUnits(tx, actorOf(req), req.params.id, req.body)));

  app.get('/task-periods/:id/export', {
    config: { access: ['office', 'staff', 'leader'], rateLimit: RATE_LIMITS.export, exclusive: 'export', auditDownload: { action: 'export.task_period', entityType: 'task_period' } },
    schema: {
      tags: TAG,
      summary: '导出报告期完成情况表（xlsx 或 docx，原表格式）',
      params: idParam,
      querystring: exportQuery,
      response: { 200: z.instanceof(Buffer).describe('文件内容') },
    },
  }, async (req, reply) => {
    const table = await app.db.transaction((tx) => readPeriodTable(tx, actorOf(req), req.params.id));
    const xlsx = req.query.format === 'xlsx';
    const file = xlsx ? await periodTableXlsx(table) : await periodTableDocx(table);
    return reply
      .header('content-type', xlsx ? XLSX_MIME : DOCX_MIME)
      .header('content-disposition', contentDisposition(`${table.title}${table.period.label}完成情况.${req.query.format}`))
      .header('cache-control', 'private, no-store')
      .send(file);
  });

  app.get('/tasks/:id', {
    config: { access: READERS },
    schema: { tags: TAG, summary: '任务详情（指标、责任单位、各报告期完成情况、关联提案）', params: idParam, response: { 200: taskDetail } },
  }, async (req) => app.db.transaction((tx) => readTask(tx, actorOf(req), req.params.id, today())));

  app.patch('/tasks/:id', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '修改任务内容、完成时限、量化指标或责任单位', params: idParam, body: updateTaskBody, response: { 200: taskDetail } },
  }, async (req) =>
    app.db.transaction(async (tx) => {
      await updateTask(tx, actorOf(req), req.params.id, req.body);
      return readTask(tx, actorOf(req), req.params.id, today());
    }),
  );

  app.put('/tasks/:id/periods/:periodId/report', {
    config: { access: ['unit'] },
    schema: { tags: TAG, summary: '填报本单位完成情况（保存草稿；牵头单位或配合单位）', params: taskPeriodParams, body: saveReportBody, response: { 200: taskReport } },
  }, async (req) => app.db.transaction((tx) => saveTaskReport(tx, actorOf(req), req.params.id, req.params.periodId, req.body, app.now())));

  app.post('/task-reports/:id/submit', {
    config: { access: ['unit'] },
    schema: { tags: TAG, summary: '报送完成情况', params: idParam, body: submitReportBody, response: { 200: taskReport } },
  }, async (req) => app.db.transaction((tx) => submitTaskReport(tx, actorOf(req), req.params.id, req.body, app.now())));

  app.post('/task-reports/:id/review', {
    config: { access: ['office'] },
    schema: { tags: TAG, summary: '审核完成情况：通过或退回', params: idParam, body: reviewReportBody, response: { 200: taskReport } },
  }, async (req) => app.db.transaction((tx) => reviewTaskReport(tx, actorOf(req), req.params.id, req.body, app.now())));

  app.post('/task-reports/:id/attachments/upload', {
    config: { access: ['unit'] },
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: { tags: TAG, summary: '上传佐证材料（multipart/form-data，字段 file；最大20MB，边接收边写入磁盘）', consumes: ['multipart/form-data'], params: idParam, response: { 201: taskReportAttachment } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const up = await receiveUpload(req, () => app.db.transaction((tx) => attachableReport(tx, actor, req.params.id)));
    try {
      return reply.code(201).send(await app.db.transaction((tx) => addStoredTaskReportAttachment(tx, actor, req.params.id, up)));
    } catch (e) {
      await removeStored(up.stored.storagePath);
      throw e;
    }
  });

  app.post('/task-reports/:id/attachments', {
    config: { access: ['unit'], exclusive: 'upload' },
    bodyLimit: BASE64_UPLOAD_BODY_LIMIT,
    schema: { tags: TAG, summary: '上传佐证材料（Base64，最大20MB）', params: idParam, body: addAttachmentBody, response: { 201: taskReportAttachment } },
  }, async (req, reply) => reply.code(201).send(await app.db.transaction((tx) => addTaskReportAttachment(tx, actorOf(req), req.params.id, req.body))));

  app.get('/task-reports/:id/attachments/:attachmentId', {
    config: { access: READERS, auditDownload: { action: 'task_report.attachment_download', entityType: 'task_report' } },
    schema: { tags: TAG, summary: '下载佐证材料', params: attachmentParams, response: { 200: storedFileResponse } },
  }, async (req, reply) => {
    const a = await app.db.transaction((tx) => readTaskReportAttachment(tx, actorOf(req), req.params.id, req.params.attachmentId));
    return reply
      .header('content-type', a.mimeType)
      .header('content-disposition', contentDisposition(a.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-length', a.size)
      .header('cache-control', 'private, no-store')
      .send(openStored(a));
  });

  app.post('/tasks/:id/proposals', {
    config: { access: ['staff', 'office'] },
    schema: { tags: TAG, summary: '关联提案与任务', params: idParam, body: linkProposalBody, response: { 200: okResponse } },
  }, async (req) => {
    await app.db.transaction((tx) => linkTaskProposal(tx, actorOf(req), req.params.id, req.body.proposalId));
    return { ok: true as const };
  });

  app.delete('/tasks/:id/proposals/:proposalId', {
    config: { access: ['staff', 'office'] },
    schema: { tags: TAG, summary: '取消提案与任务的关联', params: taskProposalParams, response: { 200: okResponse } },
  }, async (req) => {
    await app.db.transaction((tx) => unlinkTaskProposal(tx, actorOf(req), req.params.id, req.params.proposalId));
    return { ok: true as const };
  });

  app.get('/proposals/:id/tasks', {
    config: { access: PROPOSAL_READERS },
    schema: { tags: TAG, summary: '提案关联的政府重点工作任务', params: idParam, response: { 200: proposalTaskList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listProposalTasks(tx, actorOf(req), req.params.id)) }));

  app.get('/public/task-periods', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '已公开的重点工作完成情况报告期', querystring: publicTaskPeriodsQuery, response: { 200: publicTaskPeriodList } },
  }, async (req) => ({ items: await app.db.transaction((tx) => listPublicTaskPeriods(tx, req.query.tenantId)) }));

  app.get('/public/task-periods/:id', {
    config: { access: 'public' },
    schema: { tags: ['公众平台'], summary: '已公开的重点工作完成情况表', params: idParam, response: { 200: publicTaskPeriod } },
  }, async (req) => app.db.transaction((tx) => readPublicTaskPeriod(tx, req.params.id)));
}
