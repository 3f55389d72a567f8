import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, proposals, users } from '../src/server/db/schema.js';
import { likePattern, proposalListOrder, proposalListWhere } from '../src/server/domain/list-proposals.js';
import { loadActor } from '../src/server/auth/login-sessions.js';
import type { SortField } from '../src/shared/schemas/proposal-reads.js';

// Issue 13: the proposal list is served by indexes (every sortable column, both ways), counts past
// a cap are estimated (totalIsExact false, 约 N 条), and the search box goes to the full-text index
// while finding what the substring search found.

let database: Database;
let app: App;
let w: World;
let member: Client;
let staff: Client;
const ids: Record<string, number> = {};

const TEXTS: [key: string, title: string, body: string][] = [
  ['elder', '关于完善社区居家养老服务的建议', '<p>我市老龄化程度加深，<strong>居家养老</strong>服务供给不足。建议增设日间照料中心。</p>'],
  ['water', '关于加强农村饮用水安全保障的建议', '农村供水工程老化，九龙山片区水质检测覆盖不全。'],
  ['name', '关于推进校园食堂明厨亮灶的建议', '据张三丰同志调研，部分学校食堂监管薄弱。5G 智慧监管平台可以覆盖全部食堂。'],
  ['river', '关于深化河长制落实的建议', '河长巡河记录不完整，建议用 PM2.5 与水质数据联动考核。'],
  ['plain', '关于优化营商环境的建议', '审批环节多，企业办事难。'],
];

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
  staff = await login(app, w.users.staff.username);
  let n = 1;
  for (const [key, title, body] of TEXTS) {
    const created = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title, body, category: 'economy' });
    expect(created.status).toBe(201);
    ids[key] = created.body.id;
    await database.db.update(proposals).set({ status: 'filed', number: n++, submittedAt: new Date() }).where(eq(proposals.id, created.body.id));
  }
  // A draft is listed for nobody but its author.
  const draft = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于养老机构消防安全的建议', body: '草稿', category: 'economy' });
  ids.draft = draft.body.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});
afterEach(() => {
  delete process.env.LIST_COUNT_CAP;
});

const listed = async (query: string) => {
  const r = await staff.get(`/api/v1/proposals?pageSize=100&${query}`);
  expect(r.status).toBe(200);
  return r.body as { items: { id: number; number: number | null; title: string }[]; total: number; totalIsExact: boolean };
};
const found = async (q: string) => new Set((await listed(`q=${encodeURIComponent(q)}`)).items.map((i) => i.id));

/** What the old search box (ILIKE on title and body, or the number) found, as the staff sees it. */
async function foundBefore(q: string): Promise<Set<number>> {
  const m = /^\s*第?\s*(\d{1,6})\s*号?\s*$/.exec(q);
  const byText = or(ilike(proposals.title, likePattern(q)), ilike(sql`regexp_replace(${proposals.body}, '<[^>]*>', '', 'g')`, likePattern(q)))!;
  const rows = await database.db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.tenantId, w.tenantId), ne(proposals.status, 'draft'), m ? or(byText, eq(proposals.number, Number(m[1]))) : byText));
  return new Set(rows.map((r) => r.id));
}

describe('the search box', () => {
  it.each(['养老', '居家养老服务', '九龙山', '张三丰', '饮用水', '河长制', '河', '5G', 'PM2.5', '明厨亮灶', '食堂', '第3号', '3', '营商环境', '不存在的词语'])(
    'finds what the substring search found: %s',
    async (q) => {
      const before = await foundBefore(q);
      const now = await found(q);
      expect([...now].sort()).toEqual([...before].sort());
    },
  );

  it('finds words in the body, names, numbers and titles, never a draft', async () => {
    expect(await found('九龙山')).toEqual(new Set([ids.water]));
    expect(await found('张三丰')).toEqual(new Set([ids.name]));
    expect(await found('第2号')).toEqual(new Set([ids.water]));
    expect(await found('养老')).toEqual(new Set([ids.elder]));
    // Markup is not text: the body's <strong> is no word of it.
    expect(await found('strong')).toEqual(new Set());
  });

  it('counts what it finds', async () => {
    const r = await listed(`q=${encodeURIComponent('建议')}`);
    expect(r.total).toBe(5);
    expect(r.totalIsExact).toBe(true);
  });
});

describe('counts', () => {
  it('are exact up to the cap, estimated beyond it (totalIsExact false, never below the cap)', async () => {
    const exact = await listed('');
    expect(exact).toMatchObject({ total: 5, totalIsExact: true });
    process.env.LIST_COUNT_CAP = '3';
    try {
      const estimated = await listed('');
      expect(estimated.totalIsExact).toBe(false);
      expect(estimated.total).toBeGreaterThanOrEqual(3);
      expect(estimated.items).toHaveLength(5);
      const small = await listed(`q=${encodeURIComponent('九龙山')}`);
      expect(small).toMatchObject({ total: 1, totalIsExact: true });
    } finally {
      // The next test file in this worker reads the same environment.
      delete process.env.LIST_COUNT_CAP;
    }
  });
});

describe('sorting', () => {
  it('keeps unnumbered proposals last both ways and pages without overlap', async () => {
    // One more, without a number.
    const extra = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加快城市更新的建议', body: '正文', category: 'economy' });
    await database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, extra.body.id));
    const asc = (await listed('sort=number:asc')).items.map((i) => i.number);
    const desc = (await listed('sort=number:desc')).items.map((i) => i.number);
    expect(asc).toEqual([1, 2, 3, 4, 5, null]);
    expect(desc).toEqual([5, 4, 3, 2, 1, null]);
    const titles = (await listed('sort=title:asc')).items.map((i) => i.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const titlesDesc = (await listed('sort=title:desc')).items.map((i) => i.title);
    expect(titlesDesc).toEqual([...titles].reverse());
    for (const sort of ['updatedAt:desc', 'number:asc', 'title:desc', 'deadline:asc', 'submittedAt:asc']) {
      const all = (await listed(`sort=${sort}`)).items.map((i) => i.id);
      const pages: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const r = await staff.get(`/api/v1/proposals?sort=${sort}&pageSize=2&page=${page}`);
        pages.push(...r.body.items.map((i: { id: number }) => i.id));
      }
      expect(pages).toEqual(all);
    }
  });

  it('every sortable column, both ways, and the default order are read from an index without a sort', async () => {
    const [u] = await database.db.select().from(users).where(eq(users.id, w.users.staff.id));
    const actor = await loadActor(database.db, u!);
    const fields: SortField[] = ['updatedAt', 'number', 'title', 'deadline', 'submittedAt'];
    const cases = [undefined, ...fields.flatMap((field) => (['asc', 'desc'] as const).map((dir) => [{ field, dir }]))];
    for (const sort of cases) {
      const plan = await database.db.transaction(async (tx) => {
        // The test table is tiny: make the planner show whether an index *can* give the order.
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_incremental_sort = off`);
        const q = tx.select({ id: proposals.id }).from(proposals).where(proposalListWhere(actor, {})).orderBy(...proposalListOrder(sort)).limit(20);
        const res = (await tx.execute(sql`explain (format json) ${q}`)) as unknown as { rows: Record<string, unknown>[] };
        const raw = Object.values(res.rows[0] ?? {})[0];
        return JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : raw);
      });
      expect(plan, JSON.stringify(sort)).not.toContain('"Node Type":"Sort"');
      expect(plan, JSON.stringify(sort)).toContain('proposals_listed_');
    }
  });
});

describe('the unit inbox', () => {
  it('lists the 已办结 tab of the unit, and reads the unit’s assignments from their index', async () => {
    const unit = await login(app, w.users.unit.username);
    const closed = [ids.elder!, ids.water!];
    for (const [i, id] of [ids.elder, ids.water, ids.name].entries()) {
      await database.db.insert(assignments).values({ tenantId: w.tenantId, proposalId: id!, unitId: w.units.nongye, role: 'lead', position: 0, status: i === 2 ? 'removed' : 'signed', assignedAt: '2025-03-05' });
    }
    // Another unit's closed proposal is not in this inbox.
    await database.db.insert(assignments).values({ tenantId: w.tenantId, proposalId: ids.river!, unitId: w.units.jiaoyu, role: 'lead', position: 0, status: 'signed', assignedAt: '2025-03-05' });
    await database.db.update(proposals).set({ status: 'closed' }).where(inArray(proposals.id, [...closed, ids.name!, ids.river!]));
    const r = await unit.get(`/api/v1/proposals?status=closed&unitId=${w.units.nongye}&sort=updatedAt:desc&page=1&pageSize=20`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { id: number }) => i.id).sort()).toEqual([...closed].sort());
    expect(r.body).toMatchObject({ total: 2, totalIsExact: true });

    const [u] = await database.db.select().from(users).where(eq(users.id, w.users.unit.id));
    const actor = await loadActor(database.db, u!);
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const where = proposalListWhere(actor, { status: ['closed'], unitId: w.units.nongye });
      const q = tx.select({ id: proposals.id }).from(proposals).where(where).orderBy(...proposalListOrder([{ field: 'updatedAt', dir: 'desc' }])).limit(20);
      const res = (await tx.execute(sql`explain (format json) ${q}`)) as unknown as { rows: Record<string, unknown>[] };
      const raw = Object.values(res.rows[0] ?? {})[0];
      return JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : raw);
    });
    expect(plan).toContain('assignments_unit_live');
    expect(plan).not.toContain('"Node Type":"Sort"');
  });
});

describe('keyset paging', () => {
  it('walks every page by cursor, in the order of OFFSET paging, for the default order and the title both ways', async () => {
    for (const sort of ['', 'sort=title:asc&', 'sort=title:desc&', 'sort=updatedAt:asc&']) {
      const all = (await listed(sort)).items.map((i) => i.id);
      expect(all.length).toBeGreaterThan(4);
      const walked: number[] = [];
      let after: string | null = null;
      for (let page = 1; page <= 10; page++) {
        const r: { status: number; body: { items: { id: number }[]; nextCursor: string | null } } = await staff.get(`/api/v1/proposals?${sort}pageSize=2&page=${page}${after ? `&after=${after}` : ''}`);
        expect(r.status).toBe(200);
        walked.push(...r.body.items.map((i: { id: number }) => i.id));
        after = r.body.nextCursor;
        if (!after) break;
      }
      expect(walked).toEqual(all);
    }
  });

  it('refuses a cursor that is not one, or of another order, with 400; offers none for other orders', async () => {
    const first = await staff.get('/api/v1/proposals?pageSize=2');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await staff.get(`/api/v1/proposals?pageSize=2&sort=title:asc&after=${first.body.nextCursor}`)).status).toBe(400);
    expect((await staff.get('/api/v1/proposals?pageSize=2&after=bm9uc2Vuc2U')).status).toBe(400);
    expect((await staff.get('/api/v1/proposals?pageSize=2&after=a%20b')).status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['updatedAt:desc', '2026-02-30 10:00:00+08; drop table proposals', 1])).toString('base64url');
    expect((await staff.get(`/api/v1/proposals?pageSize=2&after=${forged}`)).status).toBe(400);
    const byNumber = await staff.get('/api/v1/proposals?pageSize=2&sort=number:asc');
    expect(byNumber.body.nextCursor).toBeNull();
  });

  it('starts the next page in the index, without reading the rows before it', async () => {
    const [u] = await database.db.select().from(users).where(eq(users.id, w.users.staff.id));
    const actor = await loadActor(database.db, u!);
    const first = await staff.get('/api/v1/proposals?pageSize=2');
    const [, value, id] = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8')) as [string, string, number];
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const q = tx
        .select({ id: proposals.id })
        .from(proposals)
        .where(and(proposalListWhere(actor, {}), sql`(${proposals.updatedAt}, ${proposals.id}) < (${value}::timestamptz, ${id})`))
        .orderBy(...proposalListOrder(undefined))
        .limit(2);
      const res = (await tx.execute(sql`explain (format json) ${q}`)) as unknown as { rows: Record<string, unknown>[] };
      const raw = Object.values(res.rows[0] ?? {})[0];
      return JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : raw);
    });
    expect(plan).toContain('proposals_listed_updated');
    expect(plan).toMatch(/"Index Cond":"[^"]*ROW\(updated_at, id\) < ROW/);
  });
});
