import type { FastifyInstance, FastifySchema, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors.js';

// Two kinds of input reached PostgreSQL and came back as 500s, on dozens of routes: a NUL byte
// in any text (PostgreSQL text and jsonb cannot hold U+0000) and an integer beyond int4 (every
// id, count, page and version column is int4). Rather than trusting each of the many zod schemas
// to say so, the validator compiler — the one place every route's params, query and body pass
// through — checks both around the route's own schema, so a route added tomorrow is covered
// too (test/bad-input.test.ts walks the route list).

export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;
export const NUL_MESSAGE = '不能包含空字符（NUL）';
export const RANGE_MESSAGE = `数值超出范围（最大${INT32_MAX}）`;

/** Shared zod helpers for new schemas: an int4 id and a text without NUL bytes. */
export const int32 = () => z.number().int('须为整数').min(INT32_MIN, RANGE_MESSAGE).max(INT32_MAX, RANGE_MESSAGE);

/**
 * Property names the schema declares as plain numbers (not integers): 目标值, 完成值 … are numeric
 * columns where a value in 元 may pass 2³¹, so the int4 rule leaves them alone.
 */
function decimalKeys(schema: unknown): Set<string> {
  const keys = new Set<string>();
  if (!(schema instanceof z.ZodType)) return keys;
  let json: unknown;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return keys;
  }
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const props = (node as { properties?: Record<string, { type?: unknown }> }).properties;
    if (props) for (const [k, p] of Object.entries(props)) if (p && (p.type === 'number' || (Array.isArray(p.type) && p.type.includes('number')))) keys.add(k);
    Object.values(node).forEach(visit);
  };
  visit(json);
  return keys;
}

/** A checker for one schema: the issues of a value (raw or parsed), or null when it is clean. */
export function guardInput(schema: unknown): (value: unknown) => FieldIssue[] | null {
  const decimals = decimalKeys(schema);
  return (value) => {
    const issues: FieldIssue[] = [];
    const walk = (v: unknown, path: string[], key: string | null) => {
      if (issues.length >= 5) return;
      if (typeof v === 'string') {
        if (v.includes('\u0000')) issues.push({ path: path.join('.'), message: NUL_MESSAGE });
      } else if (typeof v === 'number') {
        if (Number.isInteger(v) && (v > INT32_MAX || v < INT32_MIN) && !(key && decimals.has(key))) {
          issues.push({ path: path.join('.'), message: RANGE_MESSAGE });
        }
      } else if (Array.isArray(v)) {
        v.forEach((item, i) => walk(item, [...path, String(i)], key));
      } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
        for (const [k, item] of Object.entries(v)) {
          if (k.includes('\u0000')) issues.push({ path: [...path, k.replaceAll('\u0000', '\\0')].join('.'), message: NUL_MESSAGE });
          walk(item, [...path, k], k);
        }
      }
    };
    walk(value, [], null);
    return issues.length ? issues : null;
  };
}

type Result = { error?: FastifySchemaValidationError[]; value?: unknown };

// Issues are reported through the zod provider's own error type, so that the error handler
// words them like any other validation error ({code: VALIDATION_FAILED, details: [{path, message}]}).
const report = validatorCompiler({
  schema: z.custom<FieldIssue[]>().superRefine((issues, ctx) => {
    for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path ? i.path.split('.') : [], message: i.message });
  }),
} as never) as (data: unknown) => Result;

/** Installs the zod validator with the NUL / int4 checks before and after the route's schema. */
export function installInputGuard(app: FastifyInstance) {
  app.setValidatorCompiler((req) => {
    const validate = validatorCompiler(req as never) as (data: unknown) => Result;
    const guard = guardInput((req as { schema: FastifySchema }).schema);
    return (data: unknown) => {
      // A NUL byte anywhere, even in a field the schema would drop or coerce, is refused. The
      // route's own schema speaks first, so a field that names its problem (「说明含有无效字符」)
      // keeps its own words; the generic message covers every field that does not.
      const raw = guard(data);
      const result = validate(data);
      if (result.error) return result;
      if (raw) return report(raw);
      // After: query and path values coerced to numbers ('2147483648' → 2147483648).
      const parsed = guard(result.value);
      return parsed ? report(parsed) : result;
    };
  });
}
