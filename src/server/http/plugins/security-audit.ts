import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { writeAudit, type AuditEntry } from '../../domain/audit.js';

// What the audit log records beyond the use cases' own rows: every download of a document or an
// export (routes say so with config.auditDownload), and refusals — 403s, CSRF failures and
// rate-limit hits — so that the auditor sees probing as well as work.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Write an audit row when this route answers a file. */
    auditDownload?: { action: string; entityType: string };
  }
}

/** writeAudit in a transaction of its own when the caller has none (a chain write takes a lock). */
export async function auditOnce(db: Executor, actor: { tenantId: number | null; userId: number | null; ip?: string | null }, e: AuditEntry) {
  if (db instanceof PgTransaction) return writeAudit(db, actor, e);
  await db.transaction((tx) => writeAudit(tx, actor, e));
}

/** The file name a download announced in Content-Disposition (the UTF-8 form when present). */
function fileNameOf(disposition: unknown): string | null {
  if (typeof disposition !== 'string') return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  if (utf8) return decodeURIComponent(utf8[1]!);
  return /filename="([^"]*)"/.exec(disposition)?.[1] ?? null;
}

const idOf = (req: FastifyRequest) => {
  const id = Number((req.params as Record<string, unknown> | undefined)?.id);
  return Number.isInteger(id) ? id : null;
};

export function installSecurityAudit(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    const a = req.routeOptions.config?.auditDownload;
    if (!a || !req.actor || reply.statusCode !== 200) return payload;
    const id = idOf(req);
    await auditOnce(app.db, req.actor, {
      action: a.action,
      entityType: a.entityType,
      entityId: id,
      proposalId: a.entityType === 'proposal' ? id : null,
      after: { fileName: fileNameOf(reply.getHeader('content-disposition')), query: req.query ?? null },
    });
    return payload;
  });
}

export type Refusal = 'forbidden' | 'csrf_failed' | 'rate_limited';

/** Records a refused request (called by the error handler, after the request's own work was rolled back). */
export async function auditRefusal(app: FastifyInstance, req: FastifyRequest, kind: Refusal, message: string) {
  const actor = req.actor ?? { tenantId: null, userId: null, ip: req.ip };
  await auditOnce(app.db, { tenantId: actor.tenantId, userId: actor.userId, ip: req.ip }, {
    action: `security.${kind}`,
    entityType: 'request',
    after: { method: req.method, route: req.routeOptions.url ?? null, path: req.url.split('?')[0], message },
  });
}
