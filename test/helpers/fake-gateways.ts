import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';

/** Fake gateways on loopback, started by the tests: nothing is sent anywhere real. */
export interface FakeHttpGateway {
  url: string;
  received: unknown[];
  /** While set, the gateway answers 500. */
  failing: boolean;
  close(): Promise<void>;
}

export function fakeHttpGateway(answer: unknown): Promise<FakeHttpGateway> {
  return new Promise((resolve) => {
    const g = { received: [] as unknown[], failing: false } as FakeHttpGateway;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (g.failing) {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"DOWN"}');
          return;
        }
        g.received.push({ ...JSON.parse(body), authorization: req.headers.authorization ?? null });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    server.listen(0, '127.0.0.1', () => {
      g.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/send`;
      g.close = () => new Promise((r) => server.close(() => r()));
      resolve(g);
    });
  });
}

export interface FakeSmtp {
  url: string;
  mails: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

export function fakeSmtp(): Promise<FakeSmtp> {
  return new Promise((resolve) => {
    const mails: FakeSmtp['mails'] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as { port: number }).port;
      resolve({ url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
