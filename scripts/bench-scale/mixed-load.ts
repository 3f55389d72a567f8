// The mixed load of the scale benchmark: K clients, each a committee staff member of the province
// signed in as a person of their own, each in a loop over what staff do all day — a page of the
// proposal list, one proposal's detail, a full-text search, the session's figures — against the
// server started as its own process (HTTP, as a browser would reach it). Beside it, the same loops
// replaying the statements each of these calls sends, straight on a pool of the server's size: what
// the database alone would allow.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { load, pct, type Statement } from './record.js';

export interface LoadResult {
  clients: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  byStatus: Record<string, number>;
  load: [number, number];
}

const root = path.resolve(import.meta.dirname, '../..');
const WORDS = ['养老', '停车', '教育', '医疗', '交通', '农村', '环境', '就业', '文化', '旅游'];

/** A port nobody listens on now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The server as its own process on the database (no demo data, no log lines), ready to answer. */
export async function startServer(env: Record<string, string>): Promise<{ base: string; child: ChildProcess; pid: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, SEED_DEMO: 'false', LOG: 'false', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务器退出（${child.exitCode}）`);
    if (await fetch(`${base}/api/ready`).then((r) => r.ok, () => false)) return { base, child, pid: child.pid! };
    if (Date.now() - started > 900_000) throw new Error('服务器 15 分钟内未就绪');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function signInHttp(base: string, username: string, password: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`${username} 登录失败：${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('duban_sid='))!.split(';')[0]!;
  return { cookie };
}

/** K clients over HTTP for `seconds`, each looping list → detail → search → figures. */
export async function mixedLoad(base: string, sessions: { cookie: string }[], sessionId: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  const byStatus: Record<string, number> = {};
  let errors = 0;
  const load0 = load();
  const started = performance.now();
  const until = started + seconds * 1000;
  const get = async (h: { cookie: string }, p: string) => {
    const t = performance.now();
    let status = 'network';
    let body: unknown = null;
    try {
      const r = await fetch(`${base}/api/v1${p}`, { headers: h });
      status = String(r.status);
      body = await r.json();
    } catch {
      /* counted below */
    }
    if (performance.now() <= until) times.push(performance.now() - t);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status !== '200') errors++;
    return body as { items?: { id: number }[] } | null;
  };
  await Promise.all(
    sessions.map(async (h, i) => {
      for (let n = 0; performance.now() < until; n++) {
        const page = ((i + n) % 5) + 1;
        const list = await get(h, `/proposals?page=${page}&pageSize=20`);
        const items = list?.items ?? [];
        if (items.length) await get(h, `/proposals/${items[(i + n) % items.length]!.id}`);
        await get(h, `/search?q=${encodeURIComponent(WORDS[(i + n) % WORDS.length]!)}&pageSize=20`);
        await get(h, `/sessions/${sessionId}/figures`);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { clients: sessions.length, seconds: elapsed, requests: times.length, rps: times.length / elapsed, p50: pct(times, 50), p95: pct(times, 95), errors, byStatus, load: [load0, load()] };
}

/** The same loops as raw SQL: each client replays the recorded statements of its four calls in turn. */
export async function mixedLoadRaw(
  replay: (s: Statement[]) => Promise<void>,
  calls: { lists: Statement[][]; details: Statement[][]; searches: Statement[][]; figures: Statement[] },
  clients: number,
  seconds: number,
): Promise<LoadResult> {
  const times: number[] = [];
  const load0 = load();
  const started = performance.now();
  const until = started + seconds * 1000;
  const timed = async (s: Statement[]) => {
    const t = performance.now();
    await replay(s);
    if (performance.now() <= until) times.push(performance.now() - t);
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      for (let n = 0; performance.now() < until; n++) {
        await timed(calls.lists[(i + n) % calls.lists.length]!);
        await timed(calls.details[(i + n) % calls.details.length]!);
        await timed(calls.searches[(i + n) % calls.searches.length]!);
        await timed(calls.figures);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { clients, seconds: elapsed, requests: times.length, rps: times.length / elapsed, p50: pct(times, 50), p95: pct(times, 95), errors: 0, byStatus: {}, load: [load0, load()] };
}

export { WORDS };
