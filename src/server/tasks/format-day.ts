/** '2025-03-05' → 2025年3月5日, the way dates are written in messages and exported tables. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
