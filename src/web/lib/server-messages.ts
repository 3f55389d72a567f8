import { englishDate } from '../../shared/dates.js';
import { englishOf } from './i18n.js';

// The server answers in Chinese (its messages are the record: logs, audit, exports). A user who
// chose English reads the common answers in English: a known message by its pattern, a message the
// dictionary knows as it is, anything else by its error code. Dates inside are rewritten.

const pad = (n: string) => n.padStart(2, '0');
const CN_DAY = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;
export const englishDates = (s: string) => s.replace(CN_DAY, (_, y: string, m: string, d: string) => englishDate(`${y}-${pad(m)}-${pad(d)}`));
const CJK = /[\u3400-\u9fff]/;
const quoted = (s: string) => s.replace(/「([^」]*)」/g, '“$1”');

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^第(\d+)项（提案ID (\d+)）交办失败：(.+)$/, (m) => `Item ${m[1]} (id ${m[2]}) could not be assigned: ${englishServerMessage('CONFLICT', m[3]!)}`],
  [/^申请调整期限至(.+?)，已截止(?:（交办后(\d+)个工作日内方可申请调整）)?$/, (m) => `The window to request a change ended on ${englishDates(m[1]!)}${m[2] ? ` (a change may be requested within ${m[2]} working days of the assignment)` : ''}`],
  [/^延期后的期限须晚于当前期限(.+)$/, (m) => `The new deadline must be later than the current one, ${englishDates(m[1]!)}`],
  [/^办理期限自交办之日起最长(\d+)个月，最迟可延至(.+)$/, (m) => `The deadline may be at most ${m[1]} months after the assignment: ${englishDates(m[2]!)} at the latest`],
  [/^(.*)不存在或无权查看$/, () => 'Not found, or you may not see it'],
  [/^操作过于频繁，请(\d+)秒后再试$/, (m) => `Too many requests; try again in ${m[1]} seconds`],
  [/^账户已锁定，请于(\d+)分钟后重试$/, (m) => `The account is locked; try again in ${m[1]} minutes`],
  [/^登录尝试过于频繁，请于(\d+)分钟后重试$/, (m) => `Too many sign-in attempts; try again in ${m[1]} minutes`],
  [/^用户名或密码错误(?:（还可尝试(\d+)次）)?$/, (m) => `Wrong username or password${m[1] ? ` (${m[1]} attempts left)` : ''}`],
  [/^已有(\d+)个任务正在处理，请等待完成后再提交$/, (m) => `${m[1]} jobs are already running; wait for them to finish`],
  [/^当前状态为「(.+?)」，(.+)$/, (m) => `Not possible in the current state (${englishOf(m[1]!) ?? m[1]})`],
  [/^(?:本单位|该单位)的交办状态为「(.+?)」，(.+)$/, (m) => `Not possible while the assignment is “${englishOf(m[1]!) ?? m[1]}”`],
  [/^请求失败（(\d+)）$/, (m) => `The request failed (${m[1]})`],
];

const BY_CODE: Record<string, string> = {
  VALIDATION_FAILED: 'Some of the input is not valid',
  UNAUTHENTICATED: 'Please sign in again',
  PASSWORD_CHANGE_REQUIRED: 'Please change your password first',
  SECOND_FACTOR_ENROLMENT_REQUIRED: 'Please set up your second factor first',
  FORBIDDEN: 'You may not do this',
  CSRF_FAILED: 'The security check failed; reload the page and try again',
  NOT_FOUND: 'Not found, or you may not see it',
  ILLEGAL_TRANSITION: 'This action is not possible in the current state',
  STALE_VERSION: 'Someone else changed this; reload it and try again',
  CONFLICT: 'This conflicts with the current state of the record',
  IDEMPOTENCY_MISMATCH: 'This request was already sent with other content',
  ACCOUNT_LOCKED: 'The account is locked; try again later',
  RATE_LIMITED: 'Too many requests; try again shortly',
  NOT_IMPLEMENTED: 'This server cannot do this',
  INTERNAL: 'Something went wrong on the server; please try again later',
  UNAVAILABLE: 'The service is briefly unavailable; please try again shortly',
  NETWORK: 'Network error; check the connection and try again',
  VALIDATION_FAILED_FIELD: 'Not a valid value',
};

/** The English of a server message: by pattern, by the dictionary, else by its error code. */
export function englishServerMessage(code: string, message: string): string {
  if (!CJK.test(message)) return message;
  for (const [re, en] of PATTERNS) {
    const m = re.exec(message);
    if (m) return quoted(en(m));
  }
  const known = englishOf(message) ?? englishOf(message.replace(/[。！]$/, ''));
  if (known) return known;
  return BY_CODE[code] ?? 'The request failed';
}
