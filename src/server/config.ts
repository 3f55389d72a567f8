/** Settings from the environment, with the defaults a fresh machine needs. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
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
  };
}
