import type { AuditEntry } from '../domain/search-audit.js';
import { auditActionLabel, auditEntityLabel, auditFieldLabel } from '../../shared/audit-labels.js';
import { buildSheet, type Column } from './xlsx.js';

const time = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));

const COLUMNS: Column<AuditEntry>[] = [
  { header: '时间', width: 20, value: (r) => time(r.at) },
  { header: '操作人', width: 18, value: (r) => r.actorName ?? (r.actorId ? `用户${r.actorId}` : '系统') },
  { header: '操作', width: 22, value: (r) => auditActionLabel(r.action) },
  { header: '对象', width: 14, value: (r) => auditEntityLabel(r.entityType) },
  { header: '对象名称', width: 26, value: (r) => r.entityLabel },
  { header: '变更字段', width: 30, value: (r) => r.changedFields.map(auditFieldLabel).join('、') || null },
  { header: '来源地址', width: 22, value: (r) => r.address },
  { header: '操作代码', width: 26, value: (r) => r.action },
  { header: '链', width: 6, value: (r) => r.chain },
  { header: '序号', width: 10, value: (r) => r.seq },
];

export const auditFileName = (from: string | undefined, to: string | undefined) =>
  `审计日志${from || to ? `（${from ?? '起'}至${to ?? '今'}）` : ''}.xlsx`;

export function buildAuditXlsx(rows: AuditEntry[], title: string, truncated: boolean): Promise<Buffer> {
  const footer = truncated ? '导出行数已达上限，请缩小日期范围分批导出。' : `共${rows.length}条。涉及提案内容的记录只列变更的字段名。`;
  return buildSheet('审计日志', title, COLUMNS, rows, footer);
}
