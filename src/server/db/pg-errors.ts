import type { Db } from './client.js';

// What a PostgreSQL error means for the caller, by SQLSTATE. Drizzle wraps the driver's error (its
// `cause`), so every check walks the chain.

/** The SQLSTATE of `err` or of an error it wraps, or null. */
export function sqlState(err: unknown): string | null {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** The driver's error itself (with `constraint` and `detail`), or null. */
function pgError(err: unknown): { code: string; constraint?: string; detail?: string } | null {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; constraint?: unknown; detail?: unknown };
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) return x as { code: string; constraint?: string; detail?: string };
  }
  return null;
}

/** 40001 serialization failure, 40P01 deadlock: the transaction lost a race and may simply run again. */
export function isRetryable(err: unknown): boolean {
  const s = sqlState(err);
  return s === '40001' || s === '40P01';
}

/** What the user is told when a unique constraint refuses a row (by constraint name). */
const UNIQUE_MESSAGES: Record<string, string> = {
  sessions_tenant_kind_term_meeting: '已有相同届次的会议',
  units_tenant_name: '已有同名的承办单位',
  bodies_tenant_name: '已有同名的党派团体',
  users_username_unique: '该用户名已被使用',
  users_username_lower: '该用户名已被使用',
  tenants_code_unique: '该行政区划代码已被使用',
  calendar_days_tenant_day: '该日期已在工作日历中',
  replies_proposal_unit_sequence: '该单位本轮已答复，请刷新后查看',
  evaluations_proposal_unit_sequence: '本轮已对该单位测评，请刷新后查看',
  key_proposal_leaders_pk: '该领导已是此重点提案的督办领导',
  task_lists_tenant_title: '已有同名的任务清单',
  tasks_list_content: '清单中已有相同的任务',
  task_units_pk: '该单位已是此任务的责任单位',
  task_periods_list_label: '该清单已有同名的填报期',
  task_reports_task_period_unit: '该单位本期已填报，请刷新后查看',
  task_proposal_links_pk: '该提案已关联此任务',
};

/**
 * The 409 answer of a unique violation (23505), or null for any other error: a message naming what
 * is duplicated (第12号 for a proposal number) instead of an internal error.
 */
export function uniqueViolation(err: unknown): { message: string; details: Record<string, unknown> } | null {
  const e = pgError(err);
  if (!e || e.code !== '23505') return null;
  const constraint = typeof e.constraint === 'string' ? e.constraint : '';
  if (constraint === 'proposals_session_number') {
    // detail: Key (session_id, number)=(3, 12) already exists.
    const n = /\)=\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(e.detail ?? '')?.[1];
    return {
      message: n ? `本届次会议已有第${n}号，编号重复，请刷新后重试` : '本届次会议已有相同编号，编号重复，请刷新后重试',
      details: { constraint, ...(n ? { number: Number(n) } : {}) },
    };
  }
  return { message: UNIQUE_MESSAGES[constraint] ?? '与已有记录重复，请刷新后重试', details: { constraint: constraint || null } };
}

export interface RetryOptions {
  /** Runs in all (default 4: the first and three retries). */
  attempts?: number;
  /** Base delay in ms, doubled per retry, with full jitter (default 10). */
  baseMs?: number;
  /** Told of each retry (logs, metrics). */
  onRetry?: (err: unknown, attempt: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` again (a few times, with a small jittered backoff) when it fails with 40001 or 40P01. */
export async function retrying<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 4;
  const base = o.baseMs ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      o.onRetry?.(err, attempt);
      await sleep(Math.random() * base * 2 ** (attempt - 1));
    }
  }
}

type TransactionFn = Parameters<Db['transaction']>[0];
type TransactionConfig = Parameters<Db['transaction']>[1];

/**
 * The database with its `transaction` replaced by `around(original, fn, config)`; everything else is
 * the database itself (prototype delegation, nothing copied). Wrappers stack: each wraps the one below.
 */
export function aroundTransaction(db: Db, around: (original: Db['transaction'], fn: TransactionFn, config?: TransactionConfig) => ReturnType<Db['transaction']>): Db {
  const wrapped = Object.create(db) as Db;
  const original = db.transaction.bind(db) as Db['transaction'];
  Object.defineProperty(wrapped, 'transaction', {
    value: ((fn: TransactionFn, config?: TransactionConfig) => around(original, fn, config)) as Db['transaction'],
    enumerable: false,
  });
  return wrapped;
}

/**
 * The database with `transaction` retried on serialization failures and deadlocks: a transaction is
 * all or nothing, so running its callback again from the start is safe (the callbacks only touch the
 * database; nested transactions are savepoints of the outer one and are not retried on their own).
 */
export function withTransactionRetry(db: Db, o: RetryOptions = {}): Db {
  return aroundTransaction(db, (original, fn, config) => retrying(() => original(fn, config), o));
}
