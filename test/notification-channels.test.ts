import { and, eq } from 'drizzle-orm';
import { encryptField } from '../src/server/crypto/field-crypto.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { startTestQueue } from './helpers/queue.js';
import { fakeHttpGateway, fakeSmtp, type FakeHttpGateway, type FakeSmtp } from './helpers/fake-gateways.js';
import { buildApp } from '../src/server/http/app.js';
import { notify } from '../src/server/domain/audit.js';
import { smsChannel, smtpChannel, workNoticeChannel, type Channels } from '../src/server/notifications/channels.js';
import { registerNotificationJobs } from '../src/server/notifications/delivery.js';
import { afterQuietHours } from '../src/server/notifications/quiet-hours.js';
import { scanUnsignedAssignments } from '../src/server/jobs/scan-unsigned.js';
import { assignments, auditLog, notificationDeliveries, notificationOutbox, notifications, proposals, users } from '../src/server/db/schema.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import type { Queue } from '../src/server/jobs/queue.js';

// Notifications: written with the change (in-app row and outbox row, one transaction), delivered
// by the queue through the person's chosen channels, retried with back-off, dead-lettered, resent
// by the administrator; quiet hours; and the notices that must reach a person.

let database: Database;
let app: App;
let w: World;
let queue: Queue;
let smtp: FakeSmtp;
let sms: FakeHttpGateway;
let work: FakeHttpGateway;
let unit: Client;
let sysadmin: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  smtp = await fakeSmtp();
  sms = await fakeHttpGateway({ code: 0 });
  work = await fakeHttpGateway({ errcode: 0, errmsg: 'ok' });
  const channels: Channels = {
    email: smtpChannel(smtp.url, '督办平台 <duban@example.gov.cn>'),
    sms: smsChannel(sms.url, 'sms-token', '平湖督办'),
    work_notice: workNoticeChannel(work.url, undefined),
  };
  queue = await startTestQueue(database);
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as FastifyBaseLogger;
  await registerNotificationJobs(channels, { dispatchEverySeconds: 1, publicUrl: 'https://duban.example.gov.cn', retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false } })({ db: database.db, queue, log, instance: 'test' });
  app = await buildApp({ db: database.db, ops: { queue, channels: ['email', 'sms', 'work_notice'] } });
  // Stored as the product stores it: encrypted (SM4), so SMS must go to the decrypted number.
  await database.db.update(users).set({ phone: encryptField('13800000001') }).where(eq(users.id, w.users.unit.id));
  unit = await login(app, w.users.unit.username);
  sysadmin = await login(app, w.users.sysadmin.username);
});
afterAll(async () => {
  await app.close();
  await queue.stop();
  await database.close();
  await smtp.close();
  await sms.close();
  await work.close();
});

const send = (userIds: number[], kind: string, message: string, tenantId = w.tenantId) =>
  database.db.transaction((tx) => notify(tx, tenantId, userIds, { kind, message }));

describe('channel choices', () => {
  it('checks what a person chooses, next to the fields', async () => {
    const r = await unit.put('/api/v1/notification-preferences', { channels: ['email', 'work_notice'], quietStart: '22:00' });
    expect(r.status).toBe(400);
    const paths = r.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.workNoticeId', 'body.quietEnd']));
    expect(r.body.details.find((d: { path: string }) => d.path === 'body.email').message).toBe('选择电子邮件时须填写邮箱');
  });

  it('saves the channels, with an audit row, and shows what the server offers', async () => {
    const r = await unit.put('/api/v1/notification-preferences', { channels: ['email', 'sms', 'work_notice'], email: 'nongye@example.gov.cn', workNoticeId: 'ding-nongye-01' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ channels: ['email', 'sms', 'work_notice'], phone: '13800000001', available: ['email', 'sms', 'work_notice'] });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'notification_preferences.update'));
    expect(audits.length).toBe(1);
  });

  it('refuses SMS to an account without a phone number', async () => {
    const staff = await login(app, w.users.staff.username);
    const r = await staff.put('/api/v1/notification-preferences', { channels: ['sms'] });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('手机号');
  });
});

describe('delivery', () => {
  it('writes the in-app notice and the outbox row together, and delivers to every chosen channel', async () => {
    await send([w.users.unit.id, w.users.unit2.id], 'proposal.assign', '提案第9号「关于推进农村生活污水治理的建议」已交办本单位（主办），请及时签收。');
    const outbox = await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, 'proposal.assign'));
    const inApp = await database.db.select().from(notifications).where(eq(notifications.kind, 'proposal.assign'));
    expect(outbox.length).toBe(2);
    expect(inApp.length).toBe(2);
    await vi.waitFor(() => {
      expect(smtp.mails.length).toBe(1);
      expect(sms.received.length).toBe(1);
      expect(work.received.length).toBe(1);
    }, { timeout: 20_000, interval: 100 });
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['nongye@example.gov.cn']);
    expect(mail.raw).toContain('Subject: =?UTF-8?');
    expect(sms.received[0]).toMatchObject({ phone: '13800000001', authorization: 'Bearer sms-token' });
    expect((sms.received[0] as { text: string }).text).toMatch(/^【平湖督办】提案第9号/);
    expect(work.received[0]).toMatchObject({ userid_list: 'ding-nongye-01', msg: { msgtype: 'text' } });
    expect((work.received[0] as { msg: { text: { content: string } } }).msg.text.content).toContain('【督办】新的交办任务');
    // unit2 chose no channel: in-app only.
    const theirs = await database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, w.users.unit2.id));
    expect(theirs).toEqual([]);
    const sent = await database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, w.users.unit.id));
    expect(sent.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('writes nothing when the change rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await notify(tx, w.tenantId, [w.users.unit.id], { kind: 'proposal.remind', message: '回滚的催办' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.message, '回滚的催办'))).toEqual([]);
  });

  it('retries a failing gateway, then dead-letters it; the administrator sees it and resends it', async () => {
    sms.failing = true;
    const before = sms.received.length;
    await send([w.users.unit.id], 'proposal.remind', '提案第9号「关于推进农村生活污水治理的建议」请加快办理（催办）。');
    let dead: typeof notificationDeliveries.$inferSelect | undefined;
    await vi.waitFor(async () => {
      [dead] = await database.db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.channel, 'sms'), eq(notificationDeliveries.status, 'dead')));
      expect(dead).toBeDefined();
    }, { timeout: 30_000, interval: 200 });
    // First try and two retries.
    expect(dead!.attempts).toBe(3);
    expect(dead!.lastError).toContain('500');
    const list = await sysadmin.get('/api/v1/admin/notification-dead-letters');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: dead!.id, channel: 'sms', kind: 'proposal.remind', attempts: 3, userName: w.users.unit.username })]);
    // Another tenant's administrator sees none of it and cannot resend it.
    const otherAdmin = await database.db.insert(users).values({ tenantId: w.otherTenantId, username: 't_other_sys', displayName: 'x', passwordHash: (await database.db.select().from(users).where(eq(users.id, w.users.sysadmin.id)))[0]!.passwordHash, roles: ['sysadmin'] }).returning();
    const other = await login(app, otherAdmin[0]!.username);
    expect((await other.get('/api/v1/admin/notification-dead-letters')).body.total).toBe(0);
    expect((await other.post(`/api/v1/admin/notification-dead-letters/${dead!.id}/resend`)).status).toBe(404);

    sms.failing = false;
    const resend = await sysadmin.post(`/api/v1/admin/notification-dead-letters/${dead!.id}/resend`);
    expect(resend.status).toBe(200);
    await vi.waitFor(() => expect(sms.received.length).toBe(before + 1), { timeout: 20_000, interval: 100 });
    const [after] = await database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, dead!.id));
    expect(after!.status).toBe('sent');
    expect((await sysadmin.post(`/api/v1/admin/notification-dead-letters/${dead!.id}/resend`)).status).toBe(409);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'notification.resend'));
    expect(audits.map((a) => a.entityId)).toEqual([dead!.id]);
  });

  it('holds messages in a person’s quiet hours, but not security alerts', async () => {
    // Quiet from an hour ago to three hours ahead, China time: 00:00–23:59 left out the minute before
    // midnight, and the test failed when it ran then.
    const chinaNow = Date.now() + 8 * 3600_000;
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const quiet = await unit.put('/api/v1/notification-preferences', { channels: ['email'], email: 'nongye@example.gov.cn', quietStart: hhmm(chinaNow - 3600_000), quietEnd: hhmm(chinaNow + 3 * 3600_000) });
    expect(quiet.status).toBe(200);
    const mails = smtp.mails.length;
    await send([w.users.unit.id], 'deadline.due_soon', '提案第9号将于2026年12月4日到期，请抓紧办理。');
    await send([w.users.unit.id], 'security.account_locked', '账户「t_unit」连续5次密码错误，已锁定30分钟。');
    await vi.waitFor(() => expect(smtp.mails.length).toBe(mails + 1), { timeout: 20_000, interval: 100 });
    expect(smtp.mails.at(-1)!.raw).toContain('Subject: =?UTF-8?');
    const [held] = await database.db
      .select({ d: notificationDeliveries })
      .from(notificationDeliveries)
      .innerJoin(notificationOutbox, eq(notificationOutbox.id, notificationDeliveries.outboxId))
      .where(eq(notificationOutbox.kind, 'deadline.due_soon'));
    expect(held!.d.status).toBe('pending');
    expect(held!.d.notBefore.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('computes the end of quiet hours in China time, across midnight', () => {
    // 23:30 in China = 15:30 UTC; quiet 22:00–07:00 ends at 07:00 China = 23:00 UTC.
    expect(afterQuietHours(new Date('2026-11-23T15:30:00Z'), '22:00', '07:00').toISOString()).toBe('2026-11-23T23:00:00.000Z');
    expect(afterQuietHours(new Date('2026-11-23T04:00:00Z'), '22:00', '07:00').toISOString()).toBe('2026-11-23T04:00:00.000Z');
    expect(afterQuietHours(new Date('2026-11-23T04:30:00Z'), '12:00', '14:00').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(afterQuietHours(new Date('2026-11-23T13:00:00Z'), '12:00', '14:00').toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });
});

describe('what must reach a person', () => {
  it('an assignment left unsigned for more than 3 working days: the unit and the staff, once', async () => {
    const [p] = await database.db.insert(proposals).values({ tenantId: w.tenantId, sessionId: w.sessionId, kind: 'proposal', title: '关于加强农田水利建设的建议', body: '正文', category: 'agriculture', submittedDuring: 'plenary', status: 'assigned', number: 31, createdBy: w.users.member.id, assignedAt: '2025-11-03', deadline: '2026-02-03' }).returning();
    await database.db.insert(assignments).values({ tenantId: w.tenantId, proposalId: p!.id, unitId: w.units.nongye, role: 'lead', status: 'pending', assignedAt: '2025-11-03' });
    // Mon 3 Nov + 3 working days = Thu 6 Nov: not yet; Fri 7 Nov: 4 working days.
    expect(await scanUnsignedAssignments(database.db, '2025-11-06')).toEqual({ reminded: 0 });
    expect(await scanUnsignedAssignments(database.db, '2025-11-07')).toEqual({ reminded: 1 });
    expect(await scanUnsignedAssignments(database.db, '2025-11-10')).toEqual({ reminded: 0 });
    const rows = await database.db.select().from(notifications).where(eq(notifications.kind, 'assignment.unsigned'));
    expect(rows.map((r) => r.userId).sort()).toEqual([w.users.unit.id, w.users.staff.id].sort());
    const unitNotice = rows.find((r) => r.userId === w.users.unit.id)!.message;
    expect(unitNotice).toContain('已于2025年11月3日交办本单位，4个工作日仍未签收');
  });

  it('a key-task period closing: the lead units and the leaders', async () => {
    const office = await login(app, w.users.office.username);
    const list = await office.post('/api/v1/task-lists', { year: 2026, title: '2026年政府工作报告重点工作任务' });
    const period = await office.post(`/api/v1/task-lists/${list.body.id}/periods`, { label: '一季度', kind: 'quarter', startDate: '2026-01-01', endDate: '2026-03-31', dueDate: '2026-04-10' });
    expect(period.status).toBe(201);
    const closed = await office.patch(`/api/v1/task-periods/${period.body.id}`, { version: period.body.version, status: 'closed' });
    expect(closed.status).toBe(200);
    const rows = await database.db.select().from(notifications).where(eq(notifications.kind, 'task.period_closed'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.message).toContain('一季度重点工作完成情况填报已截止');
    expect(rows.map((r) => r.userId)).toContain(w.users.leader.id);
  });

  it('a locked account: the security administrators', async () => {
    for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: w.users.member3.username, password: 'wrong-password' } });
    const rows = (await database.db.select().from(notifications).where(eq(notifications.kind, 'security.account_locked'))).filter((r) => r.message.includes(w.users.member3.username));
    expect(rows.map((r) => r.userId)).toEqual([w.users.secadmin.id]);
    expect(rows[0]!.message).toContain(`账户「${w.users.member3.username}」连续5次密码错误`);
    const out = (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, 'security.account_locked'))).filter((r) => r.message.includes(w.users.member3.username));
    expect(out.map((o) => o.userId)).toEqual([w.users.secadmin.id]);
  });
});
