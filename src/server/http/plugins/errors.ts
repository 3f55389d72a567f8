import path from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiErrorBody, FieldIssue } from '../../../shared/errors.js';
import { AppError } from '../../errors.js';
import { auditRefusal, type Refusal } from './security-audit.js';
import { redactError } from './log-redaction.js';
import { sendIndexHtml } from './security-headers.js';

const REFUSALS: Partial<Record<string, Refusal>> = { FORBIDDEN: 'forbidden', CSRF_FAILED: 'csrf_failed', RATE_LIMITED: 'rate_limited' };
import { isConnectionError, RETRY_AFTER_SECONDS } from '../../db/availability.js';
import { isRetryable, uniqueViolation } from '../../db/pg-errors.js';

/** Every error leaves as {code, message, details}; validation errors name each field in Chinese. */
export function installErrorHandler(app: FastifyInstance, webRoot?: string) {
  app.setErrorHandler(async (err: FastifyError | AppError, req, reply) => {
    let body: ApiErrorBody;
    let status: number;
    if (err instanceof AppError) {
      status = err.statusCode;
      body = { code: err.code, message: err.message, details: err.details };
      const refusal = REFUSALS[err.code];
      if (refusal) {
        try {
          await auditRefusal(app, req, refusal, err.message);
        } catch (e) {
          req.log.error({ err: redactError(e) }, 'could not audit a refused request');
        }
      }
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details: FieldIssue[] = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? '输入无效',
      }));
      status = 400;
      body = { code: 'VALIDATION_FAILED', message: `输入有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`, details };
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err: redactError(err), issues: err.cause.issues.map((i) => ({ path: i.path, code: i.code })) }, 'response does not match its schema');
      status = 500;
      body = { code: 'INTERNAL', message: '服务器内部错误', details: null };
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      const message =
        status === 413 ? '上传内容过大' : status === 415 ? '不支持的内容类型' : status === 404 ? '资源不存在' : `请求无效：${err.message}`;
      body = { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message, details: null };
    } else if (uniqueViolation(err)) {
      // A row that already exists (a duplicate 第N号, a name taken meanwhile): the caller's to fix or retry.
      const u = uniqueViolation(err)!;
      req.log.info({ constraint: u.details.constraint }, 'unique violation');
      status = 409;
      body = { code: 'CONFLICT', message: u.message, details: u.details };
    } else if (isRetryable(err)) {
      // Still losing the race after the retries (db/pg-errors.ts): nothing was written, try again.
      req.log.warn({ err: redactError(err) }, 'transaction gave up after retries');
      status = 503;
      reply.header('retry-after', '1');
      body = { code: 'UNAVAILABLE', message: '系统繁忙，请稍后重试', details: null };
    } else if (isConnectionError(err)) {
      // The database went away under this request: nothing was acknowledged, the caller retries.
      app.availability?.report(err);
      req.log.warn({ err }, 'database unreachable');
      status = 503;
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      body = { code: 'UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试', details: null };
    } else {
      // The error may carry a failed query's parameters: only its redacted form is logged.
      req.log.error({ err: redactError(err) }, 'unhandled error');
      status = 500;
      body = { code: 'INTERNAL', message: '服务器内部错误，请稍后重试', details: null };
    }
    return reply.code(status).send({ ...body, requestId: req.id });
  });
  app.setNotFoundHandler((req, reply) => {
    // The web app's own routes (/proposals/12, /review …) are answered by its index.html.
    if (webRoot && req.method === 'GET' && !req.url.startsWith('/api') && !path.extname(req.url.split('?')[0]!)) {
      return sendIndexHtml(req, reply, webRoot);
    }
    const body: ApiErrorBody = { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}`, details: null, requestId: req.id };
    return reply.code(404).send(body);
  });
}
