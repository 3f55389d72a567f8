import { makeClock } from './clock.js';

/** Settings from the environment, with the defaults a fresh machine needs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const production = env.NODE_ENV === 'production' || env.DUBAN_MODE === 'production';
  // A moved clock is for tests and demonstrations; a production server keeps the real time.
  if (production && env.DUBAN_CLOCK) throw new Error('生产模式不能设置 DUBAN_CLOCK（DUBAN_CLOCK is not allowed in production mode）');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? './data',
    seedDemo: env.SEED_DEMO !== 'false',
    secureCookies: env.SECURE_COOKIES === 'true',
    logger: env.LOG !== 'false',
    webRoot: env.WEB_ROOT ?? './dist/web',
    production,
    now: makeClock(env.DUBAN_CLOCK),
  };
}
