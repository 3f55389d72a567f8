import path from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiErrorBody, FieldIssue } from '../../../shared/errors.js';
import { AppError } from '../../errors.js';

/** Every error leaves as {code, message, details}; validation errors name each field in Chinese. */
export function installErrorHandler(app: FastifyInstance, webRoot?: string) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    let body: ApiErrorBody;
    let status: number;
    if (err instanceof AppError) {
      status = err.statusCode;
      body = { code: err.code, message: err.message, details: err.details };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details: FieldIssue[] = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? '输入无效',
      }));
      status = 400;
      body = { code: 'VALIDATION_FAILED', message: `输入有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`, details };
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      status = 500;
      body = { code: 'INTERNAL', message: '服务器内部错误', details: null };
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      const message =
        status === 413 ? '上传内容过大' : status === 415 ? '不支持的内容类型' : status === 404 ? '资源不存在' : `请求无效：${err.message}`;
      body = { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message, details: null };
    } else {
      req.log.error({ err }, 'unhandled error');
      status = 500;
      body = { code: 'INTERNAL', message: '服务器内部错误，请稍后重试', details: null };
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    // The web app's own routes (/proposals/12, /review …) are answered by its index.html.
    if (webRoot && req.method === 'GET' && !req.url.startsWith('/api') && !path.extname(req.url.split('?')[0]!)) {
      return reply.type('text/html').sendFile('index.html');
    }
    const body: ApiErrorBody = { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url}`, details: null };
    return reply.code(404).send(body);
  });
}
