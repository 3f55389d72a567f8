import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../types.js';

export async function healthRoutes(app: App) {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['系统'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) } },
  }, async () => {
    await app.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: 'ok' as const };
  });
}
