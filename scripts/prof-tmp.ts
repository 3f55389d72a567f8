import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../src/server/db/schema.js';
import type { Db } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const db = drizzle(pool, { schema }) as unknown as Db;
const app = await buildApp({ db, logger: false });
const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 't1_staff', password: 'Bench-2026!' } });
const headers = { cookie: `duban_sid=${r.cookies.find((c) => c.name === 'duban_sid')!.value}` };
const u = process.argv[2]!;
for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url: u, headers });
const t = performance.now();
const N = Number(process.argv[3] ?? 300);
for (let i = 0; i < N; i++) { const x = await app.inject({ method: 'GET', url: u, headers }); if (x.statusCode !== 200) throw new Error(x.body); }
console.log(u, ((performance.now() - t) / N).toFixed(2), 'ms/req');
await app.close(); await pool.end();
