// Part of `npm run bench`: the production build as a service.
// 1. Transferred bytes of the login page and of the public portal, loaded by Chromium from the
//    production start (precompressed assets), first visit with an empty cache.
// 2. Throughput at 50 concurrent users against one instance and against two instances behind a
//    round-robin proxy, on one PostgreSQL (BENCH_DATABASE_URL, default the local server), same run.
// Writes its own section of BENCHMARKS.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer as createHttp, request } from 'node:http';
import path from 'node:path';
import { machine, writeSection } from './bench-md.js';
import { freePort } from './bench-scale/mixed-load.js';

const root = path.resolve(import.meta.dirname, '..');
const USERS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function startInstance(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/server/main.js'], { cwd: root, env: { ...process.env, LOG: 'false', HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`instance exited with ${child.exitCode}`);
    if (await fetch(`${url}/api/ready`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('instance not ready');
}

function roundRobin(backends: string[]) {
  let next = 0;
  const server = createHttp((req, res) => {
    const target = new URL(req.url ?? '/', backends[next++ % backends.length]);
    const up = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })),
  );
}

async function signIn(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Duban@2026' }) });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('duban_sid='))!.split(';')[0]!;
  return { cookie };
}

/** 50 users, each in a loop: the proposal list, one proposal, the unread count. */
async function throughput(url: string): Promise<{ rps: number; requests: number; errors: number; p95: number }> {
  const accounts = ['tiweiban', 'ducha', 'weiyuan', ...Array.from({ length: 7 }, (_, i) => `wy${String(i + 2).padStart(2, '0')}`)];
  const sessions = [];
  for (let i = 0; i < USERS; i++) sessions.push(await signIn(url, accounts[i % accounts.length]!));
  let requests = 0;
  let errors = 0;
  const times: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  const get = async (h: { cookie: string }, p: string) => {
    const t = performance.now();
    const r = await fetch(`${url}/api/v1${p}`, { headers: h }).catch(() => null);
    const body = r ? await r.json().catch(() => null) : null;
    times.push(performance.now() - t);
    requests++;
    if (!r || !r.ok) errors++;
    return body as { items?: { id: number }[] } | null;
  };
  await Promise.all(
    sessions.map(async (h, i) => {
      let page = (i % 5) + 1;
      while (Date.now() < until) {
        const list = await get(h, `/proposals?page=${page}&pageSize=20`);
        const id = list?.items?.[i % Math.max(1, list.items.length)]?.id;
        if (id) await get(h, `/proposals/${id}`);
        await get(h, '/notifications/unread-count');
        page = (page % 5) + 1;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { rps: requests / SECONDS, requests, errors, p95: times[Math.floor(times.length * 0.95)] ?? 0 };
}

/** What Chromium downloads for a page on a first visit: bytes on the wire (compressed) and decoded. */
async function transferred(url: string, pagePath: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let wire = 0;
    let decoded = 0;
    let count = 0;
    const sizes = new Map<string, number>();
    cdp.on('Network.dataReceived', (e: { requestId: string; dataLength: number }) => sizes.set(e.requestId, (sizes.get(e.requestId) ?? 0) + e.dataLength));
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      wire += e.encodedDataLength;
      decoded += sizes.get(e.requestId) ?? 0;
      count++;
    });
    await page.goto(`${url}${pagePath}`, { waitUntil: 'networkidle' });
    return { wire, decoded, count };
  } finally {
    await browser.close();
  }
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export async function benchService() {
  console.log('building (npm run build)…');
  const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build failed');
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL not reachable at ${adminUrl}: the service benchmarks need it (BENCH_DATABASE_URL).`);
    return;
  }
  const name = 'duban_bench_service';
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const env = { DATABASE_URL: u.toString(), SEED_DEMO: 'true', DATABASE_POOL_MAX: '10' };
  const children: ChildProcess[] = [];
  try {
    console.log('starting instance 1 (loads the demo)…');
    const a = await startInstance(env);
    children.push(a.child);
    const login = await transferred(a.url, '/login');
    const portal = await transferred(a.url, '/public');
    console.log(`login page: ${kb(login.wire)} transferred (${kb(login.decoded)} decoded), portal: ${kb(portal.wire)} (${kb(portal.decoded)})`);
    // Both runs go through the same proxy, so that the ratio compares instances, not the proxy.
    const single = await roundRobin([a.url]);
    console.log(`${USERS} users × ${SECONDS} s against one instance…`);
    const one = await throughput(single.url);
    single.close();
    const bInst = await startInstance(env);
    children.push(bInst.child);
    const lb = await roundRobin([a.url, bInst.url]);
    console.log(`${USERS} users × ${SECONDS} s against two instances behind a round-robin proxy…`);
    const two = await throughput(lb.url);
    lb.close();
    const ratio = two.rps / one.rps;
    console.log(`one: ${one.rps.toFixed(0)} req/s, two: ${two.rps.toFixed(0)} req/s, ratio ${ratio.toFixed(2)}`);
    writeSection('Production start: transferred bytes and instances', `
The production build (\`npm run build\`, \`node dist/server/main.js\`) on PostgreSQL with the demo data.

| | |
| --- | --- |
| command | \`npm run bench\` (scripts/bench-service.ts) |
| date | ${new Date().toISOString()} |
| machine | ${machine()} — the load generator, the instances and PostgreSQL share it |

### Transferred bytes, first visit (Chromium, cache disabled)

| page | requests | on the wire | decoded |
| --- | ---: | ---: | ---: |
| login \`/login\` | ${login.count} | ${kb(login.wire)} | ${kb(login.decoded)} |
| public portal \`/public\` | ${portal.count} | ${kb(portal.wire)} | ${kb(portal.decoded)} |

Hashed assets are sent precompressed (brotli) with \`Cache-Control: public, max-age=31536000, immutable\`; a second
visit downloads only \`index.html\` (\`no-cache\`) and the API answers.

### Throughput at ${USERS} concurrent users (${SECONDS} s each, same run)

Each user, signed in, loops over: the proposal list (20 a page), one proposal's detail, the unread count.

| | requests/s | p95 | requests | errors |
| --- | ---: | ---: | ---: | ---: |
| one instance (through the proxy) | ${one.rps.toFixed(0)} | ${one.p95.toFixed(0)} ms | ${one.requests} | ${one.errors} |
| two instances, round-robin | ${two.rps.toFixed(0)} | ${two.p95.toFixed(0)} ms | ${two.requests} | ${two.errors} |
| **ratio two / one** | **${ratio.toFixed(2)}** | | | |

On this ${machine().split(',')[1]?.trim()} machine the second instance competes for the same cores with the first,
PostgreSQL and the load generator, so the ratio shows what a second process adds here, not what a second machine would.
`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 3000));
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
