import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../../../shared/roles.js';
import { AppError } from '../../errors.js';
import { resolveLoginSession, SESSION_COOKIE } from '../../auth/login-sessions.js';

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** The route's request schemas (zod), so that tests can walk every parameter of every route. */
  schema?: { params?: unknown; querystring?: unknown; body?: unknown };
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

  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') && !route.url.startsWith('/api/health')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access, schema: route.schema as ApiRoute['schema'] });
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // not an API route (docs, static files)
    await attachSession(app, req, reply);
    if (access === 'public') return;
    const actor = req.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (access !== 'authenticated' && !access.some((r) => actor.roles.includes(r))) {
      throw new AppError('FORBIDDEN', '当前角色无权访问此功能');
    }
  });
}

async function attachSession(app: FastifyInstance, req: FastifyRequest, reply: { clearCookie: (n: string, o: object) => unknown }) {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return;
  const s = await resolveLoginSession(app.db, token, app.now());
  if (!s) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  // Known before the checks, so that a refused request is audited under its user and tenant.
  req.actor = { ...s.actor, ip: req.ip };
  req.loginSessionId = s.sessionId;
  req.csrfToken = s.csrfToken;
  if (UNSAFE.has(req.method) && !req.routeOptions.config?.skipCsrf && req.headers['x-csrf-token'] !== s.csrfToken) {
    throw new AppError('CSRF_FAILED', '安全校验失败，请刷新页面后重试');
  }
  if (s.mustChangePassword && !req.routeOptions.config?.allowPendingPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改密码');
  }
}
