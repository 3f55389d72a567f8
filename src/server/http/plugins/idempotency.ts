import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { canonicalJson } from '../../domain/audit-chain.js';
import { idempotencyKeys } from '../../db/schema.js';
import { AppError } from '../../errors.js';

const HEADER = 'idempotency-key';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/**
 * A POST/PUT/PATCH/DELETE sent again with the same Idempotency-Key (a double click, a retry after
 * a dropped connection) gets the first answer back and changes nothing. The key is claimed before
 * the handler runs, so two copies racing each other cannot both act; a failed first attempt
 * releases the key so that the user can try again. The key remembers a hash of the body: the same
 * key with another body is a client bug or a replay with changed content, refused with 422 rather
 * than answered with the first reply. Keys are kept 24 hours (purgeIdempotencyKeys, hourly job).
 */
export function installIdempotency(app: FastifyInstance) {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers[HEADER];
    if (typeof key !== 'string' || !req.actor || req.method === 'GET' || req.routeOptions.config?.skipIdempotency) return;
    if (key.length < 8 || key.length > 100) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 长度须在8到100之间', [{ path: 'headers.idempotency-key', message: '长度须在8到100之间' }]);
    const actor = req.actor;
    const path = req.url;
    const bodyHash = createHash('sha256').update(canonicalJson(req.body ?? null)).digest('hex');
    const claimed = await app.db
      .insert(idempotencyKeys)
      .values({ userId: actor.userId, tenantId: actor.tenantId, key, method: req.method, path, bodyHash, createdAt: app.now() })
      .onConflictDoNothing()
      .returning();
    if (claimed.length > 0) {
      req.idempotencyKey = key;
      return;
    }
    const [prior] = await app.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, key)));
    if (!prior) throw new AppError('CONFLICT', '请求正在处理，请稍候');
    if (prior.method !== req.method || prior.path !== path || (prior.bodyHash !== null && prior.bodyHash !== bodyHash)) {
      throw new AppError('IDEMPOTENCY_MISMATCH', '同一 Idempotency-Key 已用于内容不同的另一请求，请为新请求使用新的 Idempotency-Key');
    }
    if (prior.statusCode === null) throw new AppError('CONFLICT', '相同请求正在处理，请稍候');
    reply.header('idempotent-replay', 'true');
    return reply.code(prior.statusCode).send(prior.response);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.idempotencyKey;
    if (!key || !req.actor) return payload;
    const where = and(eq(idempotencyKeys.userId, req.actor.userId), eq(idempotencyKeys.key, key));
    if (reply.statusCode >= 400) {
      await app.db.delete(idempotencyKeys).where(where);
    } else {
      let response: unknown = null;
      if (typeof payload === 'string' && payload.length > 0) {
        try {
          response = JSON.parse(payload);
        } catch {
          response = payload;
        }
      }
      await app.db.update(idempotencyKeys).set({ statusCode: reply.statusCode, response }).where(where);
    }
    return payload;
  });
}

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** Forgets keys older than 24 hours: a retry comes within minutes, and the table must not grow forever. */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
