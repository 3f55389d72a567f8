import { createServer, request, type Server } from 'node:http';

/** A plain HTTP round-robin proxy: each request goes to the next backend in turn. */
export interface RoundRobin {
  url: string;
  /** Requests sent to each backend. */
  counts: number[];
  close(): Promise<void>;
}

export function roundRobin(backends: string[]): Promise<RoundRobin> {
  let next = 0;
  const counts = backends.map(() => 0);
  const server: Server = createServer((req, res) => {
    const i = next++ % backends.length;
    counts[i]!++;
    const target = new URL(req.url ?? '/', backends[i]);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': '127.0.0.1' } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        counts,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
