import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { freshDatabase } from './helpers/db.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { proposalSearch, sessions } from '../src/server/db/schema.js';
import { STATES } from '../src/shared/lifecycle.js';
import { indexProposals } from '../src/server/search/index-proposals.js';
import { computeFigures, computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { computeUnitStats, computeUnitStatsExact } from '../src/server/domain/compute-unit-stats.js';
import { buildApp } from '../src/server/http/app.js';
import { BENCH_PASSWORD, generate } from '../scripts/gen.js';

// The bulk generator (npm run gen) on a small size: every lifecycle state, search rows equal to
// what the indexer writes, rollups rebuilt after the load equal to the exact figures, and the
// generated staff account signs in and reads them through the API.

const N = 2000;
let database: Database;
let dropDb: (() => Promise<void>) | null = null;
let result: { proposals: number; rows: number };

beforeAll(async () => {
  const log = () => {};
  if (process.env.TEST_DB === 'postgres') {
    // COPY needs connections of its own: the generator gets a database URL.
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/duban_gen_${randomBytes(5).toString('hex')}`;
    result = await generate({ proposals: N, url: url.toString(), tenants: 4, years: 2, fresh: true, seed: 7, log });
    database = await openDatabase({ url: url.toString() });
    dropDb = async () => {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
      await admin.connect();
      await admin.query(`drop database if exists ${url.pathname.slice(1)} with (force)`);
      await admin.end();
    };
  } else {
    database = await freshDatabase();
    result = await generate({ proposals: N, database, tenants: 4, years: 2, fresh: false, seed: 7, log });
  }
}, 300_000);
afterAll(async () => {
  await database?.close();
  await dropDb?.();
});

const rowsOf = async <T>(q: ReturnType<typeof sql>) => (await database.db.execute(q)) as unknown as { rows: T[] };

describe('npm run gen', () => {
  it('writes the proposals asked for, in every lifecycle state, with their handling rows', async () => {
    expect(result.proposals).toBe(N);
    const { rows } = await rowsOf<{ status: string; n: number }>(sql`select status, count(*)::int as n from proposals group by status`);
    expect(rows.reduce((s, r) => s + Number(r.n), 0)).toBe(N);
    expect(rows.map((r) => r.status).sort()).toEqual([...STATES].sort());
    const { rows: [c] } = await rowsOf<Record<string, number>>(sql`select
      (select count(*)::int from replies) as replies, (select count(*)::int from evaluations) as evaluations,
      (select count(*)::int from follow_ups) as follow_ups, (select count(*)::int from key_proposal_leaders) as key_leaders,
      (select count(*)::int from contacts where method = 'face') as faces, (select count(*)::int from proposal_search) as search,
      (select count(*)::int from (select session_id, number from proposals where number is not null group by 1, 2 having count(*) > 1) d) as duplicate_numbers,
      (select count(*)::int from proposals where merged_into is not null and status <> 'merged') as bad_merges`);
    expect(c).toMatchObject({ search: N, duplicate_numbers: 0, bad_merges: 0 });
    for (const k of ['replies', 'evaluations', 'follow_ups', 'key_leaders', 'faces'] as const) expect(Number(c![k])).toBeGreaterThan(0);
  });

  it('writes the same search vectors as the indexer', async () => {
    const db = database.db;
    const { rows } = await rowsOf<{ id: number }>(sql`select id from proposals order by md5(id::text) limit 40`);
    const ids = rows.map((r) => Number(r.id));
    const read = async () =>
      new Map((await db.select({ id: proposalSearch.proposalId, doc: sql<string>`${proposalSearch.document}::text` }).from(proposalSearch).where(inArray(proposalSearch.proposalId, ids))).map((r) => [r.id, r.doc]));
    const generated = await read();
    await db.transaction((tx) => indexProposals(tx, ids));
    expect(await read()).toEqual(generated);
  });

  it('gives every generated search vector its own tenant\'s lexeme', async () => {
    const { rows } = await rowsOf<{ n: number; without: number; tenants: number }>(sql`select count(*)::int as n,
      count(*) filter (where not tsvector_to_array(document) @> array['~t' || tenant_id])::int as without, count(distinct tenant_id)::int as tenants from proposal_search`);
    expect(rows[0]).toMatchObject({ n: N, without: 0, tenants: 4 });
  });

  it('rebuilds rollups that agree with the exact figures of every session', async () => {
    const db = database.db;
    const all = await db.select({ id: sessions.id, tenantId: sessions.tenantId }).from(sessions);
    expect(all.length).toBe(4 * 2 * 2);
    for (const s of all) {
      expect(await computeFigures(db, s.tenantId, s.id, '2026-11-23')).toEqual(await computeFiguresExact(db, s.tenantId, s.id, '2026-11-23'));
      expect(await computeUnitStats(db, s.tenantId, s.id, '2026-11-23')).toEqual(await computeUnitStatsExact(db, s.tenantId, s.id, '2026-11-23'));
    }
  });

  it('gives the province staff an account that reads the figures through the API', async () => {
    const app = await buildApp({ db: database.db });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 't1_staff', password: BENCH_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const cookie = `duban_sid=${login.cookies.find((x) => x.name === 'duban_sid')!.value}`;
      const [s] = await database.db.select().from(sessions).where(sql`${sessions.tenantId} = (select id from tenants where code = '330000') and ${sessions.isCurrent}`).limit(1);
      const r = await app.inject({ method: 'GET', url: `/api/v1/sessions/${s!.id}/figures`, headers: { cookie } });
      expect(r.statusCode).toBe(200);
      expect(r.json().received).toBeGreaterThan(0);
      expect(r.json().handled).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('interleaves the tenants\' rows in time order instead of writing each tenant together', async () => {
    // Adjacent proposals (by id, the order of the load) of different tenants: one change per
    // session when each tenant's rows sat together (16 here), one per slice now.
    const { rows: [r] } = await rowsOf<{ changes: number; first: number; last: number }>(sql`select count(*) filter (where tenant_id <> prev)::int as changes,
      min(year) filter (where rn <= 20)::int as first, max(year) filter (where rn > ${N - 20})::int as last
      from (select p.tenant_id, s.year, lag(p.tenant_id) over (order by p.id) as prev, row_number() over (order by p.id) as rn
            from proposals p join sessions s on s.id = p.session_id) x`);
    expect(r!.changes).toBeGreaterThan(100);
    // Year after year: the first rows are of the first year, the last of the last.
    expect(r!.last).toBeGreaterThan(r!.first);
  });

  it('sets each session\'s last number, so that filing a generated submission takes the next number', async () => {
    const { rows: [c] } = await rowsOf<{ wrong: number }>(sql`select count(*)::int as wrong from sessions s
      where s.last_number <> coalesce((select max(p.number) from proposals p where p.session_id = s.id), 0)`);
    expect(c!.wrong).toBe(0);
    const app = await buildApp({ db: database.db });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 't1_staff', password: BENCH_PASSWORD } });
      const headers = { cookie: `duban_sid=${login.cookies.find((x) => x.name === 'duban_sid')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
      const { rows: [p] } = await rowsOf<{ id: number; version: number; last: number }>(sql`select p.id, p.version, s.last_number as last from proposals p join sessions s on s.id = p.session_id
        where p.status = 'submitted' and p.kind = 'proposal' and p.tenant_id = (select id from tenants where code = '330000') order by p.id limit 1`);
      expect(p).toBeDefined();
      const r = await app.inject({ method: 'POST', url: `/api/v1/proposals/${p!.id}/review`, headers, payload: { decision: 'file', version: p!.version } });
      expect(r.statusCode).toBe(200);
      expect(r.json().number).toBe(Number(p!.last) + 1);
    } finally {
      await app.close();
    }
  });

  it('ends with VACUUM ANALYZE', async () => {
    const { rows: [v] } = await rowsOf<{ vacuumed: boolean; analyzed: boolean }>(sql`select last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
      from pg_stat_user_tables where relname = 'proposals'`);
    expect(v).toEqual({ vacuumed: true, analyzed: true });
  });
});
