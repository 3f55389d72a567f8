import { makeClock } from './clock.js';
import type { Mode } from './auth/policy.js';

const positive = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} 无效：${v}（应为正整数）`);
  return n;
};

/** Settings from the environment, with the defaults a fresh machine needs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const production = env.NODE_ENV === 'production' || env.DUBAN_MODE === 'production';
  const mode: Mode = production ? 'production' : 'demo';
  // A moved clock is for tests and demonstrations; a production server keeps the real time.
  if (production && env.DUBAN_CLOCK) throw new Error('生产模式不能设置 DUBAN_CLOCK（DUBAN_CLOCK is not allowed in production mode）');
  // Demo data carries 178 accounts with one published password: never on a production server.
  if (production && env.SEED_DEMO === 'true') throw new Error('生产模式不能载入演示数据（SEED_DEMO=true is not allowed in production mode）');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  const addressMax = positive(env, 'LOGIN_ADDRESS_MAX_FAILURES');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? './data',
    seedDemo: !production && env.SEED_DEMO !== 'false',
    secureCookies: env.SECURE_COOKIES === 'true',
    logger: env.LOG !== 'false',
    webRoot: env.WEB_ROOT ?? './dist/web',
    production,
    mode,
    /** Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed. */
    trustProxy: (env.TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    /** Failed sign-ins one address may make across accounts in 15 minutes before it waits (429). */
    signInLimits: addressMax ? { address: { max: addressMax, windowMs: 15 * 60_000, blockMs: 15 * 60_000 } } : {},
    now: makeClock(env.DUBAN_CLOCK),
  };
}
export type Config = ReturnType<typeof loadConfig>;
