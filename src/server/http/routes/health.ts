import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { MIGRATIONS_FOLDER } from '../../db/client.js';
import type { App } from '../types.js';

const check = z.enum(['ok', 'failed', 'off']);
const readyOut = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: check, migrations: check, queue: check }),
});

/** The last migration this build ships (its journal's newest entry), as drizzle records it. */
function latestMigrationMillis(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

export async function healthRoutes(app: App) {
  const latest = latestMigrationMillis();

  // Liveness: the process answers. It does not touch the database, so that an orchestrator does
  // not restart healthy servers while PostgreSQL is away (that is what /api/ready tells).
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '存活检查（进程在运行）', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  // Readiness: the database answers, every migration of this build is applied, the queue runs.
  // 503 (with Retry-After) takes the instance out of a load balancer's rotation.
  app.get('/api/ready', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '就绪检查（数据库可用、迁移已执行、任务队列运行）', response: { 200: readyOut, 503: readyOut } },
  }, async (_req, reply) => {
    const checks: z.infer<typeof readyOut>['checks'] = { database: 'failed', migrations: 'failed', queue: 'off' };
    try {
      await app.db.execute(sql`select 1`);
      checks.database = 'ok';
      const res = await app.db.execute(sql`select max(created_at)::bigint as last from drizzle.__drizzle_migrations`);
      const last = Number((res as unknown as { rows: { last: string | number | null }[] }).rows[0]?.last ?? 0);
      checks.migrations = last >= latest ? 'ok' : 'failed';
    } catch {
      // stays 'failed'
    }
    if (app.queue) checks.queue = app.queue.running ? 'ok' : 'failed';
    const ready = checks.database === 'ok' && checks.migrations === 'ok' && checks.queue !== 'failed' && !app.draining && !app.notReady;
    if (!ready) reply.code(503).header('retry-after', '5');
    return { status: ready ? ('ready' as const) : ('not_ready' as const), checks };
  });
}
