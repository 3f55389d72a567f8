import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../../../shared/roles.js';
import { AppError } from '../../errors.js';
import { resolveLoginSession, SESSION_COOKIE } from '../../auth/login-sessions.js';
import { standing } from '../../auth/policy.js';

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** The route's request schemas (zod), so that tests can walk every parameter of every route. */
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
  /** Whether the route has a rate limit (config.rateLimit): every file download must. */
  rateLimited: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its access rule: the route × role test walks this list. */
    apiRoutes: ApiRoute[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Deny by default. Every /api route declares `config.access`; a route without it stops the
 * server at start-up. On each request: resolve the session cookie, enforce the access list,
 * the pending password change and CSRF on unsafe methods.
 */
export function installAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('loginSessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('pendingSignIn', null);
  app.decorateRequest('accountState', null);

  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') && !route.url.startsWith('/api/health') && !route.url.startsWith('/api/ready')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access, schema: route.schema as ApiRoute['schema'], rateLimited: Boolean((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) });
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // not an API route (docs, static files)
    await attachSession(app, req, reply);
    if (access === 'public') return;
    const actor = req.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (access === 'platform') {
      if (!actor.platformAdmin) throw new AppError('FORBIDDEN', '当前角色无权访问此功能');
      return;
    }
    if (access !== 'authenticated' && !access.some((r) => actor.roles.includes(r))) {
      throw new AppError('FORBIDDEN', '当前角色无权访问此功能');
    }
  });
}

/**
 * Resolves the cookie to an actor, in this order: CSRF on unsafe methods; a session still waiting
 * for its second factor is no sign-in (only the second-factor step sees it); a first, reset or
 * expired password must be changed first; an account that must have a second factor and has none
 * must enrol next. Each gate leaves open only the routes that say so in their config.
 */
async function attachSession(app: FastifyInstance, req: FastifyRequest, reply: { clearCookie: (n: string, o: object) => unknown }) {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return;
  const now = app.now();
  const s = await resolveLoginSession(app.db, token, now);
  if (!s) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  const config = req.routeOptions.config ?? {};
  if (UNSAFE.has(req.method) && !config.skipCsrf && req.headers['x-csrf-token'] !== s.csrfToken) {
    // Known before refusing, so that the refusal is audited under its user and tenant.
    if (s.stage !== 'second_factor') req.actor = { ...s.actor, ip: req.ip };
    throw new AppError('CSRF_FAILED', '安全校验失败，请刷新页面后重试');
  }
  req.csrfToken = s.csrfToken;
  if (s.stage === 'second_factor') {
    req.pendingSignIn = { sessionId: s.sessionId, userId: s.user.id };
    return;
  }
  const st = standing(s.user, s.settings, app.mode, now);
  if (st.mustChangePassword && !config.allowPendingPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', s.user.mustChangePassword ? '首次登录须先修改密码' : '密码已过期，请先修改密码');
  }
  if (st.mustEnrol && !config.allowPendingEnrolment) {
    throw new AppError('SECOND_FACTOR_ENROLMENT_REQUIRED', '请先在“我的账号”中启用双重验证（手机验证器）');
  }
  req.actor = { ...s.actor, ip: req.ip };
  req.loginSessionId = s.sessionId;
  req.accountState = { ...st, maxSessions: s.settings.maxSessions };
}
