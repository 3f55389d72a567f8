import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { proposals } from '../src/server/db/schema.js';

// The reads behind the office's 调整申请 page, the unit inbox tabs and the deadline board.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-09-30');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;

async function assignJoint(title?: string) {
  const id = await f.filed(title);
  const r = await f.c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: f.w.units.nongye, coUnitIds: [f.w.units.jiaoyu], version: 2 });
  expect(r.status).toBe(200);
  return id;
}

describe('GET /objections', () => {
  it('lists the requests waiting for a decision, for the office and the committee only', async () => {
    const id = await assignJoint('关于完善农村供水设施的建议');
    expect((await f.c.unit2.post(url(id, 'object'), { reason: '不属于本单位职责', suggestedUnit: '卫生健康局' })).status).toBe(200);
    const r = await f.c.office.get('/api/v1/objections');
    expect(r.status).toBe(200);
    const mine = r.body.items.filter((x: { proposalId: number }) => x.proposalId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      proposalTitle: '关于完善农村供水设施的建议',
      proposalStatus: 'assigned',
      proposalVersion: await f.version(id),
      unitId: f.w.units.jiaoyu,
      role: 'co',
      isLead: false,
      reason: '不属于本单位职责',
      suggestedUnit: '卫生健康局',
    });
    expect(r.body.total).toBeGreaterThanOrEqual(1);
    expect((await f.c.staff.get('/api/v1/objections')).status).toBe(200);
    expect((await f.c.unit.get('/api/v1/objections')).status).toBe(403);
    expect((await f.c.member.get('/api/v1/objections')).status).toBe(403);

    // Decided requests leave the list.
    const aid = mine[0].assignmentId;
    const d = await f.c.office.post(`/api/v1/proposals/${id}/objections/${aid}/decide`, { decision: 'rejected', comment: '属于职责范围', version: await f.version(id) });
    expect(d.status).toBe(200);
    const after = await f.c.office.get('/api/v1/objections');
    expect(after.body.items.some((x: { proposalId: number }) => x.proposalId === id)).toBe(false);
  });

  it('marks the lead, which needs a replacement', async () => {
    const id = await assignJoint();
    await f.c.unit.post(url(id, 'object'), { reason: '应由卫生健康局主办' });
    const r = await f.c.office.get('/api/v1/objections');
    expect(r.body.items.find((x: { proposalId: number }) => x.proposalId === id)).toMatchObject({ unitId: f.w.units.nongye, role: 'lead', isLead: true });
  });
});

describe('GET /proposals filters for the inbox and the deadline board', () => {
  it('filters by the unit’s own assignment status', async () => {
    const id = await assignJoint();
    const pending = await f.c.unit2.get(`/api/v1/proposals?unitId=${f.w.units.jiaoyu}&unitAssignmentStatus=pending&pageSize=100`);
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await f.c.unit2.post(url(id, 'sign'), {})).status).toBe(200);
    const again = await f.c.unit2.get(`/api/v1/proposals?unitId=${f.w.units.jiaoyu}&unitAssignmentStatus=pending&pageSize=100`);
    expect(again.body.items.map((x: { id: number }) => x.id)).not.toContain(id);
    const signed = await f.c.unit2.get(`/api/v1/proposals?unitId=${f.w.units.jiaoyu}&unitAssignmentStatus=signed,objected&pageSize=100`);
    expect(signed.body.items.map((x: { id: number }) => x.id)).toContain(id);
    const bad = await f.c.unit2.get(`/api/v1/proposals?unitId=${f.w.units.jiaoyu}&unitAssignmentStatus=nonsense`);
    expect(bad.status).toBe(400);
  });

  it('filters proposals due soon', async () => {
    const id = await assignJoint();
    await f.database.db.update(proposals).set({ dueSoon: true }).where(eq(proposals.id, id));
    const r = await f.c.office.get('/api/v1/proposals?dueSoon=true&pageSize=100');
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: { id: number }) => x.id)).toContain(id);
    expect(r.body.items.every((x: { dueSoon: boolean }) => x.dueSoon)).toBe(true);
    const not = await f.c.office.get('/api/v1/proposals?dueSoon=false&pageSize=100');
    expect(not.body.items.map((x: { id: number }) => x.id)).not.toContain(id);
  });
});
