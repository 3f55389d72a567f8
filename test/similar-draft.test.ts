import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, ne } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { proposals, users } from '../src/server/db/schema.js';
import { DEMO_PASSWORD, seedDemoData } from '../src/server/seed/demo-data.js';
import { TYPED_DRAFTS } from '../scripts/similar-drafts.js';
import type { SimilarDraftResult } from '../src/shared/schemas/search.js';

// The similar-proposal hints while a member writes (POST /similar, what the form calls as the text
// changes): a full body in the member's own words finds the proposals on its subject, as a search
// for the subject's word does (issue 16: the full text of a 养老 proposal found none of them).

let database: Database;
let app: App;
let staff: Client;
let tenantId: number;

beforeAll(async () => {
  database = await freshDatabase();
  await seedDemoData(database.db);
  app = await buildApp({ db: database.db, now: () => new Date('2026-11-23T02:00:00Z') });
  staff = await login(app, 'tiweiban', DEMO_PASSWORD);
  tenantId = (await database.db.select().from(users).where(eq(users.username, 'tiweiban')))[0]!.tenantId;
}, 240_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The demo's filed CPPCC proposals with the word in their title: what 全文检索 of the title finds. */
async function titled(word: string) {
  const rows = await database.db
    .select({ id: proposals.id, title: proposals.title })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.kind, 'proposal'), ne(proposals.status, 'draft'), like(proposals.title, `%${word}%`)));
  return rows;
}

describe('similar proposals while writing', () => {
  it('finds the other 养老 proposals from a full 养老 body whose title does not say 养老', async () => {
    const draft = TYPED_DRAFTS.find((d) => d.keyword === '养老')!;
    expect(draft.title).not.toContain('养老');
    const expected = await titled('养老');
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const r = await staff.post('/api/v1/similar', { title: draft.title, body: draft.body });
    expect(r.status).toBe(200);
    const found = (r.body as SimilarDraftResult).proposals.map((p) => p.id);
    for (const p of expected.slice(0, 5)) expect(found, p.title).toContain(p.id);
  });

  it('finds them from the body alone too, and the 停车 proposals from a 停车 draft', async () => {
    const care = TYPED_DRAFTS.find((d) => d.keyword === '养老')!;
    const bodyOnly = await staff.post('/api/v1/similar', { title: '', body: care.body });
    const ids = new Set((bodyOnly.body as SimilarDraftResult).proposals.map((p) => p.id));
    expect([...(await titled('养老'))].filter((p) => ids.has(p.id)).length).toBeGreaterThanOrEqual(2);

    const parking = TYPED_DRAFTS.find((d) => d.keyword === '停车')!;
    const r = await staff.post('/api/v1/similar', { title: parking.title, body: parking.body });
    const top = (r.body as SimilarDraftResult).proposals;
    expect(top.length).toBeGreaterThanOrEqual(3);
    // Every suggestion is about parking (its title says 停车), none merely shares the template words.
    for (const p of top.slice(0, 3)) expect(p.title).toContain('停车');
  });

  it('shows nothing for a draft on a subject the tenant has no proposal about', async () => {
    const r = await staff.post('/api/v1/similar', { title: '关于规范宠物医院收费的建议', body: '<p>宠物诊疗收费项目不透明，猫狗绝育、疫苗价格差异悬殊，消费者投诉逐年增加。建议制定宠物诊疗服务收费指引，公示价目。</p>' });
    expect(r.status).toBe(200);
    expect((r.body as SimilarDraftResult).proposals).toEqual([]);
  });
});
