import { z } from 'zod';
import { okResponse, pageOf } from '../../../shared/schemas/common.js';
import { deadLetterOut, deadLetterQuery, preferencesBody, preferencesOut } from '../../../shared/schemas/notification-channels.js';
import { QUEUES } from '../../jobs/queue.js';
import { listDeadLetters } from '../../notifications/delivery.js';
import { readPreferences, resendDeadLetter, savePreferences } from '../../notifications/preferences.js';
import { actorOf, type App } from '../types.js';

const idParam = z.object({ id: z.coerce.number().int().positive('编号无效').max(2_147_483_647, '编号无效') });

// 消息渠道: each person's channels and quiet hours; the administrator's dead-letter list.
export async function notificationChannelRoutes(app: App) {
  const available = () => app.notificationChannels;

  app.get('/notification-preferences', {
    config: { access: 'authenticated' },
    schema: { tags: ['消息'], summary: '我的消息渠道与免打扰时段', response: { 200: preferencesOut } },
  }, async (req) => readPreferences(app.db, actorOf(req), available()));

  app.put('/notification-preferences', {
    config: { access: 'authenticated' },
    schema: { tags: ['消息'], summary: '设置我的消息渠道（邮件、短信、工作通知）与免打扰时段', body: preferencesBody, response: { 200: preferencesOut } },
  }, async (req) => app.db.transaction((tx) => savePreferences(tx, actorOf(req), req.body, available(), app.now())));

  app.get('/admin/notification-dead-letters', {
    config: { access: ['sysadmin'] },
    schema: { tags: ['系统管理'], summary: '发送失败的消息（重试后仍失败，待处理）', querystring: deadLetterQuery, response: { 200: pageOf(deadLetterOut) } },
  }, async (req) => listDeadLetters(app.db, actorOf(req).tenantId, req.query.page, req.query.pageSize));

  app.post('/admin/notification-dead-letters/:id/resend', {
    config: { access: ['sysadmin'] },
    schema: { tags: ['系统管理'], summary: '重新发送一条失败的消息', params: idParam, response: { 200: okResponse } },
  }, async (req) => {
    const d = await app.db.transaction((tx) => resendDeadLetter(tx, actorOf(req), req.params.id, app.now()));
    await app.queue?.send(QUEUES.notifyDeliver.name, { deliveryId: d.id }, { singletonKey: `delivery:${d.id}` });
    return { ok: true as const };
  });
}
