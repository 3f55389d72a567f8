import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeClock } from './clock.js';
import type { Mode } from './auth/policy.js';

const positive = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} 无效：${v}（应为正整数）`);
  return n;
};
import { loadKeys } from './crypto/keys.js';

/** 网络安全法 Art. 21: network logs are kept for at least six months. */
export const MIN_AUDIT_RETENTION_DAYS = 180;

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
  const dataDir = env.DATA_DIR ?? './data';
  const tls = loadTls(env);
  const retention = Number(env.AUDIT_RETENTION_DAYS ?? 1095);
  if (!Number.isInteger(retention) || retention < MIN_AUDIT_RETENTION_DAYS) {
    throw new Error(`AUDIT_RETENTION_DAYS 无效：${env.AUDIT_RETENTION_DAYS}（审计日志至少保存${MIN_AUDIT_RETENTION_DAYS}天，网络安全法第二十一条）`);
  }
  // Served over HTTPS, by this server or by the proxy in front: cookies are Secure and HSTS is sent.
  const https = Boolean(tls) || env.SECURE_COOKIES === 'true';
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    seedDemo: !production && env.SEED_DEMO !== 'false',
    secureCookies: https,
    hsts: https,
    tls,
    /** Proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed; false: none. */
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logger: env.LOG !== 'false',
    webRoot: env.WEB_ROOT ?? './dist/web',
    filesDir: env.FILES_DIR || path.join(dataDir, 'files'),
    auditRetentionDays: retention,
    auditArchiveDir: env.AUDIT_ARCHIVE_DIR || path.join(dataDir, 'audit-archive'),
    keys: loadKeys(env, production),
    production,
    mode,
    /** Failed sign-ins one address may make across accounts in 15 minutes before it waits (429). */
    signInLimits: addressMax ? { address: { max: addressMax, windowMs: 15 * 60_000, blockMs: 15 * 60_000 } } : {},
    now: makeClock(env.DUBAN_CLOCK),
  };
}

/**
 * TRUST_PROXY: the proxies whose X-Forwarded-For is believed, as addresses or CIDR ranges
 * separated by commas ("127.0.0.1", "10.0.0.0/8,192.168.1.5", "loopback"). Unset: nobody's,
 * and the address in the audit log is the TCP peer's.
 */
export function parseTrustProxy(v: string | undefined): string[] | false {
  const list = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) return false;
  for (const item of list) {
    if (/^(true|\*|all)$/i.test(item) || /^\d+$/.test(item)) {
      throw new Error(`TRUST_PROXY 须列出代理的地址或网段（如 127.0.0.1 或 10.0.0.0/8），不能是 ${item}：否则任何客户端都能伪造来源地址`);
    }
  }
  return list;
}

/** TLS_CERT and TLS_KEY: PEM files; the server then speaks HTTPS itself. */
function loadTls(env: NodeJS.ProcessEnv): { cert: Buffer; key: Buffer } | null {
  if (!env.TLS_CERT && !env.TLS_KEY) return null;
  if (!env.TLS_CERT || !env.TLS_KEY) throw new Error('TLS_CERT 与 TLS_KEY 须同时设置');
  return { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) };
}

export type Config = ReturnType<typeof loadConfig>;
