import { z } from 'zod';

/** At least 10 characters from at least three of: lower case, upper case, digits, symbols. */
export const passwordSchema = z
  .string()
  .min(10, '密码至少10位')
  .max(128, '密码不能超过128位')
  .refine((p) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3, {
    message: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  });

/** A password holding the username (any case) is among the first an attacker tries. */
export const containsUsername = (password: string, username: string) =>
  username.trim().length >= 3 && password.toLowerCase().includes(username.trim().toLowerCase());
export const CONTAINS_USERNAME_MESSAGE = '密码不能包含用户名';

/** How many earlier passwords a new one may not repeat. */
export const PASSWORD_HISTORY = 5;
export const REUSED_PASSWORD_MESSAGE = `新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`;

/** Usernames: what sign-in accepts and what an administrator may create. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
