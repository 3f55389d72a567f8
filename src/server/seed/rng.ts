import { addWorkingDays, nextWorkingDayFrom, shiftDays, type WorkCalendar } from '../calendar/working-days.js';

// The demo data must be the same at every start: every random choice comes from this seeded
// generator (mulberry32), never from Math.random.
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  sample<T>(xs: readonly T[], n: number): T[] {
    return this.shuffle(xs).slice(0, n);
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  }
  phone(): string {
    return `1${this.pick(['35', '36', '38', '39', '58', '59', '88'])}${String(this.int(0, 99_999_999)).padStart(8, '0')}`;
  }
}

/** The demo's "today": the data describe the state of the year on this day. */
export { DEMO_DAY as TODAY } from '../clock.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant on a calendar day, in China time. */
export const at = (day: string, hour: number, minute: number) => new Date(`${day}T${pad(hour)}:${pad(minute)}:00+08:00`);

/** Day arithmetic on one tenant calendar, so that every step of the story falls on a working day. */
export class Days {
  constructor(readonly cal: WorkCalendar) {}
  wd(day: string, n: number): string {
    return n <= 0 ? nextWorkingDayFrom(day, this.cal) : addWorkingDays(day, n, this.cal);
  }
  /** A working day on or after `day + n` calendar days. */
  plus(day: string, n: number): string {
    return nextWorkingDayFrom(shiftDays(day, n), this.cal);
  }
  /** The last working day on or before `day`. */
  atMost(day: string): string {
    let d = day;
    while (nextWorkingDayFrom(d, this.cal) !== d) d = shiftDays(d, -1);
    return d;
  }
  /** A working day picked in [from, to] (calendar days), or `from` when the range is empty. */
  between(rng: Rng, from: string, to: string): string {
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    if (span <= 0) return this.wd(from, 0);
    const d = this.wd(shiftDays(from, rng.int(0, span)), 0);
    return d > to ? this.atMost(to) : d;
  }
}

export const minDay = (a: string, b: string) => (a < b ? a : b);
export const maxDay = (a: string, b: string) => (a > b ? a : b);
