import type { Database } from '../db/client.js';
import type { DatabaseAvailability } from '../db/availability.js';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { App } from '../http/types.js';
import type { Jobs } from '../jobs/scheduler.js';

/**
 * SIGTERM (and SIGINT) drain the server:
 * 1. /api/ready answers 503 at once, so that a load balancer stops sending requests here; for
 *    `drainGraceMs` (SIGTERM only) the server still takes the connections already on their way —
 *    requests a client sent before the signal, waiting in the kernel's queue while the server was
 *    busy — and serves them;
 * 2. then it stops listening (new connections are refused), answers any new request on an open
 *    keep-alive connection with 503 and `Connection: close`, and waits for the requests in flight;
 * 3. the queue fetches no new jobs and waits for the running ones (each ends at its own safe
 *    point: a job's work is one transaction, or records its progress before the next step);
 * 4. the database closes, the data-folder lock is released, the process exits 0.
 * After `drainTimeoutMs` whatever is left is cut and the process exits 1. A second signal exits at once.
 */
export function installShutdown(s: {
  app: App;
  jobs: Jobs;
  database: Database;
  availability: DatabaseAvailability;
  releaseLock: (() => void) | null;
  drainTimeoutMs: number;
  drainGraceMs: number;
}) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      s.app.log.warn({ signal }, 'second signal: exiting without draining');
      process.exit(1);
    }
    stopping = true;
    s.app.log.info({ signal }, 'draining: refusing new requests, finishing the ones in flight and the running jobs');
    const timer = setTimeout(() => {
      s.app.log.error({ drainTimeoutMs: s.drainTimeoutMs }, 'drain timed out: exiting');
      s.releaseLock?.();
      process.exit(1);
    }, s.drainTimeoutMs);
    timer.unref();
    s.app.notReady = true;
    try {
      if (signal === 'SIGTERM' && s.drainGraceMs > 0) await new Promise((r) => setTimeout(r, s.drainGraceMs));
      s.app.draining = true;
      await takeQueuedConnections(s.app);
      // Stops listening, closes idle keep-alive connections, waits for the requests in flight.
      await s.app.close();
      s.app.log.info('requests drained; stopping the jobs');
      await s.jobs.stop();
      s.app.log.info('jobs stopped; closing the database');
      s.availability.stop();
      await s.database.close();
      s.releaseLock?.();
      process.exit(0);
    } catch (err) {
      s.app.log.error({ err }, 'error while draining');
      s.releaseLock?.();
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
  // A stray rejection (a driver's late error after a lost connection) is logged, not fatal: the
  // requests and jobs it belonged to have already answered or failed.
  process.on('unhandledRejection', (err) => s.app.log.error({ err }, 'unhandled rejection'));
}

/**
 * Connections a client opened before the shutdown may still wait in the kernel's accept queue
 * while the server is busy; closing the listener then would reset them. A connection of our own
 * to the listener goes to the end of that queue: once the server has accepted it, it has accepted
 * everything before it. From then on new connections are dropped at once (maxConnections 0), and
 * the accepted ones get a moment to deliver their requests before idle connections are closed.
 */
async function takeQueuedConnections(app: App) {
  const server = app.server;
  const address = server.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') return;
  await new Promise<void>((resolve) => {
    let sentinel: Socket | null = null;
    const timer = setTimeout(done, 5_000);
    function done() {
      clearTimeout(timer);
      server.off('connection', onConnection);
      server.maxConnections = 0;
      sentinel?.destroy();
      resolve();
    }
    function onConnection(socket: Socket) {
      if (sentinel && socket.remotePort === sentinel.localPort) done();
    }
    server.on('connection', onConnection);
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    sentinel = connect({ host, port: address.port });
    sentinel.on('error', done);
  });
  await new Promise((r) => setTimeout(r, 250));
}
