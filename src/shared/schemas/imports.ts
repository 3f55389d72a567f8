import { z } from 'zod';
import { PROPOSAL_KINDS } from '../domain.js';
import { passwordSchema } from '../password-policy.js';
import { MAX_IMPORT_BYTES } from '../imports/layouts.js';
import { base64Size } from './attachment.js';

// Rosters (委员/代表, 承办单位, 账户) and past sessions from Excel: upload → preview with
// row-numbered errors → commit (one transaction; nothing saved when any row is bad).

const base64File = z
  .string({ error: '文件内容不能为空' })
  .min(1, '文件内容不能为空')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 Base64 编码')
  .refine((s) => s.length % 4 === 0, '文件内容应为 Base64 编码')
  .refine((s) => base64Size(s) <= MAX_IMPORT_BYTES, '文件不能超过10MB');

export const importFile = z.object({
  fileName: z
    .string({ error: '文件名不能为空' })
    .trim()
    .min(1, '文件名不能为空')
    .max(200, '文件名不能超过200字')
    .refine((n) => !n.includes('\u0000'), '文件名含有非法字符')
    .refine((n) => /\.xlsx$/i.test(n), '只支持 .xlsx 格式的电子表格文件，请用模板填写'),
  contentBase64: base64File,
});

export const memberRosterBody = importFile.extend({
  /** 委员 (政协提案) or 代表 (人大代表建议): which roster the file is. */
  kind: z.enum(PROPOSAL_KINDS.values, { error: '请选择委员名册或代表名册' }),
});
export type MemberRosterBody = z.infer<typeof memberRosterBody>;

export const unitRosterBody = importFile;
export type UnitRosterBody = z.infer<typeof unitRosterBody>;

export const accountRosterPreviewBody = importFile;
export const accountRosterCommitBody = importFile.extend({
  /** The first password of every new account; each holder must change it at first sign-in. */
  initialPassword: passwordSchema,
});
export type AccountRosterCommitBody = z.infer<typeof accountRosterCommitBody>;

export const ROW_ACTIONS = { create: '新增', update: '更新', skip: '已存在，跳过', error: '有错误' } as const;
export type RowAction = keyof typeof ROW_ACTIONS;

export const rosterPreview = z.object({
  fileName: z.string(),
  /** The file's rows in order: what importing each would do, with its values as shown. */
  rows: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'update', 'skip', 'error']),
      /** Values by column key; phone numbers masked (personal data). */
      cells: z.record(z.string(), z.string()),
      errors: z.array(z.string()),
    }),
  ),
  counts: z.object({ rows: z.number().int(), create: z.number().int(), update: z.number().int(), skip: z.number().int(), errors: z.number().int() }),
  /** Every problem as 「第3行：…」, file-level problems without a row. */
  errors: z.array(z.object({ row: z.number().int().nullable(), message: z.string() })),
});
export type RosterPreview = z.infer<typeof rosterPreview>;

export const rosterResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  /** Accounts whose roles need a second administrator (双人审批): filed as requests, made once approved. */
  pending: z.number().int().optional(),
});
export type RosterResult = z.infer<typeof rosterResult>;

// ——— past sessions ———

export const historyImportBody = importFile;
export type HistoryImportBody = z.infer<typeof historyImportBody>;

const count = z.number().int();

export const historyPreview = z.object({
  fileName: z.string(),
  sessions: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(PROPOSAL_KINDS.values),
      year: count,
      /** An empty session of that name already exists: the import fills it. */
      existing: z.boolean(),
      received: count,
      filed: count,
      notFiled: count,
      merged: count,
      keyProposals: count,
      assigned: count,
      replies: count,
      evaluations: count,
      classes: z.object({ A: count, B: count, C: count }),
    }),
  ),
  /** Proposers not in the roster: they are added as members without an account. */
  newMembers: z.array(z.string()),
  /** Units not in the directory: they are added (with a hint when a known unit looks alike). */
  newUnits: z.array(z.object({ name: z.string(), similar: z.string().nullable() })),
  errors: z.array(z.object({ sheet: z.string().nullable(), row: z.number().int().nullable(), message: z.string() })),
});
export type HistoryPreview = z.infer<typeof historyPreview>;

export const historyResult = z.object({
  sessions: z.array(z.object({ id: count, name: z.string(), proposals: count })),
  proposals: count,
  replies: count,
  evaluations: count,
  membersCreated: count,
  unitsCreated: count,
});
export type HistoryResult = z.infer<typeof historyResult>;
