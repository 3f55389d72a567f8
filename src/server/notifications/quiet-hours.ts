const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight in China (UTC+8, no daylight saving). */
const chinaMinutes = (at: Date) => (Math.floor(at.getTime() / 60_000) + 8 * 60) % (24 * 60);

const toMinutes = (hhmm: string) => {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

export const isHhmm = (s: string) => HHMM.test(s);

/**
 * When a message may go out to someone whose quiet hours are start–end (China time): `at` itself
 * outside them, else the end of the window. A window may pass midnight (22:00–07:00).
 */
export function afterQuietHours(at: Date, start: string | null, end: string | null): Date {
  if (!start || !end) return at;
  const s = toMinutes(start);
  const e = toMinutes(end);
  if (s === null || e === null || s === e) return at;
  const now = chinaMinutes(at);
  const inside = s < e ? now >= s && now < e : now >= s || now < e;
  if (!inside) return at;
  const wait = (e - now + 24 * 60) % (24 * 60);
  const out = new Date(at.getTime() + wait * 60_000);
  out.setUTCSeconds(0, 0);
  return out;
}
