import type { ExportRow } from '../domain/export-proposal-list.js';
import { chineseDate } from './gbt9704.js';
import { buildSheet, type Column } from './xlsx.js';

const COLUMNS: Column<ExportRow>[] = [
  { header: '编号', width: 8, value: (r) => r.number },
  { header: '类型', width: 14, value: (r) => r.kind },
  { header: '届次', width: 16, value: (r) => r.sessionName },
  { header: '案由/标题', width: 46, value: (r) => r.title },
  { header: '提案人/代表', width: 22, value: (r) => r.proposers || null },
  { header: '类别', width: 10, value: (r) => r.category },
  { header: '状态', width: 12, value: (r) => r.status },
  { header: '主办单位', width: 20, value: (r) => r.leadUnits || null },
  { header: '会办单位', width: 28, value: (r) => r.coUnits || null },
  { header: '办理期限', width: 14, value: (r) => chineseDate(r.deadline) || null },
  { header: '答复类别', width: 9, value: (r) => (r.resultClass ? `${r.resultClass}类` : null) },
  { header: '满意度', width: 22, value: (r) => r.satisfaction || null },
  { header: '重点提案', width: 9, value: (r) => (r.isKey ? '是' : null) },
  { header: '超期', width: 7, value: (r) => (r.overdue ? '是' : null) },
];

export const proposalListFileName = (today: string) => `提案列表导出（${chineseDate(today)}）.xlsx`;

export function buildProposalListXlsx(rows: ExportRow[], today: string): Promise<Buffer> {
  return buildSheet('提案列表', `提案列表（导出于${chineseDate(today)}，共${rows.length}件）`, COLUMNS, rows);
}
