import {
  CATEGORIES,
  CONVERSIONS,
  DISCLOSURES,
  RESULT_CLASSES,
  SATISFACTION,
  SUBMITTED_DURING,
  type Category,
  type Conversion,
  type Disclosure,
  type ProposalKind,
  type ResultClass,
  type Satisfaction,
  type SubmittedDuring,
} from '../../../shared/domain.js';

// The words a county's tables use for each value of the history import, mapped to the app's codes.

function labelMap<T extends string>(labels: Record<T, string>, extra: [string, T][] = []): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of Object.entries(labels) as [T, string][]) {
    m.set(v, k);
    m.set(k, k);
  }
  for (const [k, v] of extra) m.set(k, v);
  return m;
}

export const KIND_OF: Map<string, ProposalKind> = new Map([
  ['政协提案', 'proposal'], ['提案', 'proposal'], ['政协', 'proposal'],
  ['人大代表建议', 'suggestion'], ['代表建议', 'suggestion'], ['建议', 'suggestion'], ['人大', 'suggestion'],
]);

export const CATEGORY_OF = labelMap<Category>(CATEGORIES.labels, [
  ['经济', 'economy'], ['农业', 'agriculture'], ['三农', 'agriculture'], ['城建', 'urban'], ['城乡建设与管理', 'urban'],
  ['生态', 'ecology'], ['环境', 'ecology'], ['教育', 'education'], ['科技', 'education'], ['医疗', 'health'], ['卫生', 'health'],
  ['文化', 'culture'], ['旅游', 'culture'], ['民生', 'social'], ['社会', 'social'], ['法治', 'governance'], ['政务', 'governance'],
]);

export const DURING_OF = labelMap<SubmittedDuring>(SUBMITTED_DURING.labels, [['大会', 'plenary'], ['闭会期间', 'interim']]);

/** 审查结果: 立案, or not filed and converted (来信 / 社情民意). */
export type Decision = 'filed' | Conversion;
export const DECISION_OF: Map<string, Decision> = new Map<string, Decision>([
  ['立案', 'filed'], ['已立案', 'filed'],
  ...(Object.entries(CONVERSIONS.labels) as [Conversion, string][]).map(([k, v]) => [v, k] as [string, Decision]),
  ['来信', 'letter'], ['转来信', 'letter'], ['作为来信', 'letter'], ['社情民意', 'social_report'], ['转社情民意信息', 'social_report'],
]);

export const CLASS_OF = new Map<string, ResultClass>(
  RESULT_CLASSES.values.flatMap((c) => [[c, c], [`${c}类`, c], [c.toLowerCase(), c]] as [string, ResultClass][]),
);

export const SATISFACTION_OF = labelMap<Satisfaction>(SATISFACTION.labels, [['较满意', 'basic'], ['基本', 'basic']]);

export const DISCLOSURE_OF = labelMap<Disclosure>(DISCLOSURES.labels, [['依申请', 'on_request']]);

export const YES = new Set(['是', '√', '✓', 'Y', 'y', '1', '重点']);
export const NO = new Set(['', '否', '×', 'N', 'n', '0']);

/** A whole number from a cell (Excel may give 3 as "3" or "3.0"), or null. */
export function wholeNumber(s: string): number | null {
  if (!/^\d{1,9}(\.0+)?$/.test(s.trim())) return null;
  return Number.parseInt(s, 10);
}
