import { z } from 'zod';

/** Ids are int4 in the database: a larger number is a 400, not a failed query. */
export const idParam = z.object({ id: z.coerce.number().int('编号无效').positive('编号无效').max(2147483647, '编号无效') });
export const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const versionField = z.number().int().positive('版本号无效');
export const okResponse = z.object({ ok: z.literal(true) });

export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown(),
});

/** Paging shared by every list: at most 100 a page. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码从1开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多100条').default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Trimmed non-empty text with a Chinese message naming the field. */
export const text = (label: string, max = 2000) =>
  z.string({ error: `${label}不能为空` }).trim().min(1, `${label}不能为空`).max(max, `${label}不能超过${max}字`);
