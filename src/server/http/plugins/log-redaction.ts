import type { FastifyRequest } from 'fastify';

// The request log must never hold passwords, password hashes, session or CSRF tokens, or phone
// numbers. Fastify logs each request's URL and every unhandled error; a failed query's error
// carried its parameters ("params: …" from Drizzle, "Key (phone)=(…)" from PostgreSQL), so both
// are rewritten before they reach the log, and pino censors the known secret fields anywhere.

const CENSOR = '[已隐去]';

/** Digit runs long enough to be a phone or an ID number, argon2 hashes, long opaque tokens. */
export function redactText(s: string): string {
  return s
    .replace(/\n?\s*params:[\s\S]*$/i, '\nparams: ' + CENSOR)
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, '($1)=(' + CENSOR + ')')
    .replace(/\$argon2[a-z]*\$[^\s"',]*/gi, CENSOR)
    .replace(/\d[\d\s-]{5,}\d/g, CENSOR)
    .replace(/[A-Za-z0-9_-]{32,}/g, CENSOR);
}

const SECRET_QUERY = /^(q|phone|mobile|tel|token|password|code|username)$/i;

/** A URL for the log: the path, and the query with secret or phone-like values censored. */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2) as [string, string | undefined];
  const safePath = redactText(path);
  if (!query) return safePath;
  const parts = query.split('&').map((pair) => {
    const [k, v = ''] = pair.split('=', 2) as [string, string | undefined];
    return `${k}=${SECRET_QUERY.test(k) && v ? CENSOR : redactText(v)}`;
  });
  return `${safePath}?${parts.join('&')}`;
}

/** An error for the log: its kind, code and redacted message and stack, nothing it carried. */
export function redactError(err: unknown): { type: string; message: string; stack: string; [k: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: redactText(String(err)), stack: '' };
  const cause = (err as { cause?: unknown }).cause;
  const code = (err as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  return {
    type: err.name,
    message: redactText(err.message),
    ...(code !== undefined ? { code } : {}),
    ...(cause instanceof Error ? { cause: { type: cause.name, message: redactText(cause.message) } } : {}),
    stack: redactText((err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n')),
  };
}

/** Options for Fastify's pino logger. */
export function loggerOptions(stream?: NodeJS.WritableStream) {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.csrfToken',
        '*.phone',
        '*.contactPhone',
      ],
      censor: CENSOR,
    },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
      err: redactError,
    },
  };
}
