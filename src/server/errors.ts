import type { ErrorCode, FieldIssue } from '../shared/errors.js';
import { STATE_LABELS, ACTION_LABELS, type Action, type State } from '../shared/lifecycle.js';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  SECOND_FACTOR_ENROLMENT_REQUIRED: 403,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  STALE_VERSION: 409,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  NOT_IMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** An error the API reports to the caller as {code, message, details}. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldIssue[] | Record<string, unknown> | null = null,
  ) {
    super(message);
    this.statusCode = STATUS[code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '当前角色无权执行此操作') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', message, details ?? null);
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ path, message }]);
export const staleVersion = () =>
  new AppError('STALE_VERSION', '该记录已被他人修改，请刷新后重试', null);
export const illegalTransition = (action: Action, state: State) =>
  new AppError(
    'ILLEGAL_TRANSITION',
    `当前状态为「${STATE_LABELS[state]}」，不能执行「${ACTION_LABELS[action]}」`,
    { action, state },
  );
