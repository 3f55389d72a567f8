import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { okResponse } from '../../../shared/schemas/common.js';
import {
  authOptionsOut,
  loginSessionOut,
  recoveryCodesOut,
  secondFactorStatusOut,
  sessionIdParam,
  totpCodeBody,
  totpSetupOut,
} from '../../../shared/schemas/security.js';
import { users } from '../../db/schema.js';
import { SESSION_COOKIE } from '../../auth/login-sessions.js';
import { recoveryCodesLeft } from '../../auth/second-factor.js';
import { confirmTotpEnrolment, regenerateRecoveryCodes, startTotpEnrolment } from '../../domain/enrol-second-factor.js';
import { endMySession, listMySessions } from '../../domain/login-session-list.js';
import { actorOf, type App } from '../types.js';

// 我的账号: the second factor (enrolment with a QR code, recovery codes) and the open sessions.
// Enrolment stays reachable while an account must still enrol, which is the point of it.
export async function myAccountRoutes(app: App) {
  const tags = ['我的账号'];
  // Answers with secrets are not kept for Idempotency-Key replays (the key table is not a vault).
  const enrolling = { access: 'authenticated' as const, allowPendingEnrolment: true, skipIdempotency: true };

  app.get('/auth/options', {
    config: { access: 'public' },
    schema: { tags, summary: '登录页所需：是否演示环境、可用的第二因素', response: { 200: authOptionsOut } },
  }, async () => ({ demo: app.mode === 'demo', secondFactorMethods: ['totp' as const, 'recovery' as const] }));

  app.get('/auth/second-factor', {
    config: enrolling,
    schema: { tags, summary: '双重验证状态', response: { 200: secondFactorStatusOut } },
  }, async (req) => {
    const actor = actorOf(req);
    const [u] = await app.db.select().from(users).where(eq(users.id, actor.userId));
    return {
      enrolled: !!u!.totpSecret,
      enrolledAt: u!.totpEnabledAt?.toISOString() ?? null,
      required: req.accountState!.secondFactorRequired,
      recoveryCodesLeft: await recoveryCodesLeft(app.db, actor.userId),
    };
  });

  app.post('/auth/second-factor/setup', {
    config: enrolling,
    schema: { tags, summary: '生成验证器密钥与二维码（尚未启用）', response: { 200: totpSetupOut } },
  }, async (req) => app.db.transaction((tx) => startTotpEnrolment(tx, actorOf(req))));

  app.post('/auth/second-factor/enable', {
    config: enrolling,
    schema: { tags, summary: '输入验证码启用双重验证；返回恢复码（仅显示这一次）', body: totpCodeBody, response: { 200: recoveryCodesOut } },
  }, async (req) => ({ recoveryCodes: await app.db.transaction((tx) => confirmTotpEnrolment(tx, actorOf(req), req.body.code, app.now())) }));

  app.post('/auth/second-factor/recovery-codes', {
    config: { access: 'authenticated', skipIdempotency: true },
    schema: { tags, summary: '重新生成恢复码（旧恢复码作废）', body: totpCodeBody, response: { 200: recoveryCodesOut } },
  }, async (req) => ({ recoveryCodes: await regenerateRecoveryCodes(app.db, actorOf(req), req.body.code, app.signInLimits.secondFactor, app.now()) }));

  app.get('/auth/sessions', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '我的登录会话（设备、地址、最近活动）与本单位的会话上限', response: { 200: z.object({ maxSessions: z.number().int(), items: z.array(loginSessionOut) }) } },
  }, async (req) => ({ maxSessions: req.accountState!.maxSessions, items: await listMySessions(app.db, actorOf(req), req.loginSessionId) }));

  app.delete('/auth/sessions/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '结束一个会话（结束当前会话即退出登录）', params: sessionIdParam, response: { 200: okResponse } },
  }, async (req, reply) => {
    await app.db.transaction((tx) => endMySession(tx, actorOf(req), req.params.id));
    if (req.params.id === req.loginSessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
}
