import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback between the server and PostgreSQL, for fault tests: it can cut every
 * connection at once (a restart, a failover, a network blip) and refuse new ones for a while
 * (the database is away).
 */
export interface TcpProxy {
  port: number;
  /** Destroys every open connection, both sides. */
  cutAll(): number;
  /** While down, new connections are closed at once. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        cutAll() {
          const n = pairs.size;
          for (const [a, b] of pairs) {
            a.destroy();
            b.destroy();
          }
          pairs.clear();
          return n;
        },
        setDown(d) {
          down = d;
        },
        close: () =>
          new Promise<void>((r) => {
            for (const [a, b] of pairs) {
              a.destroy();
              b.destroy();
            }
            server.close(() => r());
          }),
      });
    });
  });
}
