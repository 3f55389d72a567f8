import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { coOpinions, followUps, replies } from '../src/server/db/schema.js';

// Replies (and co-unit opinions and follow-up reports) are shown as rich text and published:
// they are sanitised on the way in exactly as proposal bodies are.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const EVIL = '<p onclick="steal()">经研究，已列入明年计划逐步解决<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">详情</a></p>';

describe('reply bodies', () => {
  it('keep only the allowed tags, without attributes, scripts or handlers', async () => {
    const { c, w } = f;
    const id = await f.filed();
    expect((await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu], version: 2 })).status).toBe(200);
    await c.unit.post(url(id, 'sign'), {});
    await c.unit2.post(url(id, 'sign'), {});
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: EVIL })).status).toBeLessThan(300);
    const r = await c.unit.post(url(id, 'replies'), { resultClass: 'B', body: EVIL, disclosure: 'public', signerName: '张局长', version: await f.version(id) });
    expect(r.status).toBe(200);
    const [reply] = await f.database.db.select().from(replies).where(eq(replies.proposalId, id));
    const [opinion] = await f.database.db.select().from(coOpinions).where(eq(coOpinions.proposalId, id));
    for (const stored of [reply!.body, opinion!.body]) {
      expect(stored).toContain('经研究，已列入明年计划逐步解决');
      expect(stored).not.toMatch(/script|onclick|onerror|javascript:|<img/i);
    }
    const e = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: await f.version(id) });
    expect(e.body.status).toBe('following_up');
    expect((await c.unit.post(url(id, 'follow-ups'), { body: EVIL, completed: false })).status).toBeLessThan(300);
    const [follow] = await f.database.db.select().from(followUps).where(eq(followUps.proposalId, id));
    expect(follow!.body).not.toMatch(/script|onclick|onerror|javascript:/i);
  });
});
