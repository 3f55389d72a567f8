import type { OverdueRow } from '../domain/office/read-overdue-list.js';
import { chineseDate } from './gbt9704.js';
import { buildSheet, type Column } from './xlsx.js';

// 逾期清单: what 批量催办 is about, to hand to the units or a meeting.
const COLUMNS: Column<OverdueRow>[] = [
  { header: '编号', width: 8, value: (r) => r.number },
  { header: '届次', width: 16, value: (r) => r.sessionName },
  { header: '案由/标题', width: 44, value: (r) => r.title },
  { header: '提案人', width: 20, value: (r) => r.proposers || null },
  { header: '主办单位', width: 20, value: (r) => r.leadUnits || null },
  { header: '会办单位', width: 24, value: (r) => r.coUnits || null },
  { header: '交办日期', width: 14, value: (r) => chineseDate(r.assignedAt) || null },
  { header: '办理期限', width: 14, value: (r) => chineseDate(r.deadline) },
  { header: '逾期天数', width: 9, value: (r) => r.daysOverdue },
  { header: '尚未答复单位', width: 26, value: (r) => r.owing || null },
  { header: '最近催办', width: 14, value: (r) => chineseDate(r.lastReminded) || null },
];

export const overdueFileName = (today: string) => `逾期提案清单（${chineseDate(today)}）.xlsx`;

export function buildOverdueXlsx(rows: OverdueRow[], today: string): Promise<Buffer> {
  return buildSheet('逾期清单', `逾期未答复提案清单（截至${chineseDate(today)}，共${rows.length}件）`, COLUMNS, rows);
}
