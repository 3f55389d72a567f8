import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { auditLog, keyProposalLeaders } from '../src/server/db/schema.js';

// Three smaller points of the office's day: a key proposal before its leaders are named, a merge
// of unrelated proposals needs an explicit confirmation, and a closed 申请调整 window says until when.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;

async function filedWith(title: string, body: string) {
  const c = await f.c.member.post('/api/v1/proposals', { sessionId: f.w.sessionId, title, body, category: 'economy' });
  const s = await f.c.member.post(url(c.body.id, 'submit'), { version: 1 });
  const r = await f.c.staff.post(url(c.body.id, 'review'), { decision: 'file', version: s.body.version });
  expect(r.body.status).toBe('filed');
  return r.body as { id: number; version: number; number: number };
}

describe('重点提案 before its leaders are named', () => {
  it('designates a key proposal with no leader (督办领导待定) and names the leaders later', async () => {
    const id = await f.filed('关于打造长三角康养基地的建议');
    const r = await f.c.staff.post(url(id, 'key'), { leaderIds: [], version: await f.version(id) });
    expect(r.status).toBe(200);
    expect(r.body.isKey).toBe(true);
    expect(await f.database.db.select().from(keyProposalLeaders).where(eq(keyProposalLeaders.proposalId, id))).toEqual([]);
    const list = await f.c.staff.get('/api/v1/key-proposals');
    expect(list.body.items.find((k: { id: number }) => k.id === id)).toMatchObject({ leaders: [] });
    const figures = await f.c.staff.get(`/api/v1/sessions/${f.w.sessionId}/figures`);
    expect(figures.body.keyProposals).toBeGreaterThanOrEqual(1);
    // Leaving leaderIds out means the same: none named yet.
    const id2 = await f.filed('关于建设乡村振兴学院的建议');
    expect((await f.c.staff.post(url(id2, 'key'), { version: await f.version(id2) })).body.isKey).toBe(true);

    const named = await f.c.staff.post(url(id, 'key'), { leaderIds: [f.w.leaderId], version: r.body.version });
    expect(named.status).toBe(200);
    expect(await f.notices(f.w.users.leader.id, 'proposal.designate_key', id)).toHaveLength(1);
  });
});

describe('并案 similarity', () => {
  const 节能 = '建议推进公共机构节能降碳改造，推广合同能源管理，对党政机关办公楼实施节能改造，建设屋顶光伏，推动绿色低碳转型。';
  const 法律 = '建议在重大行政决策中聘请法律顾问参与合法性审查，建立政府法律顾问库，完善法律顾问考核机制，推进依法行政。';

  it('shows the similarity, refuses a low one without confirmation, and merges once confirmed', async () => {
    const a = await filedWith('关于推进公共机构节能降碳的建议', 节能);
    const b = await filedWith('关于推动党政机关办公楼节能改造的建议', `建议对党政机关办公楼实施节能降碳改造，推广合同能源管理，建设屋顶光伏。${节能}`);
    const c = await filedWith('关于发挥法律顾问作用的建议', 法律);

    const check = await f.c.staff.get(`/api/v1/proposals/merge-check?primaryId=${a.id}&secondaryIds=${b.id},${c.id}`);
    expect(check.status).toBe(200);
    const [sb, sc] = check.body.items;
    expect(check.body.threshold).toBe(0.3);
    expect(sb).toMatchObject({ id: b.id, low: false });
    expect(sb.score).toBeGreaterThan(0.3);
    expect(sc).toMatchObject({ id: c.id, low: true });
    expect(sc.score).toBeLessThan(0.3);

    // 法律顾问 into 节能降碳: refused without a word of confirmation, and nothing is merged.
    const refused = await f.c.staff.post('/api/v1/proposals/merge', { primaryId: a.id, secondaryIds: [c.id], versions: { [a.id]: a.version, [c.id]: c.version } });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(`两件提案相似度较低（${Math.round(sc.score * 100)}%），确认并案？`);
    expect(refused.body.details).toMatchObject({ threshold: 0.3, lowSimilarity: [{ id: c.id, number: c.number }] });
    expect((await f.row(c.id)).status).toBe('filed');
    expect(await f.audits(c.id, 'proposal.merge')).toBe(0);

    // Similar enough: no confirmation needed.
    const similar = await f.c.staff.post('/api/v1/proposals/merge', { primaryId: a.id, secondaryIds: [b.id], versions: { [a.id]: a.version, [b.id]: b.version } });
    expect(similar.status).toBe(200);

    // Confirmed explicitly: merged, and the audit row says the low similarity was confirmed.
    const confirmed = await f.c.staff.post('/api/v1/proposals/merge', {
      primaryId: a.id, secondaryIds: [c.id], versions: { [a.id]: similar.body.primary.version, [c.id]: c.version }, confirmLowSimilarity: true,
    });
    expect(confirmed.status).toBe(200);
    expect((await f.row(c.id)).status).toBe('merged');
    const [audit] = await f.database.db.select().from(auditLog).where(eq(auditLog.entityId, a.id)).orderBy(auditLog.id).then((rows) => rows.filter((x) => x.action === 'proposal.merge').slice(-1));
    expect(audit!.after).toMatchObject({ confirmedLowSimilarity: true, merged: [{ id: c.id, similarity: sc.score }] });
  });

  it('names the proposal when several are merged and one is unlike the primary', async () => {
    const a = await filedWith('关于推广屋顶光伏的建议', 节能);
    const b = await filedWith('关于公共机构合同能源管理的建议', 节能);
    const c = await filedWith('关于建立政府法律顾问库的建议', 法律);
    const r = await f.c.staff.post('/api/v1/proposals/merge', { primaryId: a.id, secondaryIds: [b.id, c.id], versions: { [a.id]: a.version, [b.id]: b.version, [c.id]: c.version } });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(new RegExp(`^第${c.number}号提案与主提案相似度较低（\\d+%），确认并案？$`));
  });

  it('checks access and input of the similarity endpoint', async () => {
    const a = await filedWith('关于完善社区养老服务的建议', 节能);
    expect((await f.c.member.get(`/api/v1/proposals/merge-check?primaryId=${a.id}&secondaryIds=${a.id}`)).status).toBe(403);
    expect((await f.c.staff.get(`/api/v1/proposals/merge-check?primaryId=${a.id}&secondaryIds=x`)).status).toBe(400);
    expect((await f.c.staff.get(`/api/v1/proposals/merge-check?primaryId=${a.id}&secondaryIds=${2 ** 31}`)).status).toBe(400);
    expect((await f.c.otherStaff.get(`/api/v1/proposals/merge-check?primaryId=${a.id}&secondaryIds=${a.id}`)).status).toBe(404);
  });
});

describe('申请调整 window', () => {
  it('shows until when a unit may object, disables it once closed, and refuses with the date in Chinese', async () => {
    await f.setDay('2025-03-10');
    const id = await f.filed('关于提升农村公路养护水平的建议');
    await f.c.staff.post(url(id, 'assign'), { mode: 'single', leadUnitId: f.w.units.nongye, version: await f.version(id) });
    // Assigned on Monday 2025-03-10: 5 working days run to Monday 2025-03-17.
    const inbox = await f.c.unit.get(`/api/v1/proposals?unitId=${f.w.units.nongye}&unitAssignmentStatus=pending&pageSize=100`);
    expect(inbox.body.items.find((i: { id: number }) => i.id === id).objectionWindow).toEqual({ lastDay: '2025-03-17', open: true });
    const open = await f.c.unit.get(`/api/v1/proposals/${id}`);
    expect(open.body.availableActions).toContain('object');
    expect(open.body.unavailableActions).toEqual([]);

    await f.setDay('2025-03-18');
    const closed = await f.c.unit.get(`/api/v1/proposals/${id}`);
    expect(closed.body.availableActions).not.toContain('object');
    expect(closed.body.unavailableActions).toEqual([{ action: 'object', reason: '申请调整期限至2025年3月17日，已截止' }]);
    const list = await f.c.unit.get(`/api/v1/proposals?unitId=${f.w.units.nongye}&unitAssignmentStatus=pending&pageSize=100`);
    expect(list.body.items.find((i: { id: number }) => i.id === id).objectionWindow).toEqual({ lastDay: '2025-03-17', open: false });
    const late = await f.c.unit.post(url(id, 'object'), { reason: '不属于本单位职责' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('申请调整期限至2025年3月17日，已截止');
    expect(late.body.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Other roles get no window.
    expect((await f.c.staff.get(`/api/v1/proposals/${id}`)).body.objectionWindow).toBeNull();
  });
});
