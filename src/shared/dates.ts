// Calendar days ('YYYY-MM-DD') as people read them, shared by the server's messages and the web app.
// Chinese text writes a day as 2026年11月16日, never 2026-11-16; English as 16 Nov 2026.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** '2026-11-16' → 2026年11月16日 (a full timestamp gives its UTC day); anything else is left as it is. */
export function chineseDate(day: string): string {
  const p = parts(day);
  return p ? `${p[0]}年${p[1]}月${p[2]}日` : day;
}

/** '2026-11-16' → 16 Nov 2026. */
export function englishDate(day: string): string {
  const p = parts(day);
  return p ? `${p[2]} ${MONTHS[p[1] - 1]} ${p[0]}` : day;
}

/**
 * A period or month label written the Chinese way, in English: 2026年11月 → Nov 2026, 2026年 → 2026,
 * 2026年第4季度 → Q4 2026, 2026年上半年 → H1 2026. A label of another form (typed by a user) is left as it is.
 */
export function englishPeriodLabel(label: string): string {
  let m = /^(\d{4})年(\d{1,2})月$/.exec(label);
  if (m) return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  m = /^(\d{4})年第?([一二三四1-4])季度$/.exec(label);
  if (m) return `Q${'一二三四'.includes(m[2]!) ? '一二三四'.indexOf(m[2]!) + 1 : m[2]} ${m[1]}`;
  m = /^第?([一二三四1-4])季度$/.exec(label);
  if (m) return `Q${'一二三四'.includes(m[1]!) ? '一二三四'.indexOf(m[1]!) + 1 : m[1]}`;
  m = /^(\d{4})年([上下])半年$/.exec(label);
  if (m) return `${m[2] === '上' ? 'H1' : 'H2'} ${m[1]}`;
  m = /^(\d{4})年(度)?$/.exec(label);
  if (m) return m[1]!;
  return label;
}
