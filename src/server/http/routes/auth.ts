import { eq } from 'drizzle-orm';
import { changePasswordBody, loginBody, loginResult, me, updateMeBody, type Me } from '../../../shared/schemas/auth.js';
import { okResponse } from '../../../shared/schemas/common.js';
import { secondFactorBody } from '../../../shared/schemas/security.js';
import { tenants, users } from '../../db/schema.js';
import { ABSOLUTE_TIMEOUT_MS, deleteLoginSession, loadActor, SESSION_COOKIE } from '../../auth/login-sessions.js';
import { standing, type SecuritySettings, type Standing } from '../../auth/policy.js';
import { AppError } from '../../errors.js';
import { signIn, type SignInContext } from '../../domain/sign-in.js';
import { verifySecondFactor } from '../../domain/verify-second-factor.js';
import { changePassword } from '../../domain/change-password.js';
import { setLocale } from '../../domain/set-locale.js';
import type { Actor } from '../../domain/actor.js';
import { writeAudit } from '../../domain/audit.js';
import { actorOf, type App } from '../types.js';
import { workKindOf } from '../../domain/proposal-access.js';

type UserRow = typeof users.$inferSelect;

export async function authRoutes(app: App) {
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.secureCookies,
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });

  const context = (req: { ip: string; headers: Record<string, unknown> }): SignInContext => ({
    ip: req.ip,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
    mode: app.mode,
    limits: app.signInLimits,
    now: app.now(),
  });

  const present = async (actor: Actor, u: UserRow, tenantName: string, st: Standing, csrfToken: string): Promise<Me> => ({
    ...actor,
    workKind: await workKindOf(app.db, actor),
    tenantHasParent: !!(await app.db.select({ parentId: tenants.parentId }).from(tenants).where(eq(tenants.id, actor.tenantId)))[0]?.parentId,
    tenantName,
    username: u.username,
    locale: u.locale,
    mustChangePassword: st.mustChangePassword,
    passwordExpired: st.passwordExpired,
    passwordExpiresAt: st.passwordExpiresAt?.toISOString() ?? null,
    secondFactorEnrolled: st.secondFactorEnrolled,
    secondFactorRequired: st.secondFactorRequired,
    csrfToken,
  });

  const signedIn = async (u: UserRow, tenantName: string, settings: SecuritySettings, csrfToken: string) =>
    present(await loadActor(app.db, u), u, tenantName, standing(u, settings, app.mode, app.now()), csrfToken);

  app.post('/auth/login', {
    config: { access: 'public', skipCsrf: true },
    // A username and a password: a few hundred bytes. The 1 MB default is far more than sign-in needs.
    bodyLimit: 16 * 1024,
    schema: {
      tags: ['账户'],
      summary: '登录（账户有双重验证时，下一步为 /auth/login/second-factor）',
      body: loginBody,
      response: { 200: loginResult },
    },
  }, async (req, reply) => {
    const s = await signIn(app.db, req.body, context(req));
    reply.setCookie(SESSION_COOKIE, s.token, cookieOptions());
    if (s.stage === 'second_factor') return { status: 'second_factor' as const, methods: s.methods.filter((m) => m !== 'sms'), csrfToken: s.csrfToken };
    return { status: 'signed_in' as const, ...(await signedIn(s.user, s.tenant.name, s.settings, s.csrfToken)) };
  });

  app.post('/auth/login/second-factor', {
    config: { access: 'public' },
    schema: {
      tags: ['账户'],
      summary: '登录第二步：验证器验证码或恢复码',
      body: secondFactorBody,
      response: { 200: loginResult },
    },
  }, async (req, reply) => {
    const pending = req.pendingSignIn;
    if (!pending) throw new AppError('CONFLICT', '登录已超时或尚未输入密码，请重新输入用户名和密码');
    const s = await verifySecondFactor(app.db, pending.sessionId, pending.userId, req.body, context(req));
    reply.setCookie(SESSION_COOKIE, s.token, cookieOptions());
    return { status: 'signed_in' as const, ...(await signedIn(s.user, s.tenant.name, s.settings, s.csrfToken)) };
  });

  app.post('/auth/logout', {
    config: { access: 'authenticated', allowPendingPasswordChange: true, allowPendingEnrolment: true },
    schema: { tags: ['账户'], summary: '退出登录', response: { 200: okResponse } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const actor = actorOf(req);
    await app.db.transaction(async (tx) => {
      if (token) await deleteLoginSession(tx as unknown as typeof app.db, token);
      await writeAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', {
    config: { access: 'authenticated', allowPendingPasswordChange: true, allowPendingEnrolment: true },
    schema: { tags: ['账户'], summary: '当前用户', response: { 200: me } },
  }, async (req) => {
    const actor = actorOf(req);
    const [row] = await app.db
      .select({ u: users, tenantName: tenants.name })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, actor.userId));
    return present(actor, row!.u, row!.tenantName, req.accountState!, req.csrfToken!);
  });

  app.patch('/auth/me', {
    config: { access: 'authenticated', allowPendingPasswordChange: true, allowPendingEnrolment: true },
    schema: { tags: ['账户'], summary: '修改个人偏好（界面语言）', body: updateMeBody, response: { 200: okResponse } },
  }, async (req) => {
    await setLocale(app.db, actorOf(req), req.body.locale);
    return { ok: true as const };
  });

  app.post('/auth/password', {
    config: { access: 'authenticated', allowPendingPasswordChange: true, allowPendingEnrolment: true },
    schema: { tags: ['账户'], summary: '修改密码（不得包含用户名，不得与最近5次相同）', body: changePasswordBody, response: { 200: okResponse } },
  }, async (req) => {
    await changePassword(app.db, actorOf(req), req.body, req.loginSessionId, app.now());
    return { ok: true as const };
  });
}
