import { idParam, pageOf } from '../../../shared/schemas/common.js';
import { countOut, notificationOut, notificationQuery } from '../../../shared/schemas/notifications.js';
import { listNotifications, markAllRead, markRead, unreadCount } from '../../domain/read-notifications.js';
import { actorOf, type App } from '../types.js';

// Each user's own in-app notifications (站内消息).
export async function notificationsRoutes(app: App) {
  const config = { access: 'authenticated' as const };
  const tags = ['消息'];

  app.get('/notifications', { config, schema: { tags, summary: '我的消息（最新在前）', querystring: notificationQuery, response: { 200: pageOf(notificationOut) } } },
    async (req) => listNotifications(app.db, actorOf(req), req.query));
  app.get('/notifications/unread-count', { config, schema: { tags, summary: '未读消息数', response: { 200: countOut } } },
    async (req) => ({ count: await unreadCount(app.db, actorOf(req)) }));
  app.post('/notifications/:id/read', { config, schema: { tags, summary: '标记为已读', params: idParam, response: { 200: notificationOut } } },
    async (req) => app.db.transaction((tx) => markRead(tx, actorOf(req), req.params.id, app.now())));
  app.post('/notifications/read-all', { config, schema: { tags, summary: '全部标记为已读', response: { 200: countOut } } },
    async (req) => ({ count: await app.db.transaction((tx) => markAllRead(tx, actorOf(req), app.now())) }));
}
