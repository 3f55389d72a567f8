import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Builds the production server (scripts/build-server.ts) into a folder of its own inside the
 * repository (so that node_modules is found from it) and returns the path of its main.js.
 */
export function buildServer(): { main: string; dir: string; cleanup: () => void } {
  // dist/ is not in a fresh clone (it is ignored): make it first.
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  const dir = mkdtempSync(path.join(root, 'dist', '.test-server-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts', dir], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`server build failed: ${r.stderr}`);
  return { main: path.join(dir, 'main.js'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDir(prefix = 'duban-ops-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts `node main.js` (plain node, as the production start) with the given settings. */
export async function startServer(main: string, env: Record<string, string>, opts: { waitFor?: 'health' | 'ready' | 'none'; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG: 'false', SEED_DEMO: 'false', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const sp: ServerProcess = { url, port, child, output: () => out, exited, kill: (s = 'SIGTERM') => child.kill(s) };
  const waitFor = opts.waitFor ?? 'ready';
  if (waitFor === 'none') return sp;
  const until = Date.now() + (opts.timeoutMs ?? 120_000);
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/api/${waitFor}`);
      if (res.ok) return sp;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ${waitFor} within ${opts.timeoutMs ?? 120_000} ms:\n${out}`);
}

/** Runs `node main.js` expecting it to stop by itself (a refused start); returns its code and output. */
export async function runToExit(main: string, env: Record<string, string>, timeoutMs = 60_000, spawnOpts: { uid?: number; gid?: number } = {}) {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG: 'false', SEED_DEMO: 'false', HOST: '127.0.0.1', PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...spawnOpts,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output: out };
}

/** Signs in over HTTP and returns headers that carry the session and CSRF token. */
export async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('duban_sid='))!.split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': body.csrfToken };
}
