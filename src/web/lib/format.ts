import dayjs from 'dayjs';
import { currentLocale } from './i18n.js';

/** 2025年3月5日 in Chinese, 2025-03-05 in English. */
export function formatDay(value: string | null | undefined, locale = 'zh-CN'): string {
  if (!value) return '—';
  const d = dayjs(value);
  if (!d.isValid()) return value;
  return locale === 'zh-CN' ? `${d.year()}年${d.month() + 1}月${d.date()}日` : d.format('YYYY-MM-DD');
}

export function formatTime(value: string | null | undefined, locale = 'zh-CN'): string {
  if (!value) return '—';
  const d = dayjs(value);
  return locale === 'zh-CN' ? `${formatDay(value, locale)} ${d.format('HH:mm')}` : d.format('YYYY-MM-DD HH:mm');
}

export const formatRate = (r: { value: number | null } | null | undefined) => (r && r.value !== null ? `${r.value.toFixed(1)}%` : '—');

export const proposalNo = (n: number | null | undefined) =>
  currentLocale() === 'en-US' ? (n ? `No. ${n}` : 'Unnumbered') : n ? `第${n}号` : '未编号';

/** How a session is named in pickers: 「2026 十一届五次会议（政协）」 (the name is data). */
export const sessionOptionLabel = (s: { year: number; name: string; kind: string }) =>
  `${s.year} ${s.name}${currentLocale() === 'en-US' ? (s.kind === 'suggestion' ? ' (NPC)' : ' (CPPCC)') : s.kind === 'suggestion' ? '（人大）' : '（政协）'}`;
