import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { computeUnitStatsExact } from '../src/server/domain/compute-unit-stats.js';
import type { Figures, UnitStats } from '../src/shared/schemas/figures.js';

// The league table's 满意率 per unit counts the unit's own evaluation (issue 11); the session's
// 满意率 counts each proposal once, by its lead unit's latest evaluation. Worked out by hand:
//   P1 主办 农业农村局 满意 / 会办 教育局 不满意 (only the co-unit: the lead is not sent back).
//   P2 分办 教育局 (first, the lead for the figures) 满意 / 卫生健康局 不满意 → it re-handles, then 基本满意.
//   P3 主办 卫生健康局 不满意 → re-handles, then 满意; its co-unit 农业农村局 基本满意 in round 1.
// League (latest own evaluation per proposal): 农业农村局 P1 满意, P3 基本满意 → 2 of 2;
//   教育局 P1 不满意, P2 满意 → 1 of 2 (50%); 卫生健康局 P2 基本满意, P3 满意 → 2 of 2.
// Session (lead's latest): P1 满意, P2 满意 (教育局), P3 满意 → 3 evaluated, 100%.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';
const replyOf = (version: number, resultClass = 'A') => ({ resultClass, body: LONG, disclosure: 'public', signerName: '张局长', version });
const rate = (unitId: number, verdict: 'satisfied' | 'basic' | 'unsatisfied') => ({ unitId, attitude: verdict, result: verdict, comment: verdict === 'unsatisfied' ? '未解决实际问题' : undefined });

describe('satisfaction per unit', () => {
  it('the league table counts each unit’s own evaluation; the session counts the lead’s', async () => {
    const { c, w } = f;
    const { nongye, jiaoyu, weijian } = w.units;
    const evaluate = async (id: number, ratings: object[]) => {
      const r = await c.member.post(url(id, 'evaluations'), { ratings, version: await f.version(id) });
      expect(r.status).toBe(200);
      return r.body.status as string;
    };

    const p1 = await f.filed('关于第一件测试提案的建议');
    await c.staff.post(url(p1, 'assign'), { mode: 'joint', leadUnitId: nongye, coUnitIds: [jiaoyu], version: 2 });
    await c.unit.post(url(p1, 'sign'), {});
    await c.unit2.post(url(p1, 'sign'), {});
    await c.unit2.post(url(p1, 'co-opinions'), { body: '会办意见' });
    await c.unit.post(url(p1, 'replies'), replyOf(await f.version(p1)));
    expect(await evaluate(p1, [rate(nongye, 'satisfied'), rate(jiaoyu, 'unsatisfied')])).toBe('closed');

    const p2 = await f.filed('关于第二件测试提案的建议');
    await c.staff.post(url(p2, 'assign'), { mode: 'separate', separateUnitIds: [jiaoyu, weijian], version: 2 });
    await c.unit2.post(url(p2, 'sign'), {});
    await c.unit3.post(url(p2, 'sign'), {});
    await c.unit2.post(url(p2, 'replies'), replyOf(await f.version(p2)));
    await c.unit3.post(url(p2, 'replies'), replyOf(await f.version(p2), 'B'));
    expect(await evaluate(p2, [rate(jiaoyu, 'satisfied'), rate(weijian, 'unsatisfied')])).toBe('rehandling');
    await c.unit3.post(url(p2, 'replies'), replyOf(await f.version(p2)));
    expect(await evaluate(p2, [rate(weijian, 'basic')])).toBe('closed');

    const p3 = await f.filed('关于第三件测试提案的建议');
    await c.staff.post(url(p3, 'assign'), { mode: 'joint', leadUnitId: weijian, coUnitIds: [nongye], version: 2 });
    await c.unit3.post(url(p3, 'sign'), {});
    await c.unit.post(url(p3, 'sign'), {});
    await c.unit.post(url(p3, 'co-opinions'), { body: '会办意见' });
    await c.unit3.post(url(p3, 'replies'), replyOf(await f.version(p3), 'B'));
    expect(await evaluate(p3, [rate(weijian, 'unsatisfied'), rate(nongye, 'basic')])).toBe('rehandling');
    await c.unit3.post(url(p3, 'replies'), replyOf(await f.version(p3)));
    expect(await evaluate(p3, [rate(weijian, 'satisfied')])).toBe('closed');

    const stats = await c.staff.get<UnitStats>(`/api/v1/sessions/${w.sessionId}/unit-stats`);
    expect(stats.status).toBe(200);
    const by = Object.fromEntries(stats.body.units.map((u) => [u.name, u.satisfaction]));
    expect(by['农业农村局']).toEqual({ evaluated: 2, attitude: { value: 100, numerator: 2, denominator: 2 }, result: { value: 100, numerator: 2, denominator: 2 } });
    expect(by['教育局']).toEqual({ evaluated: 2, attitude: { value: 50, numerator: 1, denominator: 2 }, result: { value: 50, numerator: 1, denominator: 2 } });
    expect(by['卫生健康局']).toEqual({ evaluated: 2, attitude: { value: 100, numerator: 2, denominator: 2 }, result: { value: 100, numerator: 2, denominator: 2 } });
    expect(stats.body).toEqual(await computeUnitStatsExact(f.database.db, w.tenantId, w.sessionId, '2025-03-10'));

    const figures = await c.staff.get<Figures>(`/api/v1/sessions/${w.sessionId}/figures`);
    expect(figures.body.satisfaction).toEqual({
      evaluated: 3,
      attitude: { satisfied: 3, basic: 0, unsatisfied: 0, rate: { value: 100, numerator: 3, denominator: 3 } },
      result: { satisfied: 3, basic: 0, unsatisfied: 0, rate: { value: 100, numerator: 3, denominator: 3 } },
    });
    expect(figures.body).toEqual(await computeFiguresExact(f.database.db, w.tenantId, w.sessionId, '2025-03-10'));
  });
});
