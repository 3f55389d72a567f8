import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, notifications, proposals, proposers, sessions } from '../src/server/db/schema.js';

let database: Database;
let app: App;
let w: World;
let member: Client;
let member2: Client;
let member3: Client;
let staff: Client;
let secondSessionId: number;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
  member2 = await login(app, w.users.member2.username);
  member3 = await login(app, w.users.member3.username);
  staff = await login(app, w.users.staff.username);
  const [s] = await database.db
    .insert(sessions)
    .values({ tenantId: w.tenantId, kind: 'proposal', name: '十一届五次会议', term: 11, meeting: 5, year: 2026 })
    .returning();
  secondSessionId = s!.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A proposal taken through the API to 立案 (or only to 待审查). */
async function filed(by: Client, title: string, opts: { sessionId?: number; coProposers?: object[]; file?: boolean } = {}) {
  const c = await by.post('/api/v1/proposals', {
    sessionId: opts.sessionId ?? w.sessionId, title, body: '正文', category: 'education', coProposers: opts.coProposers ?? [],
  });
  expect(c.status).toBe(201);
  const s = await by.post(`/api/v1/proposals/${c.body.id}/submit`, { version: 1 });
  expect(s.body.status).toBe('submitted');
  if (opts.file === false) return s.body as { id: number; version: number; number: null };
  const f = await staff.post(`/api/v1/proposals/${c.body.id}/review`, { decision: 'file', version: s.body.version });
  expect(f.body.status).toBe('filed');
  return f.body as { id: number; version: number; number: number };
}

const row = async (id: number) => (await database.db.select().from(proposals).where(eq(proposals.id, id)))[0]!;
const mergeAudits = async (ids: number[]) =>
  database.db.select().from(auditLog).where(and(inArray(auditLog.proposalId, ids), eq(auditLog.action, 'proposal.merge')));

describe('merge', () => {
  it('merges filed proposals, keeping every number and proposer, and lets secondary proposers see the primary', async () => {
    const a = await filed(member, '关于推进学前教育普惠发展的建议');
    const b = await filed(member2, '关于扩大普惠性幼儿园覆盖面的建议');
    const c = await filed(member3, '关于提高幼儿园教师待遇的建议', { coProposers: [] });
    const proposersBefore = await database.db.select().from(proposers).where(inArray(proposers.proposalId, [a.id, b.id, c.id]));

    // Before the merge 李秀英 does not see 王建国's proposal.
    expect((await member2.get(`/api/v1/proposals/${a.id}/attachments/999999`)).body.message).toContain('提案不存在');

    const r = await staff.post('/api/v1/proposals/merge', {
      primaryId: a.id,
      secondaryIds: [b.id, c.id],
      versions: { [a.id]: a.version, [b.id]: b.version, [c.id]: c.version },
      // These proposals have a title and no text: too little in common for the similarity check.
      confirmLowSimilarity: true,
    });
    expect(r.status).toBe(200);
    expect(r.body.primary).toMatchObject({ id: a.id, status: 'filed', number: a.number, version: a.version + 1, mergedInto: null });
    expect(r.body.secondaries.map((s: { status: string; mergedInto: number; number: number }) => [s.status, s.mergedInto, s.number])).toEqual([
      ['merged', a.id, b.number],
      ['merged', a.id, c.number],
    ]);
    expect((await row(b.id)).number).toBe(b.number);
    const proposersAfter = await database.db.select().from(proposers).where(inArray(proposers.proposalId, [a.id, b.id, c.id]));
    expect(proposersAfter).toEqual(proposersBefore);
    expect(await mergeAudits([a.id, b.id, c.id])).toHaveLength(3);

    const notes = await database.db.select().from(notifications).where(eq(notifications.kind, 'proposal.merge'));
    expect(notes.map((n) => n.userId).sort()).toEqual([w.users.member2.id, w.users.member3.id].sort());
    expect(notes[0]!.message).toContain(`已并入第${a.number}号提案`);

    // The reply comes on the primary: 李秀英 now sees it; a member outside the group still does not.
    expect((await member2.get(`/api/v1/proposals/${a.id}/attachments/999999`)).body.message).toContain('附件不存在');
    const outsider = await login(app, w.users.group.username);
    expect((await outsider.get(`/api/v1/proposals/${a.id}/attachments/999999`)).body.message).toContain('提案不存在');

    // A merged proposal cannot be merged again, nor can anything be merged into it.
    const d = await filed(member, '关于学前教育师资培养的建议');
    const again = await staff.post('/api/v1/proposals/merge', {
      primaryId: d.id, secondaryIds: [b.id], versions: { [d.id]: d.version, [b.id]: b.version + 1 },
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已并案');
    // A primary that already heads a group cannot become a secondary.
    const head = await staff.post('/api/v1/proposals/merge', {
      primaryId: d.id, secondaryIds: [a.id], versions: { [d.id]: d.version, [a.id]: a.version + 1 },
    });
    expect(head.status).toBe(409);
    expect(head.body.message).toContain('已有其他提案并入');
    expect((await row(d.id)).version).toBe(d.version);
  });

  it('rejects a proposal that is not filed and writes nothing', async () => {
    const a = await filed(member, '关于加强校园周边交通安全的建议');
    const b = await filed(member2, '关于完善校车安全管理的建议');
    const c = await filed(member3, '关于规范上下学接送秩序的建议', { file: false });
    const r = await staff.post('/api/v1/proposals/merge', {
      primaryId: a.id,
      secondaryIds: [b.id, c.id],
      versions: { [a.id]: a.version, [b.id]: b.version, [c.id]: c.version },
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ILLEGAL_TRANSITION');
    expect(r.body.message).toContain('待审查');
    expect((await row(a.id)).version).toBe(a.version);
    expect((await row(b.id))).toMatchObject({ status: 'filed', mergedInto: null, version: b.version });
    expect(await mergeAudits([a.id, b.id, c.id])).toHaveLength(0);
  });

  it('rejects proposals of another session and writes nothing', async () => {
    const a = await filed(member, '关于发展智慧农业的建议');
    const b = await filed(member2, '关于推广农业物联网技术的建议');
    const x = await filed(member3, '关于建设数字乡村的建议', { sessionId: secondSessionId });
    const r = await staff.post('/api/v1/proposals/merge', {
      primaryId: a.id,
      secondaryIds: [b.id, x.id],
      versions: { [a.id]: a.version, [b.id]: b.version, [x.id]: x.version },
    });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('同一届次会议');
    expect(await row(b.id)).toMatchObject({ status: 'filed', mergedInto: null, version: b.version });
    expect(await row(x.id)).toMatchObject({ status: 'filed', mergedInto: null, version: x.version });
    expect(await mergeAudits([a.id, b.id, x.id])).toHaveLength(0);
  });

  it('does not reach into another tenant', async () => {
    const a = await filed(member, '关于加强基层医疗卫生服务的建议');
    const [foreign] = await database.db
      .insert(proposals)
      .values({
        tenantId: w.otherTenantId, sessionId: w.otherSessionId, kind: 'proposal', title: '县里的提案标题', body: '正文',
        category: 'health', submittedDuring: 'interim', status: 'filed', number: 1, createdBy: w.users.otherStaff.id,
      })
      .returning();
    const r = await staff.post('/api/v1/proposals/merge', {
      primaryId: a.id, secondaryIds: [foreign!.id], versions: { [a.id]: a.version, [foreign!.id]: 1 },
    });
    expect(r.status).toBe(404);
    expect(await row(foreign!.id)).toMatchObject({ status: 'filed', mergedInto: null });
    expect((await row(a.id)).version).toBe(a.version);
  });

  it('checks versions, input and role', async () => {
    const a = await filed(member, '关于优化营商环境的建议');
    const b = await filed(member2, '关于减轻企业负担的建议');
    const stale = await staff.post('/api/v1/proposals/merge', {
      primaryId: a.id, secondaryIds: [b.id], versions: { [a.id]: a.version, [b.id]: b.version + 5 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    expect((await row(a.id)).version).toBe(a.version);

    const missing = await staff.post('/api/v1/proposals/merge', { primaryId: a.id, secondaryIds: [b.id], versions: { [a.id]: a.version } });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ path: `body.versions.${b.id}`, message: `缺少提案${b.id}的版本号` }]);
    const self = await staff.post('/api/v1/proposals/merge', { primaryId: a.id, secondaryIds: [a.id], versions: { [a.id]: a.version } });
    expect(self.status).toBe(400);
    expect(self.body.details[0].path).toBe('body.secondaryIds');
    const none = await staff.post('/api/v1/proposals/merge', { primaryId: a.id, secondaryIds: [], versions: { [a.id]: a.version } });
    expect(none.status).toBe(400);
    expect(none.body.details[0].message).toBe('至少选择一件要并入的提案');

    const byMember = await member.post('/api/v1/proposals/merge', {
      primaryId: a.id, secondaryIds: [b.id], versions: { [a.id]: a.version, [b.id]: b.version },
    });
    expect(byMember.status).toBe(403);
    expect((await row(b.id)).status).toBe('filed');
  });
});
