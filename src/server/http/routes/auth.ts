import { eq } from 'drizzle-orm';
import { changePasswordBody, loginBody, me, updateMeBody } from '../../../shared/schemas/auth.js';
import { okResponse } from '../../../shared/schemas/common.js';
import { tenants, users } from '../../db/schema.js';
import { ABSOLUTE_TIMEOUT_MS, deleteLoginSession, loadActor, SESSION_COOKIE } from '../../auth/login-sessions.js';
import { signIn } from '../../domain/sign-in.js';
import { changePassword } from '../../domain/change-password.js';
import { setLocale } from '../../domain/set-locale.js';
import { writeAudit } from '../../domain/audit.js';
import { actorOf, type App } from '../types.js';

export async function authRoutes(app: App) {
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.secureCookies,
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });

  const describeMe = async (userId: number) => {
    const [row] = await app.db
      .select({ u: users, tenantName: tenants.name })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, userId));
    return row!;
  };

  app.post('/auth/login', {
    config: { access: 'public', skipCsrf: true },
    // A username and a password: a few hundred bytes. The 1 MB default is far more than sign-in needs.
    bodyLimit: 16 * 1024,
    schema: { tags: ['账户'], summary: '登录', body: loginBody, response: { 200: me } },
  }, async (req, reply) => {
    const s = await signIn(app.db, req.body, req.ip, app.now());
    reply.setCookie(SESSION_COOKIE, s.token, cookieOptions());
    const actor = await loadActor(app.db, s.user);
    return {
      ...actor,
      tenantName: s.tenant.name,
      username: s.user.username,
      locale: s.user.locale,
      mustChangePassword: s.user.mustChangePassword,
      csrfToken: s.csrfToken,
    };
  });

  app.post('/auth/logout', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
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
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['账户'], summary: '当前用户', response: { 200: me } },
  }, async (req) => {
    const actor = actorOf(req);
    const row = await describeMe(actor.userId);
    return {
      ...actor,
      tenantName: row.tenantName,
      username: row.u.username,
      locale: row.u.locale,
      mustChangePassword: row.u.mustChangePassword,
      csrfToken: req.csrfToken!,
    };
  });

  app.patch('/auth/me', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['账户'], summary: '修改个人偏好（界面语言）', body: updateMeBody, response: { 200: okResponse } },
  }, async (req) => {
    await setLocale(app.db, actorOf(req), req.body.locale);
    return { ok: true as const };
  });

  app.post('/auth/password', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags: ['账户'], summary: '修改密码', body: changePasswordBody, response: { 200: okResponse } },
  }, async (req) => {
    await changePassword(app.db, actorOf(req), req.body, req.loginSessionId, app.now());
    return { ok: true as const };
  });
}
