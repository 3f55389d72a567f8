import { z } from 'zod';
import { dayString, pageQuery, text, versionField } from './common.js';
import { LIGHT_REASONS, LIGHTS, REPORT_STATES, TASK_STATUSES } from '../tasks/traffic-light.js';
import { base64Size } from './attachment.js';

// 政府重点工作任务: task lists, tasks, reporting periods, unit reports, import/export, traffic
// lights. Values are English codes; the *_LABELS give the Chinese the UI shows.

export { LIGHTS, TASK_STATUSES, REPORT_STATES, LIGHT_REASONS };
export type { Light, TaskStatus, ReportState, LightReason } from '../tasks/traffic-light.js';

export const TASK_STATUS_LABELS = { done: '已完成', on_track: '序时推进', behind: '滞后', not_started: '未启动' } as const;
export const REPORT_STATE_LABELS = { draft: '草稿', submitted: '已报送', accepted: '已审核', returned: '已退回' } as const;
export const LIGHT_LABELS = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;
export const PERIOD_KINDS = ['quarter', 'month'] as const;
export const PERIOD_KIND_LABELS = { quarter: '季度', month: '月度' } as const;
export const PERIOD_STATUSES = ['open', 'closed', 'published'] as const;
export const PERIOD_STATUS_LABELS = { open: '填报中', closed: '已截止', published: '已公开' } as const;
export const LIST_STATUSES = ['draft', 'active', 'archived'] as const;
export const LIST_STATUS_LABELS = { draft: '草稿', active: '执行中', archived: '已归档' } as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** Import files (the table as .xlsx or pipe-delimited text) up to 10 MB, sent as Base64 JSON. */
export const MAX_TASK_FILE_BYTES = 10 * 1024 * 1024;

// ——— lists ———

export const taskList = z.object({
  id: z.number().int(),
  title: z.string(),
  year: z.number().int(),
  status: z.enum(LIST_STATUSES),
  /** Tasks the caller may see in the list. */
  taskCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TaskList = z.infer<typeof taskList>;
export const taskListList = z.object({ items: z.array(taskList) });

export const createTaskListBody = z.object({
  title: text('标题', 200),
  year: z.number({ error: '请填写年度' }).int().min(2000, '年度无效').max(2100, '年度无效'),
});
export type CreateTaskListBody = z.infer<typeof createTaskListBody>;

// ——— tasks ———

export const taskUnitRef = z.object({ unitId: z.number().int(), name: z.string(), isLead: z.boolean() });
export type TaskUnitRef = z.infer<typeof taskUnitRef>;

export const taskTarget = z.object({ id: z.number().int(), label: z.string(), targetValue: z.number(), unit: z.string() });
export type TaskTarget = z.infer<typeof taskTarget>;

export const taskTargetInput = z.object({
  /** An existing target keeps its id (reports' figures refer to it); omit for a new one. */
  id: z.number().int().positive().optional(),
  label: text('指标名称', 100),
  targetValue: z.number({ error: '目标值应为数字' }).finite('目标值应为数字'),
  unit: z.string().trim().max(20, '计量单位不能超过20字'),
});

export const taskSummary = z.object({
  id: z.number().int(),
  listId: z.number().int(),
  leaderName: z.string(),
  leaderId: z.number().int().nullable(),
  groupOrder: z.number().int(),
  seq: z.number().int(),
  text: z.string(),
  dueDate: z.string(),
  version: z.number().int(),
  units: z.array(taskUnitRef),
  targets: z.array(taskTarget),
  /** Light and reported status for the period the list was judged for (see taskPage.periodId). */
  light: z.enum(LIGHTS),
  lightReason: z.enum(Object.keys(LIGHT_REASONS) as [keyof typeof LIGHT_REASONS]),
  status: z.enum(TASK_STATUSES).nullable(),
  /** State of the lead report for that period (the least advanced one when several units lead); null: none yet. */
  reportState: z.enum(REPORT_STATES).nullable(),
  /** 本期完成情况: the lead units' submitted or accepted progress for that period ('' when none). */
  progress: z.string(),
});
export type TaskSummary = z.infer<typeof taskSummary>;

export const tasksQuery = pageQuery.extend({
  leader: z.string().trim().max(50).optional(),
  unitId: z.coerce.number().int().positive('单位编号无效').optional(),
  light: z.enum(LIGHTS, { error: '灯色应为 green、yellow 或 red' }).optional(),
  status: z.enum([...TASK_STATUSES, 'unreported'] as const).optional(),
  /** The period the lights are judged for; default the list's latest period. */
  periodId: z.coerce.number().int().positive('报告期编号无效').optional(),
  q: z.string().trim().max(100).optional(),
});
export type TasksQuery = z.infer<typeof tasksQuery>;

export const taskPage = z.object({
  items: z.array(taskSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  periodId: z.number().int().nullable(),
});
export type TaskPage = z.infer<typeof taskPage>;

export const updateTaskBody = z.object({
  version: versionField,
  text: text('主要工作任务', 2000).optional(),
  dueDate: dayString.optional(),
  targets: z.array(taskTargetInput).max(20, '指标最多20项').optional(),
  units: z
    .array(z.object({ unitId: z.number().int().positive('单位编号无效'), isLead: z.boolean() }))
    .min(1, '至少需要一个责任单位')
    .max(50)
    .refine((u) => u.some((x) => x.isLead), '至少需要一个牵头单位')
    .refine((u) => new Set(u.map((x) => x.unitId)).size === u.length, '责任单位重复')
    .optional(),
});
export type UpdateTaskBody = z.infer<typeof updateTaskBody>;

// ——— periods ———

export const taskPeriod = z.object({
  id: z.number().int(),
  listId: z.number().int(),
  label: z.string(),
  kind: z.enum(PERIOD_KINDS),
  startDate: z.string(),
  endDate: z.string(),
  dueDate: z.string(),
  status: z.enum(PERIOD_STATUSES),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TaskPeriod = z.infer<typeof taskPeriod>;
export const taskPeriodList = z.object({ items: z.array(taskPeriod) });

export const openPeriodBody = z
  .object({
    label: text('报告期名称', 50),
    kind: z.enum(PERIOD_KINDS, { error: '报告期类型应为季度或月度' }),
    startDate: dayString,
    endDate: dayString,
    dueDate: dayString,
  })
  .refine((b) => b.startDate <= b.endDate, { path: ['endDate'], message: '结束日期不能早于开始日期' });
export type OpenPeriodBody = z.infer<typeof openPeriodBody>;

export const updatePeriodBody = z.object({
  version: versionField,
  status: z.enum(PERIOD_STATUSES, { error: '状态应为填报中、已截止或已公开' }).optional(),
  dueDate: dayString.optional(),
});
export type UpdatePeriodBody = z.infer<typeof updatePeriodBody>;

// ——— reports ———

export const figureValue = z.object({ targetId: z.number().int().positive(), value: z.number().finite('完成值应为数字') });

export const taskReportAttachment = z.object({ id: z.number().int(), fileName: z.string(), mimeType: z.string(), size: z.number().int(), createdAt: z.string() });

export const taskReport = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  periodId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  isLead: z.boolean(),
  progress: z.string(),
  status: z.enum(TASK_STATUSES).nullable(),
  figures: z.array(figureValue),
  state: z.enum(REPORT_STATES),
  officeComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  attachments: z.array(taskReportAttachment),
});
export type TaskReport = z.infer<typeof taskReport>;

export const taskPeriodParams = z.object({
  id: z.coerce.number().int().positive('任务编号无效'),
  periodId: z.coerce.number().int().positive('报告期编号无效'),
});

/** The caller's own unit's report (lead or helping unit): saved as a draft. */
export const saveReportBody = z.object({
  progress: z.string().trim().max(20000, '完成情况不能超过20000字'),
  status: z.enum(TASK_STATUSES, { error: '请选择完成状态（已完成、序时推进、滞后、未启动）' }).nullable().optional(),
  figures: z.array(figureValue).max(20).default([]),
  /** The version read; omit only when the unit has no report for the period yet. */
  version: versionField.optional(),
});
export type SaveReportBody = z.infer<typeof saveReportBody>;

export const submitReportBody = z.object({ version: versionField });

export const reviewReportBody = z
  .object({
    decision: z.enum(['accept', 'return'], { error: '请选择审核结果（通过或退回）' }),
    comment: z.string().trim().max(2000, '意见不能超过2000字').optional(),
    version: versionField,
  })
  .refine((b) => b.decision === 'accept' || (b.comment ?? '') !== '', { path: ['comment'], message: '退回时请填写退回意见' });
export type ReviewReportBody = z.infer<typeof reviewReportBody>;

export const remindTaskUnitsBody = z.object({
  /** Only these units (default: every lead unit that has not submitted). */
  unitIds: z.array(z.number().int().positive()).max(200).optional(),
  /** Only these tasks (default: every task of the list). */
  taskIds: z.array(z.number().int().positive()).max(5000).optional(),
  message: z.string().trim().max(500, '催办说明不能超过500字').optional(),
});
export type RemindTaskUnitsBody = z.infer<typeof remindTaskUnitsBody>;
export const remindResult = z.object({ units: z.array(z.object({ unitId: z.number().int(), name: z.string(), tasks: z.number().int() })), notified: z.number().int() });

// ——— task detail ———

export const linkedProposal = z.object({ id: z.number().int(), number: z.number().int().nullable(), title: z.string(), status: z.string() });

export const taskDetail = taskSummary.extend({
  listTitle: z.string(),
  year: z.number().int(),
  periods: z.array(
    z.object({
      period: taskPeriod,
      light: z.enum(LIGHTS),
      lightReason: z.enum(Object.keys(LIGHT_REASONS) as [keyof typeof LIGHT_REASONS]),
      status: z.enum(TASK_STATUSES).nullable(),
      reports: z.array(taskReport),
    }),
  ),
  /** Proposals linked to the task that the caller may see. */
  proposals: z.array(linkedProposal),
});
export type TaskDetail = z.infer<typeof taskDetail>;

// ——— import ———

const base64File = z
  .string({ error: '文件内容不能为空' })
  .min(1, '文件内容不能为空')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 Base64 编码')
  .refine((s) => s.length % 4 === 0, '文件内容应为 Base64 编码')
  .refine((s) => base64Size(s) <= MAX_TASK_FILE_BYTES, '文件不能超过10MB');

export const importFileBody = z.object({
  fileName: z
    .string({ error: '文件名不能为空' })
    .trim()
    .min(1, '文件名不能为空')
    .max(200)
    .refine((n) => /\.(xlsx|txt|csv|md)$/i.test(n), '只支持 .xlsx 表格或竖线分隔的文本（.txt）'),
  contentBase64: base64File,
  /** When given, a filled-in progress column is stored as this period's lead report (see importResult.note). */
  periodId: z.number().int().positive('报告期编号无效').max(2147483647, '报告期编号无效').optional(),
});
export type ImportFileBody = z.infer<typeof importFileBody>;

/** A target as the import stores it: the preview's guess, accepted or edited. */
const noNul = (s: string) => !s.includes('\u0000');
export const importTargetInput = z.object({
  label: text('指标名称', 100).refine(noNul, '指标名称含有无效字符'),
  targetValue: z.number({ error: '目标值应为数字' }).finite('目标值应为数字').min(-1e12, '目标值超出范围').max(1e12, '目标值超出范围'),
  unit: z.string().trim().max(20, '计量单位不能超过20字').refine(noNul, '计量单位含有无效字符'),
});

/** Row numbers of the file, as the keys of per-row choices. */
const ROW_KEY = /^[1-9]\d{0,6}$/;

export const importCommitBody = importFileBody.extend({
  /** For each unknown unit name: an existing unit's id, or 'create' to add it to the tenant's units. */
  unitMapping: z
    .record(z.string().max(200, '单位名称过长'), z.union([z.number().int().positive().max(2147483647, '单位编号无效'), z.literal('create')]))
    .default({}),
  /** The status recorded with imported progress text (the table does not say); default 序时推进. */
  progressStatus: z.enum(TASK_STATUSES).default('on_track'),
  /**
   * The targets confirmed in the preview, by the row number of the task (accepted, edited or
   * dropped: an empty list stores none). A new task whose row is not named keeps only the
   * targets the rules are sure of; uncertain ones are never stored unconfirmed.
   */
  targets: z
    .record(z.string(), z.array(importTargetInput).max(20, '指标最多20项'))
    .superRefine((r, ctx) => {
      const keys = Object.keys(r);
      if (keys.length > 20000) ctx.addIssue({ code: 'custom', message: '行数过多' });
      for (const k of keys) if (!ROW_KEY.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: `行号「${k.slice(0, 20)}」无效` });
    })
    .default({}),
});
export type ImportCommitBody = z.infer<typeof importCommitBody>;

/** What becomes of a row's progress text: stored as the period's reports, already there, or not imported. */
export const PROGRESS_FATES = ['import', 'already_reported', 'not_imported'] as const;
export type ProgressFate = (typeof PROGRESS_FATES)[number];

export const importTargetGuess = importTargetInput.extend({
  /** The rules could not settle it: the preview asks to accept, edit or drop it. */
  uncertain: z.boolean(),
  reason: z.string().nullable(),
});
export type ImportTargetGuess = z.infer<typeof importTargetGuess>;

const unitRefOut = z.object({ unitId: z.number().int(), name: z.string() });

export const importPreview = z.object({
  fileName: z.string(),
  /** Header of the progress column (一季度重点工作完成情况), null when absent. */
  progressLabel: z.string().nullable(),
  leaders: z.array(z.object({ name: z.string(), leaderId: z.number().int().nullable(), tasks: z.number().int() })),
  tasks: z.array(
    z.object({
      row: z.number().int(),
      leaderName: z.string(),
      seq: z.number().int(),
      text: z.string(),
      progress: z.string(),
      units: z.array(z.object({ name: z.string(), isLead: z.boolean(), unitId: z.number().int().nullable() })),
      targets: z.array(importTargetGuess),
      /** Already in the list (same leader, 序号 and text): the commit skips it. */
      exists: z.boolean(),
      /** What the commit does with the row's progress text; null when the row has none. */
      progressFate: z.enum(PROGRESS_FATES).nullable(),
    }),
  ),
  /** Printed names found in the directory; `unitName` differs when the name matched after normalisation (市 教育局 → 教育局). */
  knownUnits: z.array(z.object({ name: z.string(), unitId: z.number().int(), unitName: z.string() })),
  unknownUnits: z.array(
    z.object({
      name: z.string(),
      rows: z.array(z.number().int()),
      /** The existing unit proposed (发改局 → 发展和改革局): preselected; 新建 maps to it rather than making a twin. */
      suggestion: unitRefOut.nullable(),
      /** abbreviation: one unit it stands for; ambiguous: several (choose one); null: none, 新建 creates it. */
      match: z.enum(['abbreviation', 'ambiguous']).nullable(),
      candidates: z.array(unitRefOut),
      /** The unit 新建 creates: the same for names of the file that are one unit (卫健委, 市卫健委). */
      createAs: z.string(),
      /** Other unknown names of the file that are the same unit as this one. */
      sameAs: z.array(z.string()),
    }),
  ),
  counts: z.object({
    tasks: z.number().int(),
    new: z.number().int(),
    existing: z.number().int(),
    withProgress: z.number().int(),
    /** Targets read from the texts of the new tasks, and how many of them wait for a decision. */
    targets: z.number().int(),
    uncertainTargets: z.number().int(),
  }),
  /** What happens to the progress column: into which period, how many rows, and why not. */
  progress: z.object({
    period: z.object({ id: z.number().int(), label: z.string(), status: z.enum(PERIOD_STATUSES) }).nullable(),
    /** Rows whose text becomes the period's submitted reports of their lead units. */
    import: z.number().int(),
    /** Lead-unit reports the commit creates for them. */
    reports: z.number().int(),
    /** Rows whose lead units all have a report for the period already (not overwritten). */
    alreadyReported: z.number().int(),
    /** Rows whose text is not imported at all, and why (no period chosen, the list has none). */
    notImported: z.number().int(),
    reason: z.string().nullable(),
  }),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importResult = z.object({
  created: z.number().int(),
  skipped: z.number().int(),
  unitsCreated: z.number().int(),
  /** Names chosen as 新建 that are an existing unit after normalisation: mapped to it instead. */
  unitsMatched: z.array(z.object({ name: z.string(), unitId: z.number().int(), unitName: z.string() })),
  targetsCreated: z.number().int(),
  reportsCreated: z.number().int(),
  reportsSkipped: z.number().int(),
  /** Tasks whose progress text was stored for the period. */
  progressTasks: z.number().int(),
  note: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResult>;

// ——— roll-ups ———

export const lightCounts = z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int(), total: z.number().int() });
export type LightCountsOut = z.infer<typeof lightCounts>;

export const taskStatsQuery = z.object({ periodId: z.coerce.number().int().positive('报告期编号无效').optional() });
export const taskStats = z.object({
  periodId: z.number().int().nullable(),
  overall: lightCounts,
  byStatus: z.object({ done: z.number().int(), on_track: z.number().int(), behind: z.number().int(), not_started: z.number().int(), unreported: z.number().int() }),
  byLeader: z.array(lightCounts.extend({ leaderName: z.string() })),
  /** Per lead unit (a task with several lead units counts for each). */
  byUnit: z.array(lightCounts.extend({ unitId: z.number().int(), unitName: z.string() })),
});
export type TaskStats = z.infer<typeof taskStats>;

// ——— export and public table ———

export const exportQuery = z.object({ format: z.enum(['xlsx', 'docx'], { error: '格式应为 xlsx 或 docx' }).default('xlsx') });

export const publicTaskRow = z.object({
  leaderName: z.string(),
  /** True on the first row of the leader's group (where the table shows the name). */
  firstOfGroup: z.boolean(),
  seq: z.number().int(),
  text: z.string(),
  progress: z.string(),
  status: z.enum(TASK_STATUSES).nullable(),
  /** 责任单位 as printed: ★ before the lead unit. */
  units: z.string(),
});
export const publicTaskPeriod = z.object({
  tenantName: z.string(),
  listTitle: z.string(),
  year: z.number().int(),
  period: z.object({ id: z.number().int(), label: z.string(), startDate: z.string(), endDate: z.string(), publishedAt: z.string().nullable() }),
  progressHeader: z.string(),
  rows: z.array(publicTaskRow),
});
export type PublicTaskPeriod = z.infer<typeof publicTaskPeriod>;
export const publicTaskPeriodsQuery = z.object({ tenantId: z.coerce.number().int().positive('地区编号无效') });
export const publicTaskPeriodList = z.object({
  items: z.array(z.object({ id: z.number().int(), label: z.string(), listTitle: z.string(), year: z.number().int(), publishedAt: z.string().nullable() })),
});

// ——— proposal links ———

export const linkProposalBody = z.object({ proposalId: z.number({ error: '请选择提案' }).int().positive('提案编号无效') });
export const taskProposalParams = z.object({
  id: z.coerce.number().int().positive('任务编号无效'),
  proposalId: z.coerce.number().int().positive('提案编号无效'),
});
export const proposalTaskList = z.object({
  items: z.array(z.object({ id: z.number().int(), listId: z.number().int(), listTitle: z.string(), leaderName: z.string(), seq: z.number().int(), text: z.string() })),
});
