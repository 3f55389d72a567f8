import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { backgroundJobs, proposals, users } from '../db/schema.js';
import type { CreateJobBody } from '../../shared/schemas/jobs.js';
import type { Role } from '../../shared/roles.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { chinaDay } from '../clock.js';
import { loadActor } from '../auth/login-sessions.js';
import type { Actor } from '../domain/actor.js';
import { writeAudit } from '../domain/audit.js';
import { computeUnitStats } from '../domain/compute-unit-stats.js';
import { sessionHeadingOf } from '../domain/document-facts.js';
import { exportProposalList } from '../domain/export-proposal-list.js';
import { readKeyProposalReport } from '../domain/read-key-proposal-report.js';
import { compilationBatches } from '../domain/read-session-compilation.js';
import { commitTaskImport } from '../domain/tasks/commit-task-import.js';
import { readPeriodTable } from '../domain/tasks/read-period-table.js';
import { buildCompilation, compilationTitle } from '../documents/compilation.js';
import { buildKeyPublicity, keyPublicityTitle } from '../documents/key-publicity.js';
import { buildKeyReview, keyReviewTitle } from '../documents/key-review.js';
import { convertDocxToPdf } from '../documents/pdf.js';
import { buildProposalListXlsx, proposalListFileName } from '../documents/proposal-list-xlsx.js';
import { buildUnitStatsXlsx, unitStatsFileName } from '../documents/unit-stats-xlsx.js';
import { DOCX_MIME, periodTableDocx, periodTableXlsx, XLSX_MIME } from '../tasks/export-table.js';
import { QUEUES, work } from './queue.js';
import { instrumented, type JobContext } from './scheduler.js';

/** Who may ask for each kind: the same roles as the direct download or the import. */
export const JOB_ROLES: Record<CreateJobBody['kind'], Role[]> = {
  'session-document': ['staff', 'office', 'leader'],
  'proposal-export': ['member', 'group', 'staff', 'office', 'unit', 'leader'],
  'unit-stats-export': ['staff', 'office', 'leader'],
  'task-period-export': ['office', 'staff', 'leader'],
  'task-import': ['office'],
};

/** At most this many of one user's jobs wait or run at once. */
const MAX_OPEN_JOBS = 5;

const JOB_NAMES: Record<CreateJobBody['kind'], string> = {
  'session-document': '生成文书',
  'proposal-export': '导出提案列表',
  'unit-stats-export': '导出单位统计表',
  'task-period-export': '导出完成情况表',
  'task-import': '导入重点工作任务',
};

/** Records the job (with an audit row) in `tx`; the caller queues it once the transaction commits. */
export async function createBackgroundJob(tx: Executor, actor: Actor, body: CreateJobBody) {
  if (!JOB_ROLES[body.kind].some((r) => actor.roles.includes(r))) throw forbidden();
  const [{ open }] = (await tx
    .select({ open: count() })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.tenantId, actor.tenantId), eq(backgroundJobs.userId, actor.userId), sql`${backgroundJobs.status} in ('queued', 'running')`))) as [{ open: number }];
  if (open >= MAX_OPEN_JOBS) throw new AppError('CONFLICT', `已有${open}个任务正在处理，请等待完成后再提交`);
  const [row] = await tx
    .insert(backgroundJobs)
    .values({ tenantId: actor.tenantId, userId: actor.userId, kind: body.kind, params: body, stage: '排队中' })
    .returning();
  // The import's file is in the job's params; the audit row records what was asked, not the file.
  const { commit: _file, ...asked } = body as CreateJobBody & { commit?: unknown };
  await writeAudit(tx, actor, { action: 'job.create', entityType: 'background_job', entityId: row!.id, after: { ...asked, name: JOB_NAMES[body.kind] } });
  return row!;
}

export function presentJob(j: typeof backgroundJobs.$inferSelect) {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: j.progress,
    stage: j.stage,
    fileName: j.fileName,
    result: j.result ?? null,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt ? j.finishedAt.toISOString() : null,
  };
}

/** One of the actor's own jobs; another user's (or tenant's) is 404. */
export async function readOwnJob(tx: Executor, actor: Actor, id: number) {
  const [j] = await tx
    .select()
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.id, id), eq(backgroundJobs.tenantId, actor.tenantId), eq(backgroundJobs.userId, actor.userId)));
  if (!j) throw notFound('任务');
  return j;
}

interface Output {
  buffer?: Buffer;
  fileName?: string;
  mime?: string;
  result?: unknown;
}

type Progress = (percent: number, stage: string) => Promise<void>;

async function produce(db: Db, actor: Actor, body: CreateJobBody, today: string, now: Date, progress: Progress): Promise<Output> {
  switch (body.kind) {
    case 'session-document': {
      await progress(5, '正在读取数据');
      const sessionId = body.sessionId;
      const { buffer, name } = await db.transaction(async (tx) => {
        if (body.document === 'compilation') {
          const heading = await sessionHeadingOf(tx, actor.tenantId, body.sessionId);
          const [{ total }] = (await tx.select({ total: count() }).from(proposals).where(and(eq(proposals.tenantId, actor.tenantId), eq(proposals.sessionId, body.sessionId)))) as [{ total: number }];
          let done = 0;
          // Progress per batch of 200 proposals, from 10% to 90%.
          async function* counted() {
            for await (const batch of compilationBatches(tx, actor.tenantId, sessionId)) {
              done += batch.length;
              await progress(10 + Math.min(80, Math.round((done / Math.max(total, 1)) * 80)), '正在编排提案');
              yield batch;
            }
          }
          const built = await buildCompilation(heading, counted());
          return { buffer: built.buffer, name: compilationTitle(heading) };
        }
        const report = await readKeyProposalReport(tx, actor, body.sessionId, today);
        await progress(50, '正在生成文书');
        return body.document === 'key-publicity'
          ? { buffer: await buildKeyPublicity(report), name: keyPublicityTitle(report) }
          : { buffer: await buildKeyReview(report), name: keyReviewTitle(report) };
      });
      if (body.format === 'pdf') {
        await progress(92, '正在转换为 PDF');
        return { buffer: await convertDocxToPdf(buffer), fileName: `${name}.pdf`, mime: 'application/pdf' };
      }
      return { buffer, fileName: `${name}.docx`, mime: DOCX_MIME };
    }
    case 'proposal-export': {
      await progress(10, '正在查询提案');
      const rows = await db.transaction((tx) => exportProposalList(tx, actor, body.query));
      await progress(60, `正在写入${rows.length}条记录`);
      return { buffer: await buildProposalListXlsx(rows, today), fileName: proposalListFileName(today), mime: XLSX_MIME };
    }
    case 'unit-stats-export': {
      if (!actor.roles.some((r) => JOB_ROLES['unit-stats-export'].includes(r))) throw forbidden();
      await progress(10, '正在统计');
      const stats = await db.transaction((tx) => computeUnitStats(tx, actor.tenantId, body.sessionId, today, body.query.sort));
      await progress(60, '正在生成表格');
      return { buffer: await buildUnitStatsXlsx(stats), fileName: unitStatsFileName(stats), mime: XLSX_MIME };
    }
    case 'task-period-export': {
      await progress(10, '正在读取完成情况');
      const table = await db.transaction((tx) => readPeriodTable(tx, actor, body.periodId));
      await progress(60, '正在生成文件');
      const xlsx = body.format === 'xlsx';
      return {
        buffer: xlsx ? await periodTableXlsx(table) : await periodTableDocx(table),
        fileName: `${table.title}${table.period.label}完成情况.${body.format}`,
        mime: xlsx ? XLSX_MIME : DOCX_MIME,
      };
    }
    case 'task-import': {
      await progress(10, '正在导入任务');
      const result = await db.transaction((tx) => commitTaskImport(tx, actor, body.listId, body.commit, now));
      return { result };
    }
  }
}

/**
 * Runs one background job: loads the asking user (with their roles of now), produces the file or
 * result with the same use cases as the direct routes, reporting progress as it goes. A failure
 * is recorded on the job with its Chinese message (an AppError's, else a general one).
 */
export async function runBackgroundJob(db: Db, id: number, now: () => Date) {
  const [job] = await db.select().from(backgroundJobs).where(eq(backgroundJobs.id, id));
  if (!job || job.status === 'done' || job.status === 'failed') return { ran: false };
  const update = (set: Partial<typeof backgroundJobs.$inferInsert>) =>
    db.update(backgroundJobs).set({ ...set, updatedAt: sql`now()` }).where(eq(backgroundJobs.id, id));
  await update({ status: 'running', progress: 1, stage: '开始处理' });
  let writing: Promise<unknown> = Promise.resolve();
  try {
    const [user] = await db.select().from(users).where(and(eq(users.id, job.userId), eq(users.tenantId, job.tenantId)));
    if (!user || !user.active) throw forbidden('账户已停用');
    const actor = await loadActor(db, user);
    const at = now();
    // Progress is reported from inside the job's read transaction. It must not wait there: on
    // PGlite (one connection) a write outside the transaction waits for it to end. So the newest
    // value is written in the background, one write at a time.
    let latest: { progress: number; stage: string } | null = null;
    const progress: Progress = async (p, stage) => {
      latest = { progress: p, stage };
      writing = writing.then(() => {
        const v = latest;
        latest = null;
        return v ? update(v).catch(() => undefined) : undefined;
      });
    };
    const out = await produce(db, actor, job.params as CreateJobBody, chinaDay(at), at, progress);
    await writing;
    await update({
      status: 'done',
      progress: 100,
      stage: '已完成',
      content: out.buffer ?? null,
      fileName: out.fileName ?? null,
      mimeType: out.mime ?? null,
      result: out.result ?? null,
      finishedAt: sql`now()` as unknown as Date,
    });
    return { ran: true, status: 'done' };
  } catch (err) {
    await writing.catch(() => undefined);
    const message = err instanceof AppError ? err.message : '处理失败，请稍后重试';
    // An AppError's details (the fields of an import that need a correction) go with it.
    const details = err instanceof AppError && err.details ? { code: err.code, details: err.details } : null;
    await update({ status: 'failed', stage: '失败', error: message, result: details, finishedAt: sql`now()` as unknown as Date });
    if (err instanceof AppError) return { ran: true, status: 'failed', error: message };
    throw err;
  }
}

export async function registerHeavyJobs(ctx: JobContext) {
  const now = ctx.now ?? (() => new Date());
  await work<{ id: number }>(ctx.queue, QUEUES.heavy.name, (job) => instrumented(ctx, QUEUES.heavy.name, () => runBackgroundJob(ctx.db, job.data.id, now)), {
    pollSeconds: 1,
  });
}
