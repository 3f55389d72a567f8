import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { proposals, units } from '../src/server/db/schema.js';

let f: Fixture;
beforeAll(async () => {
  // 2025-07-01 + 3 months is 10月1日 (国庆), so the deadline moves to the next working day.
  f = await setupHandling('2025-07-01');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const paths = (r: { body: { details: { path: string }[] } }) => r.body.details.map((d) => d.path);

describe('assign', () => {
  it('assigns to a lead and co-units with a deadline moved off the holiday', async () => {
    const { c, w } = f;
    const id = await f.filed();
    const r = await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu], version: 2 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'assigned', assignmentMode: 'joint', deadline: '2025-10-09', version: 3 });
    const rows = await f.assignmentsOf(id);
    expect(rows.map((a) => [a.unitId, a.role, a.position, a.status, a.assignedAt])).toEqual([
      [w.units.nongye, 'lead', 0, 'pending', '2025-07-01'],
      [w.units.jiaoyu, 'co', 1, 'pending', '2025-07-01'],
    ]);
    expect((await f.row(id)).assignedAt).toBe('2025-07-01');
    expect(await f.notices(w.users.unit.id, 'proposal.assign', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit2.id, 'proposal.assign', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit3.id, 'proposal.assign', id)).toHaveLength(0);
    expect(await f.audits(id, 'proposal.assign')).toBe(1);
  });

  it('office may assign too; assigning twice is 409 naming the state', async () => {
    const id = await f.filed();
    const ok = await f.c.office.post(url(id, 'assign'), { mode: 'single', leadUnitId: f.w.units.weijian, version: 2 });
    expect(ok.status).toBe(200);
    const again = await f.c.staff.post(url(id, 'assign'), { mode: 'single', leadUnitId: f.w.units.weijian, version: 3 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    expect(again.body.message).toContain('已交办待签收');
  });

  it('validates units per field in Chinese', async () => {
    const { c, w } = f;
    const id = await f.filed();
    const noCo = await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, version: 2 });
    expect(noCo.status).toBe(400);
    expect(paths(noCo)).toContain('body.coUnitIds');
    const oneSeparate = await c.staff.post(url(id, 'assign'), { mode: 'separate', separateUnitIds: [w.units.nongye], version: 2 });
    expect(paths(oneSeparate)).toContain('body.separateUnitIds');
    const dup = await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu, w.units.nongye], version: 2 });
    expect(dup.status).toBe(400);
    expect(paths(dup)).toContain('body.coUnitIds.1');
    expect(JSON.stringify(dup.body.details)).toContain('承办单位重复');
    const noLead = await c.staff.post(url(id, 'assign'), { mode: 'single', version: 2 });
    expect(paths(noLead)).toContain('body.leadUnitId');
    const foreign = await c.staff.post(url(id, 'assign'), { mode: 'single', leadUnitId: w.units.other, version: 2 });
    expect(foreign.status).toBe(400);
    expect(paths(foreign)).toEqual(['body.leadUnitId']);
    await f.database.db.update(units).set({ active: false }).where(eq(units.id, w.units.weijian));
    const inactive = await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu, w.units.weijian], version: 2 });
    await f.database.db.update(units).set({ active: true }).where(eq(units.id, w.units.weijian));
    expect(inactive.status).toBe(400);
    expect(paths(inactive)).toEqual(['body.coUnitIds.1']);
    expect((await f.row(id)).status).toBe('filed');
    expect(await f.assignmentsOf(id)).toHaveLength(0);
  });

  it('refuses the wrong roles, other tenants and stale versions', async () => {
    const { c, w } = f;
    const id = await f.filed();
    const body = { mode: 'single', leadUnitId: w.units.nongye, version: 2 };
    expect((await c.unit.post(url(id, 'assign'), body)).status).toBe(403);
    expect((await c.member.post(url(id, 'assign'), body)).status).toBe(403);
    expect((await c.otherStaff.post(url(id, 'assign'), body)).status).toBe(404);
    const stale = await c.staff.post(url(id, 'assign'), { ...body, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
  });

  it('cannot assign a proposal that is not filed yet', async () => {
    const created = await f.c.member.post('/api/v1/proposals', { sessionId: f.w.sessionId, title: '关于改善公交站台的建议', body: '正文', category: 'urban' });
    await f.database.db.update(proposals).set({ status: 'submitted' }).where(eq(proposals.id, created.body.id));
    const r = await f.c.staff.post(url(created.body.id, 'assign'), { mode: 'single', leadUnitId: f.w.units.nongye, version: 1 });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('待审查');
  });
});

describe('assign-bulk (交办会)', () => {
  it('writes nothing when one proposal fails, and names it', async () => {
    const { c, w } = f;
    const ids = [await f.filed(), await f.filed(), await f.filed()];
    const body = { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu] };
    const stale = await c.staff.post('/api/v1/proposals/assign-bulk', {
      ...body,
      items: [{ id: ids[0], version: 2 }, { id: ids[1], version: 1 }, { id: ids[2], version: 2 }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect(stale.body.message).toContain(`提案ID ${ids[1]}`);
    expect(stale.body.details.proposalId).toBe(ids[1]);
    for (const id of ids) {
      expect((await f.row(id)).status).toBe('filed');
      expect(await f.assignmentsOf(id)).toHaveLength(0);
    }

    const foreign = (await f.database.db.insert(proposals).values({
      tenantId: w.otherTenantId, sessionId: w.otherSessionId, kind: 'proposal', title: '县里的提案', body: '正文', category: 'other',
      submittedDuring: 'interim', status: 'filed', createdBy: w.users.otherStaff.id,
    }).returning())[0]!.id;
    const hidden = await c.staff.post('/api/v1/proposals/assign-bulk', { ...body, items: [...ids.map((id) => ({ id, version: 2 })), { id: foreign, version: 1 }] });
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toContain(`提案ID ${foreign}`);
    expect(await f.assignmentsOf(ids[0]!)).toHaveLength(0);

    const ok = await c.office.post('/api/v1/proposals/assign-bulk', { ...body, items: ids.map((id) => ({ id, version: 2 })) });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((p: { id: number; status: string }) => [p.id, p.status])).toEqual(ids.map((id) => [id, 'assigned']));
    for (const id of ids) expect(await f.assignmentsOf(id)).toHaveLength(2);
    // One notice per unit user for the meeting.
    const notes = (await f.notices(w.users.unit.id, 'proposal.assign')).filter((n) => n.message.includes('交办会'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('3件');
  });

  it('rejects duplicate items and needs staff or office', async () => {
    const id = await f.filed();
    const dup = await f.c.staff.post('/api/v1/proposals/assign-bulk', { mode: 'single', leadUnitId: f.w.units.nongye, items: [{ id, version: 2 }, { id, version: 2 }] });
    expect(dup.status).toBe(400);
    expect(paths(dup)).toContain('body.items.1.id');
    const unit = await f.c.unit.post('/api/v1/proposals/assign-bulk', { mode: 'single', leadUnitId: f.w.units.nongye, items: [{ id, version: 2 }] });
    expect(unit.status).toBe(403);
  });
});

describe('sign', () => {
  it('the lead signature starts handling; a co-unit signature does not', async () => {
    const { c, w } = f;
    const id = await f.filed();
    await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu], version: 2 });
    const co = await c.unit2.post(url(id, 'sign'), {});
    expect(co.status).toBe(200);
    expect(co.body.status).toBe('assigned');
    const lead = await c.unit.post(url(id, 'sign'), {});
    expect(lead.body.status).toBe('handling');
    const rows = await f.assignmentsOf(id);
    expect(rows.every((a) => a.status === 'signed' && a.signedAt !== null)).toBe(true);
    const twice = await c.unit.post(url(id, 'sign'), {});
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已签收');
    expect((await c.unit3.post(url(id, 'sign'), {})).status).toBe(404);
    expect((await c.otherUnit.post(url(id, 'sign'), {})).status).toBe(404);
    expect((await c.staff.post(url(id, 'sign'), {})).status).toBe(403);
  });

  it('cannot sign a proposal that is only filed', async () => {
    const id = await f.filed();
    // No assignment yet: the unit cannot even see it.
    expect((await f.c.unit.post(url(id, 'sign'), {})).status).toBe(404);
  });
});
