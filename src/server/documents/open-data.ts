import type { PublicProposalItem } from '../../shared/schemas/public.js';
import { CATEGORIES, RESULT_CLASSES } from '../../shared/domain.js';
import { STATE_LABELS } from '../../shared/lifecycle.js';

// Open data (开放数据) of a session: the published proposals exactly as the public portal lists
// them (read-public.ts builds them field by field, so nothing personal is in them to begin with).

const HEADER = ['编号', '标题', '类别', '提案人', '是否重点提案', '主办单位', '答复类别', '状态', '公开时间'];

function cells(p: PublicProposalItem): (string | number)[] {
  return [
    p.number ?? '',
    p.title,
    CATEGORIES.labels[p.category],
    p.proposers.map((x) => x.name).join('、'),
    p.isKey ? '是' : '否',
    p.leadUnit ?? '',
    p.resultClass ?? '',
    STATE_LABELS[p.status],
    p.publishedAt ? p.publishedAt.slice(0, 10) : '',
  ];
}

const quote = (v: string | number) => {
  const s = String(v);
  // A leading = + - @ would be read as a formula by a spreadsheet (CSV injection).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a UTF-8 BOM, so that Excel opens the Chinese text correctly. */
export function openDataCsv(items: PublicProposalItem[]): string {
  return `\uFEFF${[HEADER, ...items.map(cells)].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

export function openDataJson(session: { id: number; name: string; year: number }, asOf: string, items: PublicProposalItem[]) {
  return {
    session,
    asOf,
    count: items.length,
    resultClassLabels: RESULT_CLASSES.labels,
    proposals: items.map((p) => ({
      number: p.number,
      title: p.title,
      category: p.category,
      categoryLabel: CATEGORIES.labels[p.category],
      proposers: p.proposers.map((x) => ({ name: x.name, sector: x.sector })),
      isKey: p.isKey,
      leadUnit: p.leadUnit,
      resultClass: p.resultClass,
      status: p.status,
      statusLabel: STATE_LABELS[p.status],
      publishedAt: p.publishedAt,
    })),
  };
}
