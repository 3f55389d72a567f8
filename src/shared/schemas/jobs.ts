import { z } from 'zod';
import { exportProposalsQuery, SESSION_DOCUMENTS } from './documents.js';
import { unitStatsQuery } from './figures.js';
import { importCommitBody } from './tasks.js';

const int32Id = (label: string) => z.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`).max(2_147_483_647, `${label}无效`);

/** A heavy request run by the queue: documents, large exports, the task import. */
export const createJobBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('session-document'),
    sessionId: int32Id('届次'),
    document: z.enum(SESSION_DOCUMENTS, { error: '文书类型无效' }),
    format: z.enum(['docx', 'pdf'], { error: '格式应为 docx 或 pdf' }).default('docx'),
  }),
  z.object({ kind: z.literal('proposal-export'), query: exportProposalsQuery.default({} as never) }),
  z.object({ kind: z.literal('unit-stats-export'), sessionId: int32Id('届次'), query: unitStatsQuery.default({} as never) }),
  z.object({ kind: z.literal('task-period-export'), periodId: int32Id('报告期'), format: z.enum(['xlsx', 'docx'], { error: '格式应为 xlsx 或 docx' }).default('xlsx') }),
  z.object({ kind: z.literal('task-import'), listId: int32Id('任务清单'), commit: importCommitBody }),
], { error: '任务类型无效' });
export type CreateJobBody = z.infer<typeof createJobBody>;
export type JobKind = CreateJobBody['kind'];

export const JOB_STATUS_LABELS = { queued: '排队中', running: '处理中', done: '已完成', failed: '失败' } as const;

export const jobOut = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** 0–100. */
  progress: z.number().int(),
  /** What it is doing now, in Chinese. */
  stage: z.string().nullable(),
  /** Set when the job produced a file: GET /jobs/:id/file downloads it. */
  fileName: z.string().nullable(),
  /** Jobs that answer with data (the import's counts). */
  result: z.unknown(),
  /** Why it failed, in Chinese. */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobOut = z.infer<typeof jobOut>;
