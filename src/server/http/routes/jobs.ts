import { z } from 'zod';
import { createJobBody, jobOut } from '../../../shared/schemas/jobs.js';
import { contentDisposition } from '../../domain/add-attachment.js';
import { AppError, notFound } from '../../errors.js';
import { createBackgroundJob, presentJob, readOwnJob } from '../../jobs/heavy-jobs.js';
import { QUEUES } from '../../jobs/queue.js';
import { RATE_LIMITS } from '../plugins/limits.js';
import { actorOf, type App } from '../types.js';

// Ids are int32 in the database: a larger one is a 400, not a failed query.
const idParam = z.object({ id: z.coerce.number().int().positive('编号无效').max(2_147_483_647, '编号无效') });
const ASKERS = ['member', 'group', 'staff', 'office', 'unit', 'leader'] as const;
const tags = ['后台任务'];

// 后台任务: heavy requests (documents, large exports, the task import) run by the queue, with
// progress the web app polls. Each user sees only their own jobs.
export async function jobsRoutes(app: App) {
  app.post('/jobs', {
    config: { access: [...ASKERS] },
    bodyLimit: 16 * 1024 * 1024,
    schema: { tags, summary: '提交后台任务（生成文书、导出、导入），返回任务编号', body: createJobBody, response: { 202: jobOut } },
  }, async (req, reply) => {
    if (!app.queue) throw new AppError('UNAVAILABLE', '后台任务队列未启动，请稍后重试');
    const job = await app.db.transaction((tx) => createBackgroundJob(tx, actorOf(req), req.body));
    await app.queue.send(QUEUES.heavy.name, { id: job.id });
    return reply.code(202).send(presentJob(job));
  });

  app.get('/jobs/:id', {
    config: { access: [...ASKERS] },
    schema: { tags, summary: '后台任务进度', params: idParam, response: { 200: jobOut } },
  }, async (req) => presentJob(await readOwnJob(app.db, actorOf(req), req.params.id)));

  app.get('/jobs/:id/file', {
    // The file is an export or a document like any other download: audited when it is fetched.
    config: { access: [...ASKERS], rateLimit: RATE_LIMITS.export, auditDownload: { action: 'export.job_file', entityType: 'job' } },
    schema: { tags, summary: '下载后台任务生成的文件', params: idParam, response: { 200: z.instanceof(Buffer).describe('文件内容') } },
  }, async (req, reply) => {
    const job = await readOwnJob(app.db, actorOf(req), req.params.id);
    if (job.status !== 'done' || !job.content || !job.fileName) throw notFound('文件');
    return reply
      .header('content-type', job.mimeType ?? 'application/octet-stream')
      .header('content-disposition', contentDisposition(job.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(job.content);
  });
}
