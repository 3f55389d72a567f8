import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startServer, tempDir } from './helpers/server-process.js';

// Docker has no engine on this machine: the deployment files are checked as far as possible —
// the Dockerfile's shape, and its start command run outside Docker with the image's settings;
// compose.yaml's services; the systemd unit's start command.

const root = path.resolve(import.meta.dirname, '..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** The last stage's ENV (KEY=value pairs, with line continuations) and CMD. */
function runtimeStage() {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const last = stages.at(-1)!.replace(/\\\n/g, ' ');
  const env: Record<string, string> = {};
  for (const line of last.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const m of line.slice(4).matchAll(/([A-Z_]+)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  }
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(last)![1]!) as string[];
  const user = /^USER (\S+)$/m.exec(last)?.[1];
  return { stages: stages.length, env, cmd, user };
}

describe('Dockerfile', () => {
  it('builds in one stage and runs the production start as a non-root user in another', () => {
    const r = runtimeStage();
    expect(r.stages).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(r.user).toBeDefined();
    expect(r.user).not.toBe('root');
    expect(r.cmd).toEqual(['node', 'dist/server/main.js']);
    expect(r.env.NODE_ENV).toBe('production');
    expect(dockerfile).toMatch(/STOPSIGNAL SIGTERM/);
  });
});

describe.runIf(process.env.TEST_DB === 'pglite')('the image’s start command, outside Docker', () => {
  let build: ReturnType<typeof buildServer>;
  beforeAll(() => {
    build = buildServer();
  });
  afterAll(() => build?.cleanup());

  it('starts with the image’s settings (production mode), is ready, and drains on SIGTERM', async () => {
    const { env, cmd } = runtimeStage();
    expect(cmd[0]).toBe('node');
    const dataDir = tempDir();
    // The image's settings; only where things live differs outside the container.
    // The keys come from the operator (compose.yaml requires them from .env), never from the image.
    expect(Object.keys(env).filter((k) => /KEY/.test(k))).toEqual([]);
    const keys = { AUDIT_HMAC_KEY: 'a'.repeat(40), DATA_INDEX_KEY: 'i'.repeat(40), DATA_KEY_ID: 'k1', DATA_KEY_k1: 'b'.repeat(32) };
    const s = await startServer(build.main, { ...env, ...keys, HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_ROOT: path.join(root, 'dist/web') });
    const ready = await fetch(`${s.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`${s.url}/api/health`)).headers.get('x-request-id')).toBeTruthy();
    s.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 120_000);
});

const nginx0 = () => readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');

describe('compose.yaml', () => {
  const compose = parse(readFileSync(path.join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; depends_on?: unknown; volumes?: string[] }>;
  };

  it('has PostgreSQL 16, two app instances of one image, and a proxy in front of both', () => {
    const s = compose.services;
    expect(s.postgres!.image).toMatch(/^postgres:16/);
    expect(s.app1!.image).toBe(s.app2!.image);
    expect(s.app1!.environment!.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(s.app2!.environment!.DATABASE_URL).toBe(s.app1!.environment!.DATABASE_URL);
    expect(s.app1!.environment!.DUBAN_INSTANCE).not.toBe(s.app2!.environment!.DUBAN_INSTANCE);
    expect(s.proxy!.depends_on).toEqual(['app1', 'app2']);
    // The instances believe the proxy's X-Forwarded-For, and only the proxy's.
    expect(s.app1!.environment!.TRUST_PROXY).toBe((s.proxy as { networks: { default: { ipv4_address: string } } }).networks.default.ipv4_address);
    expect(s.app2!.environment!.TRUST_PROXY).toBe(s.app1!.environment!.TRUST_PROXY);
    expect(nginx0()).toMatch(/X-Forwarded-For \$remote_addr;/);
    // Both instances need the same keys: each verifies the other's audit rows and reads its encrypted fields.
    for (const k of ['AUDIT_HMAC_KEY', 'DATA_INDEX_KEY', 'DATA_KEY_ID']) {
      expect(s.app1!.environment![k], k).toBeTruthy();
      expect(s.app2!.environment![k], k).toBe(s.app1!.environment![k]);
    }
    const nginx = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
    expect(nginx).toContain('server app1:3000');
    expect(nginx).toContain('server app2:3000');
  });
});

describe('systemd unit', () => {
  it('runs the production start with SIGTERM and time to drain', () => {
    const unit = readFileSync(path.join(root, 'deploy/duban.service'), 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node dist\/server\/main\.js$/m);
    expect(unit).toMatch(/^User=duban$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^Environment=NODE_ENV=production$/m);
  });
});
