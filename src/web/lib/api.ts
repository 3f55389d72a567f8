// The one way the web app talks to the server: JSON, the session cookie, the CSRF header on unsafe
// methods, an Idempotency-Key on every POST, and errors in the server's {code, message, details} shape.
import { noteServerTime } from './clock.js';
import { currentLocale } from './i18n.js';
import { englishServerMessage } from './server-messages.js';

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  /** The server's own words (Chinese), whatever the interface language. */
  readonly serverMessage: string;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    // In English the message is shown in English (src/web/lib/server-messages.ts).
    super(currentLocale() === 'en-US' ? englishServerMessage(code, message) : message);
    this.serverMessage = message;
  }
  /** Field messages keyed by the field name (the last part of `body.title`). */
  fieldErrors(): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    const en = currentLocale() === 'en-US';
    const out: Record<string, string> = {};
    for (const d of this.details as FieldIssue[]) {
      out[d.path.replace(/^(body|query|querystring|params)\./, '')] = en ? englishServerMessage('VALIDATION_FAILED_FIELD', d.message) : d.message;
    }
    return out;
  }
  get isConflict() {
    return this.code === 'STALE_VERSION';
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null) => {
  csrfToken = t;
};

/** Listeners told when the server says the session is gone, so the app can show the login page. */
const unauthenticatedListeners = new Set<() => void>();
export const onUnauthenticated = (fn: () => void) => {
  unauthenticatedListeners.add(fn);
  return () => {
    unauthenticatedListeners.delete(fn);
  };
};

export const newIdempotencyKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function toQueryString(q?: Query): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

// Requests in flight, shown as <html data-busy> so that browser tests can wait for a quiet screen
// instead of sleeping (src/web/app/app-state.tsx marks the screen shown).
let inFlight = 0;
function track(delta: number) {
  inFlight += delta;
  if (typeof document === 'undefined') return;
  if (inFlight > 0) document.documentElement.dataset.busy = 'true';
  else delete document.documentElement.dataset.busy;
}

async function request<T>(method: string, path: string, body?: unknown, opts: { idempotencyKey?: string } = {}): Promise<T> {
  track(1);
  try {
    return await send<T>(method, path, body, opts);
  } finally {
    track(-1);
  }
}

async function send<T>(method: string, path: string, body: unknown, opts: { idempotencyKey?: string }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file goes as multipart/form-data (the browser sets the boundary) and is streamed to disk.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (method === 'POST') headers['idempotency-key'] = opts.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', null);
  }
  noteServerTime(res.headers.get('x-duban-now'));
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && !path.startsWith('/auth/login')) unauthenticatedListeners.forEach((fn) => fn());
    throw new ApiError(res.status, e.code ?? 'INTERNAL', e.message ?? `请求失败（${res.status}）`, e.details ?? null);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', `${path}${toQueryString(query)}`),
  post: <T>(path: string, body: unknown = {}, opts?: { idempotencyKey?: string }) => request<T>('POST', path, body, opts),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Uploads one file (multipart: the small fields first, then `file`), as the upload routes expect. */
  upload: <T>(path: string, file: Blob, fileName: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, fileName);
    return request<T>('POST', path, form);
  },
};

export interface Page<T> {
  items: T[];
  total: number;
  /** false when the total is an estimate (a long list): shown as 约 N 条. */
  totalIsExact?: boolean;
  /** The proposal list's keyset cursor of the next page (?after=). */
  nextCursor?: string | null;
  page: number;
  pageSize: number;
}
