import dayjs, { type Dayjs } from 'dayjs';

// "Today" is the server's today: every API answer carries the server's time (x-duban-now), and
// the app keeps the difference to the browser's clock. Deadlines, date pickers' limits and the
// year preset in forms then agree with the server even when an office PC's clock is wrong (and
// when a test runs the server on another day).

let skewMs = 0;

/** Called by the API client with the server's time of an answer. */
export function noteServerTime(iso: string | null) {
  if (!iso) return;
  const t = Date.parse(iso);
  if (!Number.isNaN(t)) skewMs = t - Date.now();
}

/** The current instant on the server's clock. */
export const serverNow = (): Date => new Date(Date.now() + skewMs);

/** Now as a dayjs value on the server's clock (today's date for pickers and deadlines). */
export const today = (): Dayjs => dayjs(serverNow());
