import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../../../shared/errors.js';
import type { Db } from '../../db/client.js';
import { RETRY_AFTER_SECONDS, type DatabaseAvailability } from '../../db/availability.js';
import type { Queue } from '../../jobs/queue.js';
import { Metrics } from '../../metrics.js';
import type { ChannelName } from '../../notifications/channels.js';

export interface OperationsOptions {
  metrics?: Metrics;
  /** Tracks whether the database answers; requests get 503 at once while it is away. */
  availability?: DatabaseAvailability;
  queue?: Queue;
  /** The replica for search, lists and reports (DATABASE_READ_URL); the primary when unset. */
  readDb?: Db;
  /** Bearer token that may read /metrics from anywhere; without it only loopback may. */
  metricsToken?: string;
  /** The external notification channels this server has gateways for. */
  channels?: ChannelName[];
  /** After a write, the writer's reads stay on the primary this long (DATABASE_READ_STICKY_SECONDS). */
  stickySeconds?: number;
}

/** When the caller last wrote (ms), so that their next reads see it although the replica lags. */
export const WROTE_COOKIE = 'duban_rw';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
    availability: DatabaseAvailability | null;
    queue: Queue | null;
    /** Where reads that tolerate a replica's lag go (search, lists, reports). */
    readDb: Db;
    /**
     * The database a read of this request goes to: the replica, unless the caller wrote something
     * in the last REPLICA_STICKY_SECONDS (cookie duban_rw), so that they read their own writes.
     */
    reader(req: FastifyRequest): Db;
    /** Set by the shutdown: new connections are refused, answers close their connection. */
    draining: boolean;
    /** Set at the start of the shutdown: /api/ready answers 503 while requests are still served. */
    notReady: boolean;
    notificationChannels: ChannelName[];
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request id: the caller's (a proxy's) `x-request-id` when it looks like one, else a new
 * UUID. Logged with every line of the request, sent back as `x-request-id` and in error bodies.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function unavailable(reply: FastifyReply, req: FastifyRequest, message: string, retryAfter = RETRY_AFTER_SECONDS) {
  const body: ApiErrorBody = { code: 'UNAVAILABLE', message, details: null, requestId: req.id };
  return reply.code(503).header('retry-after', String(retryAfter)).send(body);
}

export function installOperations(app: FastifyInstance, opts: OperationsOptions) {
  app.decorate('metrics', opts.metrics ?? new Metrics({}, { defaultMetrics: false }));
  app.decorate('availability', opts.availability ?? null);
  app.decorate('queue', opts.queue ?? null);
  app.decorate('readDb', opts.readDb ?? app.db);
  app.decorate('draining', false);
  const replica = Boolean(opts.readDb && opts.readDb !== app.db);
  const sticky = (opts.stickySeconds ?? 10) * 1000;
  app.decorate('reader', (req: FastifyRequest) => {
    if (!replica) return app.db;
    const wrote = Number(req.cookies?.[WROTE_COOKIE] ?? 0);
    return wrote && app.now().getTime() - wrote < sticky ? app.db : app.readDb;
  });
  app.decorate('notReady', false);
  app.decorate('notificationChannels', opts.channels ?? []);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const url = req.url;
    // Health and readiness answer for themselves (ready says not_ready while draining).
    if (url.startsWith('/api/health') || url.startsWith('/api/ready')) return;
    if (app.availability?.away && url.startsWith('/api/')) {
      return unavailable(reply, req, '数据库暂时无法访问，请稍后重试');
    }
  });

  app.addHook('onSend', async (_req, reply) => {
    // The process is stopping. Requests that reached it are served — they may have waited in the
    // kernel's queue while the server was busy, or begun before the signal — but their connection
    // closes after the answer: a keep-alive connection would otherwise hold the shutdown open, and
    // the client's next request belongs to another instance. New connections are refused by then
    // (runtime/shutdown.ts).
    if (app.draining) reply.header('connection', 'close');
  });

  // Read-your-own-writes with a replica: a successful write marks the caller for a few seconds.
  if (replica) {
    app.addHook('onSend', async (req, reply) => {
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) && reply.statusCode < 400 && req.url.startsWith('/api/')) {
        reply.setCookie(WROTE_COOKIE, String(app.now().getTime()), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: Math.ceil(sticky / 1000) });
      }
    });
  }

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? (reply.statusCode === 404 ? 'not_found' : 'unknown');
    const labels = { method: req.method, route, status_code: String(reply.statusCode) };
    app.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    app.metrics.httpRequests.inc(labels);
    if (route === '/api/v1/auth/login' && (reply.statusCode === 401 || reply.statusCode === 423)) {
      app.metrics.signInFailures.inc({ reason: reply.statusCode === 423 ? 'locked' : 'bad_credentials' });
    }
  });

  // Prometheus scrapes this. Who may: a caller presenting METRICS_TOKEN as a bearer token, or,
  // without a token configured, only a caller on this machine (the socket's address, not a
  // forwarded header, so a request through the proxy does not count as local).
  app.get('/metrics', { logLevel: 'warn' }, async (req, reply) => {
    const auth = req.headers.authorization;
    const allowed = opts.metricsToken
      ? auth === `Bearer ${opts.metricsToken}`
      : ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.raw.socket.remoteAddress ?? '');
    if (!allowed) {
      const body: ApiErrorBody = { code: 'FORBIDDEN', message: '无权读取监控指标', details: null, requestId: req.id };
      return reply.code(403).send(body);
    }
    return reply.header('content-type', app.metrics.registry.contentType).send(await app.metrics.registry.metrics());
  });
}
