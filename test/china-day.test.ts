import { describe, expect, it } from 'vitest';
import { chinaDay } from '../src/server/clock.js';

describe('chinaDay', () => {
  it('turns at midnight in China, 16:00 UTC the day before', () => {
    expect(chinaDay(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(chinaDay(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
    expect(chinaDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('agrees with the time-zone database on every hour of a year', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2016, 0, 1); t < Date.UTC(2017, 0, 1); t += 3_600_000) {
      const d = new Date(t);
      if (chinaDay(d) !== intl.format(d)) throw new Error(`${d.toISOString()}: ${chinaDay(d)} ≠ ${intl.format(d)}`);
    }
  });
});
