import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
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
 * releases the key so that the user can try again.
 */
export function installIdempotency(app: FastifyInstance) {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers[HEADER];
    if (typeof key !== 'string' || !req.actor || req.method === 'GET' || req.routeOptions.config?.skipIdempotency) return;
    if (key.length < 8 || key.length > 100) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 长度须在8到100之间', [{ path: 'headers.idempotency-key', message: '长度须在8到100之间' }]);
    const actor = req.actor;
    const path = req.url;
    const claimed = await app.db
      .insert(idempotencyKeys)
      .values({ userId: actor.userId, tenantId: actor.tenantId, key, method: req.method, path })
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
    if (prior.method !== req.method || prior.path !== path) {
      throw new AppError('IDEMPOTENCY_MISMATCH', '同一 Idempotency-Key 已用于另一请求');
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
