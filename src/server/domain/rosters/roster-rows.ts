import type { ImportSheet } from '../../../shared/imports/layouts.js';
import type { RosterPreview, RowAction } from '../../../shared/schemas/imports.js';
import { findSheet, parseSheet, readWorkbook, type Record_ } from '../../imports/workbook.js';

// Shared by the three roster imports: reading the file into checked rows, the checks every field
// gets, and the preview they make.

export interface PlannedRow<T> {
  row: number;
  values: Record<string, string>;
  action: RowAction;
  errors: string[];
  /** What to write (create/update), when the row has no error. */
  data?: T;
  /** The existing record an update changes. */
  targetId?: number;
}

export interface RosterPlan<T> {
  fileName: string;
  rows: PlannedRow<T>[];
  fileErrors: string[];
}

/** The records of the roster sheet (a sheet named as the layout, else the first). */
export async function rosterRecords(fileName: string, contentBase64: string, layout: ImportSheet): Promise<{ records: Record_[]; errors: string[] }> {
  const grids = await readWorkbook(fileName, contentBase64);
  const grid = findSheet(grids, layout) ?? grids[0]!;
  const parsed = parseSheet(grid, layout);
  if (!parsed.errors.length && parsed.records.length === 0) return { records: [], errors: ['文件中没有数据行'] };
  return parsed;
}

/** A record's values under the layout's keys (parseSheet fills every key, '' when empty). */
export function cellsOf<K extends string>(values: Record<string, string>, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, values[k] ?? ''])) as Record<K, string>;
}

const NUL = { test: (s: string) => s.includes('\u0000') };
/** The phone format the account and unit forms accept. */
export const PHONE = /^[0-9+\-() ]{5,20}$/;

/** Checks common to every cell: no NUL bytes, within its length. Returns the row's errors. */
export function checkLengths(values: Record<string, string>, limits: Record<string, [string, number]>): string[] {
  const out: string[] = [];
  for (const [key, v] of Object.entries(values)) {
    if (NUL.test(v)) out.push('含有非法字符');
    const limit = limits[key];
    if (limit && v.length > limit[1]) out.push(`${limit[0]}不能超过${limit[1]}字`);
  }
  return [...new Set(out)];
}

/** Rows whose key value repeats an earlier row's: 「与第3行重复」. */
export function markDuplicates<T>(rows: PlannedRow<T>[], key: (r: PlannedRow<T>) => string | null, label: string) {
  const first = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (!k) continue;
    const seen = first.get(k);
    if (seen !== undefined) r.errors.push(`${label}「${k}」与第${seen}行重复`);
    else first.set(k, r.row);
  }
}

/** 13805730001 → 138****0001: the preview shows that a phone is there, not the number. */
export const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p ? '****' : '');

export function toPreview<T>(plan: RosterPlan<T>, phoneKeys: string[]): RosterPreview {
  for (const r of plan.rows) if (r.errors.length) r.action = 'error';
  const rows = plan.rows.map((r) => ({
    row: r.row,
    action: r.action,
    cells: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, phoneKeys.includes(k) ? maskPhone(v) : v])),
    errors: r.errors,
  }));
  const n = (a: RowAction) => rows.filter((r) => r.action === a).length;
  return {
    fileName: plan.fileName,
    rows,
    counts: { rows: rows.length, create: n('create'), update: n('update'), skip: n('skip'), errors: n('error') },
    errors: [
      ...plan.fileErrors.map((message) => ({ row: null, message })),
      ...plan.rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, message: `第${r.row}行：${e}` }))),
    ],
  };
}
