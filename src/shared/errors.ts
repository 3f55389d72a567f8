// The one error shape every API answer uses: {code, message, details}.
export const ERROR_CODES = [
  'VALIDATION_FAILED', // 400
  'UNAUTHENTICATED', // 401
  'PASSWORD_CHANGE_REQUIRED', // 403
  'SECOND_FACTOR_ENROLMENT_REQUIRED', // 403: the account must set up its second factor first
  'FORBIDDEN', // 403
  'CSRF_FAILED', // 403
  'NOT_FOUND', // 404
  'ILLEGAL_TRANSITION', // 409
  'STALE_VERSION', // 409
  'CONFLICT', // 409
  'IDEMPOTENCY_MISMATCH', // 422
  'ACCOUNT_LOCKED', // 423
  'RATE_LIMITED', // 429: too many requests, or a document of the same user still being generated
  'NOT_IMPLEMENTED', // 501: an optional capability this server lacks (PDF without LibreOffice)
  'INTERNAL', // 500
  'UNAVAILABLE', // 503: the database is away or the server is stopping; retry after Retry-After seconds
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details: FieldIssue[] | Record<string, unknown> | null;
  /** The request's id (also the x-request-id header), to find its lines in the server's log. */
  requestId?: string;
}
