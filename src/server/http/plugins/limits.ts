import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../errors.js';

// Limits on the expensive reads (search, exports, document generation): a rate per user (per
// address for callers without a session), and for documents and large exports one at a time per
// user, since two loops of the session compilation by one user were enough to slow /api/health to
// seconds. Sign-in throttling is separate (it must hold across server processes). The store is
// in-process: with several server processes each enforces its own share.

export const RATE_LIMITS = {
  /** 全文检索 and 相似提案: typing in the search box or the proposal form. */
  search: { max: 60, timeWindow: 60_000 },
  /** .xlsx / .csv exports. */
  export: { max: 10, timeWindow: 60_000 },
  /** Attachments downloaded or previewed (预览): generous for paging through a proposal's photos, a wall for scrapers. */
  file: { max: 120, timeWindow: 60_000 },
  /** .docx / .pdf documents. */
  document: { max: 10, timeWindow: 60_000 },
} as const;

export type ExclusiveKind = 'document' | 'export' | 'upload';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** One request of this kind at a time per user (documents, large exports). */
    exclusive?: ExclusiveKind;
  }
  interface FastifyRequest {
    exclusiveKey: string | null;
  }
}

const BUSY: Record<ExclusiveKind, string> = {
  document: '您有一份文书正在生成，请等它完成后再试（每人同时只能生成一份）',
  export: '您有一份导出正在进行，请等它完成后再试（每人同时只能导出一份）',
  upload: '您有一个文件正在上传，请等它完成后再试',
};

export async function installLimits(app: FastifyInstance) {
  await app.register(rateLimit, {
    global: false,
    // After the session is resolved, so that the limit is per user rather than per address.
    hook: 'preHandler',
    keyGenerator: (req) => (req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => {
      const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError('RATE_LIMITED', `操作过于频繁，请${seconds}秒后再试`, { retryAfterSeconds: seconds, limit: ctx.max });
    },
  });

  const busy = new Set<string>();
  app.decorateRequest('exclusiveKey', null);
  app.addHook('preHandler', async (req) => {
    const kind = req.routeOptions.config?.exclusive;
    if (!kind || !req.actor) return;
    const key = `${req.actor.userId}:${kind}`;
    if (busy.has(key)) throw new AppError('RATE_LIMITED', BUSY[kind], { busy: kind });
    busy.add(key);
    req.exclusiveKey = key;
  });
  const release = async (req: { exclusiveKey: string | null }) => {
    if (req.exclusiveKey) busy.delete(req.exclusiveKey);
    req.exclusiveKey = null;
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
