import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { proposalSearch, proposals, taskLists, tasks, taskUnits } from '../src/server/db/schema.js';
import { backfillSearch, indexProposal } from '../src/server/search/index-proposals.js';
import { tenantLexeme } from '../src/server/search/tokenize.js';

// 全文检索 and 相似提案 on a small hand-made set: what matches, in which order, under which
// visibility, with which count; and the similar-proposal suggestions.

let f: Fixture;
const ids = {} as Record<'care' | 'meals' | 'river' | 'riverChief' | 'school' | 'community', number>;
const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;

const CARE_BODY =
  '随着人口老龄化加深，居家养老服务需求快速增长。建议完善居家养老服务体系，扩大社区养老服务覆盖面，加强养老护理人员培训，推进居家养老服务信息平台建设。';

async function filedWith(title: string, body: string, category: string): Promise<number> {
  const created = await f.c.member.post('/api/v1/proposals', { sessionId: f.w.sessionId, title, body, category, coProposers: [] });
  expect(created.status).toBe(201);
  await f.database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, created.body.id));
  const r = await f.c.staff.post(url(created.body.id, 'review'), { decision: 'file', version: created.body.version });
  expect(r.status).toBe(200);
  return created.body.id as number;
}

beforeAll(async () => {
  f = await setupHandling('2025-03-10');
  ids.care = await filedWith('关于完善居家养老服务体系的建议', CARE_BODY, 'social');
  ids.meals = await filedWith('关于发展老年助餐服务的建议', '老年助餐是群众关心的民生实事。建议在社区食堂基础上扩大助餐点覆盖，把助餐纳入养老服务整体规划，做好送餐上门。', 'social');
  ids.river = await filedWith('关于深化河长制推动河湖长治的建议', '河长制实施以来，我市河湖面貌明显改善。建议深化河长制，压实各级河长责任，推动河湖长治久清。', 'ecology');
  ids.riverChief = await filedWith('关于压实基层河长履职责任的建议', '部分村级河长巡河不到位，问题发现处置不及时。建议加强基层河长培训考核，落实巡河责任。', 'ecology');
  ids.school = await filedWith('关于加强校园周边交通安全治理的建议', '上下学高峰时段校园周边交通拥堵，存在安全隐患。建议增设护学岗，优化接送车辆停放。', 'education');
  ids.community = await filedWith('关于推进社区嵌入式居家养老服务的建议', '社区嵌入式养老服务可以让老人在家门口享受照料。建议完善居家养老服务设施布局，发展社区养老服务综合体，加强养老服务人才培养。', 'social');
  // 居家养老 goes to 农业农村局 (the test world's units), 河长制 to 教育局: only the assignment matters here.
  for (const [id, unit] of [[ids.care, f.w.units.nongye], [ids.river, f.w.units.jiaoyu], [ids.community, f.w.units.nongye]] as const) {
    const r = await f.c.staff.post(url(id, 'assign'), { mode: 'single', leadUnitId: unit, version: await f.version(id) });
    expect(r.status).toBe(200);
  }
}, 120_000);
afterAll(async () => f?.close());
afterEach(() => {
  delete process.env.SEARCH_COUNT_CAP;
});

const search = async (q: string, extra = '', who: keyof Fixture['c'] = 'staff') => {
  const r = await f.c[who].get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(r.status).toBe(200);
  return r.body as { items: { id: number; rank: number; titleHighlight: string; snippet: string; leadUnitName: string | null }[]; total: number; totalIsEstimate: boolean; rankedUpTo: number };
};
const found = async (q: string, extra = '', who: keyof Fixture['c'] = 'staff') => (await search(q, extra, who)).items.map((i) => i.id);

describe('matching short Chinese queries', () => {
  it('养老 finds the three proposals about it and nothing else', async () => {
    expect((await found('养老')).sort()).toEqual([ids.care, ids.meals, ids.community].sort());
  });

  it('河长制 finds only the proposal that says 河长制; 河长 finds both river proposals', async () => {
    expect(await found('河长制')).toEqual([ids.river]);
    expect((await found('河长')).sort()).toEqual([ids.river, ids.riverChief].sort());
  });

  it('one character is a prefix and still finds what contains it', async () => {
    const hits = await found('河');
    expect(hits).toEqual(expect.arrayContaining([ids.river, ids.riverChief]));
    expect(hits).not.toContain(ids.school);
  });

  it('several words must all occur', async () => {
    expect(await found('养老 助餐')).toEqual([ids.meals]);
    expect(await found('养老 河长')).toEqual([]);
  });

  it('refuses an empty query with a Chinese message', async () => {
    const r = await f.c.staff.get('/api/v1/search?q=');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('检索词');
  });
});

describe('ranking and highlighting', () => {
  it('puts title matches above body-only matches', async () => {
    const r = await search('养老');
    expect(r.items.at(-1)!.id).toBe(ids.meals);
    expect(r.items[0]!.rank).toBeGreaterThan(r.items.at(-1)!.rank);
  });

  it('marks the query in the title and in a passage of the body, escaping the rest', async () => {
    const [item] = (await search('河长制')).items;
    expect(item!.titleHighlight).toBe('关于深化<mark>河长制</mark>推动河湖长治的建议');
    expect(item!.snippet).toContain('<mark>河长制</mark>');
    expect(item!.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('filters and visibility', () => {
  it('combines the query with unit, category, status, year and result class', async () => {
    expect((await found('养老', `&unitId=${f.w.units.nongye}`)).sort()).toEqual([ids.care, ids.community].sort());
    expect(await found('河长', '&category=social')).toEqual([]);
    expect(await found('养老', '&status=filed')).toEqual([ids.meals]);
    expect((await found('养老', '&year=2025')).length).toBe(3);
    expect(await found('养老', '&year=2024')).toEqual([]);
    expect(await found('养老', '&resultClass=A')).toEqual([]);
  });

  it('a unit finds only the proposals assigned to it; a member only their own', async () => {
    expect((await found('养老', '', 'unit')).sort()).toEqual([ids.care, ids.community].sort());
    expect(await found('河长', '', 'unit')).toEqual([]);
    expect(await found('养老', '', 'member3')).toEqual([]);
    expect((await found('养老', '', 'member')).length).toBe(3);
    expect(await found('养老', '', 'otherStaff')).toEqual([]);
  });

  it('keeps the index current: an edited draft and a reply are found by their new words', async () => {
    const draft = await f.c.member.post('/api/v1/proposals', { sessionId: f.w.sessionId, title: '关于发展夜间经济的建议', body: '夜间经济正文', category: 'economy', coProposers: [] });
    expect(await found('夜间经济', '', 'member')).toEqual([draft.body.id]);
    await f.c.member.patch(`/api/v1/proposals/${draft.body.id}`, { title: '关于打造城市特色消费街区的建议', version: draft.body.version });
    expect(await found('消费街区', '', 'member')).toEqual([draft.body.id]);
    expect(await found('夜间', '&status=draft', 'member')).toEqual([draft.body.id]); // still in the body

    await f.c.unit.post(url(ids.care, 'sign'), {});
    const reply = await f.c.unit.post(url(ids.care, 'replies'), {
      resultClass: 'B', body: '我局将发展银发经济，新建老年助餐点二十个，并在明年纳入民生实事项目统筹推进。', disclosure: 'public', signerName: '张局长', version: await f.version(ids.care),
    });
    expect(reply.status).toBe(200);
    const r = await search('银发经济');
    expect(r.items.map((i) => i.id)).toEqual([ids.care]);
    expect(r.items[0]!.snippet).toContain('<mark>银发经济</mark>');
    expect(await found('养老', '&resultClass=B')).toEqual([ids.care]);
  });

  it('backfills proposals that have no search row', async () => {
    await f.database.db.delete(proposalSearch).where(eq(proposalSearch.proposalId, ids.school));
    expect(await found('护学岗')).toEqual([]);
    expect(await backfillSearch(f.database.db)).toBe(1);
    expect(await found('护学岗')).toEqual([ids.school]);
    expect(await backfillSearch(f.database.db)).toBe(0);
  });
});

describe('the count', () => {
  it('is exact up to the cap and an estimate beyond it', async () => {
    const exact = await search('建议');
    expect(exact.totalIsEstimate).toBe(false);
    expect(exact.total).toBe(6);
    process.env.SEARCH_COUNT_CAP = '3';
    onTestFinished(() => {
      delete process.env.SEARCH_COUNT_CAP;
    });
    const estimated = await search('建议', '&pageSize=2&page=2');
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThanOrEqual(3);
    expect(estimated.items).toHaveLength(2);
    // A page past the end still has its count.
    expect(await search('建议', '&pageSize=2&page=9')).toMatchObject({ items: [], totalIsEstimate: true });
    delete process.env.SEARCH_COUNT_CAP;
    expect(await search('建议', '&pageSize=2&page=9')).toMatchObject({ items: [], total: 6, totalIsEstimate: false });
    // Under the cap the answer stays exact.
    expect(await search('河长')).toMatchObject({ total: 2, totalIsEstimate: false });
  });
});

describe('paging past the ranked window', () => {
  it('reaches every page of the total: relevance first, then the older matches newest first', async () => {
    const all = await search('建议', '&pageSize=100');
    expect(all.total).toBe(6);
    expect(all.rankedUpTo).toBe(6);
    process.env.SEARCH_RANK_WINDOW = '3';
    process.env.SEARCH_COUNT_CAP = '2';
    try {
      const pages = [];
      for (let page = 1; page <= 4; page++) pages.push(await search('建议', `&pageSize=2&page=${page}`));
      expect(pages[0]!.rankedUpTo).toBe(3);
      const ids = pages.flatMap((p) => p.items.map((i) => i.id));
      // Six matches over three pages of two, none twice, none lost; the fourth page is past the end.
      expect(ids).toHaveLength(6);
      expect(new Set(ids)).toEqual(new Set(all.items.map((i) => i.id)));
      expect(pages[3]!.items).toEqual([]);
      // After the window (3 newest matches) the rest follow newest first.
      const tail = ids.slice(3);
      expect(tail).toEqual([...tail].sort((a, b) => b - a));
      expect(Math.min(...ids.slice(0, 3))).toBeGreaterThan(Math.max(...tail));
    } finally {
      delete process.env.SEARCH_RANK_WINDOW;
      delete process.env.SEARCH_COUNT_CAP;
    }
  });
});

describe('similar proposals', () => {
  it('lists proposals on the same subject with a score, not itself nor its merge group', async () => {
    const r = await f.c.staff.get(url(ids.care, 'similar'));
    expect(r.status).toBe(200);
    const list = r.body.proposals as { id: number; score: number; leadUnitName: string | null }[];
    expect(list[0]).toMatchObject({ id: ids.community, leadUnitName: '农业农村局' });
    expect(list[0]!.score).toBeGreaterThan(0.3);
    expect(list.map((p) => p.id)).not.toContain(ids.care);
    expect(list.map((p) => p.id)).not.toContain(ids.school);
    expect(list.map((p) => p.id)).not.toContain(ids.river);

    await f.database.db.update(proposals).set({ mergedInto: ids.care }).where(eq(proposals.id, ids.community));
    const merged = await f.c.staff.get(url(ids.care, 'similar'));
    expect(merged.body.proposals.map((p: { id: number }) => p.id)).not.toContain(ids.community);
    await f.database.db.update(proposals).set({ mergedInto: null }).where(eq(proposals.id, ids.community));
  });

  it('answers 404 for a proposal the caller may not see', async () => {
    expect((await f.c.member3.get(url(ids.care, 'similar'))).status).toBe(404);
  });

  it('suggests lead units and key tasks for a draft; units only to staff', async () => {
    const [list] = await f.database.db.insert(taskLists).values({ tenantId: f.w.tenantId, title: '2025年重点工作', year: 2025 }).returning();
    const [task] = await f.database.db
      .insert(tasks)
      .values({ tenantId: f.w.tenantId, listId: list!.id, leaderName: '陈副市长', groupOrder: 1, seq: 1, text: '完善居家养老服务体系，新增社区嵌入式养老服务中心5家。', contentKey: 'k1', dueDate: '2025-12-31' })
      .returning();
    await f.database.db.insert(taskUnits).values({ tenantId: f.w.tenantId, taskId: task!.id, unitId: f.w.units.weijian, isLead: true });
    await f.database.db.insert(tasks).values({ tenantId: f.w.tenantId, listId: list!.id, leaderName: '陈副市长', groupOrder: 1, seq: 2, text: '地区生产总值增长6%左右。', contentKey: 'k2', dueDate: '2025-12-31' });

    const draft = { title: '关于加快发展居家养老服务的建议', body: '建议完善社区居家养老服务设施，加强养老服务人才队伍建设。' };
    const staff = await f.c.staff.post('/api/v1/similar', draft);
    expect(staff.status).toBe(200);
    expect(staff.body.proposals.map((p: { id: number }) => p.id).slice(0, 2).sort()).toEqual([ids.care, ids.community].sort());
    expect(staff.body.units[0]).toMatchObject({ unitId: f.w.units.nongye, unitName: '农业农村局', count: 2 });
    expect(staff.body.tasks).toHaveLength(1);
    expect(staff.body.tasks[0]).toMatchObject({ taskId: task!.id, leadUnitNames: ['卫生健康局'] });

    const member = await f.c.member.post('/api/v1/similar', draft);
    expect(member.status).toBe(200);
    expect(member.body.units).toEqual([]);
    expect(member.body.proposals.length).toBeGreaterThan(0);
    // Someone else's proposals appear to a member only once published.
    const other = await f.c.member3.post('/api/v1/similar', draft);
    expect(other.body.proposals).toEqual([]);
    await f.database.db.update(proposals).set({ published: true }).where(eq(proposals.id, ids.care));
    const afterPublish = await f.c.member3.post('/api/v1/similar', draft);
    expect(afterPublish.body.proposals.map((p: { id: number }) => p.id)).toEqual([ids.care]);

    const unrelated = await f.c.staff.post('/api/v1/similar', { title: '关于加强电信网络诈骗防范宣传的建议', body: '' });
    expect(unrelated.body.proposals).toEqual([]);
    expect(unrelated.body.tasks).toEqual([]);
  });
});

describe('tenants', () => {
  it('never finds nor suggests another tenant\'s proposal with the same words', async () => {
    const db = f.database.db;
    const [other] = await db
      .insert(proposals)
      .values({ tenantId: f.w.otherTenantId, sessionId: f.w.otherSessionId, kind: 'proposal', title: '关于完善居家养老服务体系的建议', body: CARE_BODY, category: 'social', submittedDuring: 'plenary', status: 'filed', reviewDecision: 'filed', number: 1, createdBy: f.w.users.otherStaff.id, submittedAt: new Date('2025-01-10T02:00:00Z'), published: true })
      .returning();
    await db.transaction((tx) => indexProposal(tx, other!.id));

    expect(await found('居家养老')).not.toContain(other!.id);
    expect(await found('居家养老', '', 'otherStaff')).toEqual([other!.id]);
    const similar = await f.c.staff.get(url(ids.care, 'similar'));
    expect(similar.body.proposals.map((p: { id: number }) => p.id)).not.toContain(other!.id);
    const draft = await f.c.staff.post('/api/v1/similar', { title: '关于完善居家养老服务体系的建议', body: CARE_BODY });
    expect(draft.body.proposals.map((p: { id: number }) => p.id)).not.toContain(other!.id);
    const otherDraft = await f.c.otherStaff.post('/api/v1/similar', { title: '关于完善居家养老服务体系的建议', body: CARE_BODY });
    expect(otherDraft.body.proposals.map((p: { id: number }) => p.id)).toEqual([other!.id]);
  });

  it('gives every search vector its own tenant\'s lexeme and no other', async () => {
    const { rows } = (await f.database.db.execute(
      sql`select tenant_id, array(select w from unnest(tsvector_to_array(document)) w where w like '~%') as lexemes from proposal_search`,
    )) as unknown as { rows: { tenant_id: number; lexemes: string[] }[] };
    expect(new Set(rows.map((r) => Number(r.tenant_id)))).toEqual(new Set([f.w.tenantId, f.w.otherTenantId]));
    for (const r of rows) expect(r.lexemes).toEqual([tenantLexeme(Number(r.tenant_id))]);
  });
});
