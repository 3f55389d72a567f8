import { z } from 'zod';

/** At least 10 characters from at least three of: lower case, upper case, digits, symbols. */
export const passwordSchema = z
  .string()
  .min(10, '密码至少10位')
  .max(128, '密码不能超过128位')
  .refine((p) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3, {
    message: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  });
