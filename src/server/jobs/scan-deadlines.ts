import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { chineseDate, englishDate } from '../../shared/dates.js';
import type { Db, Executor } from '../db/client.js';
import { assignments, notifications, sessions, tenants, users } from '../db/schema.js';
import { appendAudit, type AuditInsert } from '../domain/audit-chain.js';
import {
  addWorkingDays,
  loadCalendar,
  windowPassedBefore,
  workingDaysBetween,
  type WorkCalendar,
} from '../calendar/working-days.js';
import { roleUserIds, staffUserIds } from '../domain/proposal-access.js';
import { notifyRows } from '../domain/audit.js';

/** A deadline this many working days away or fewer is 即将到期. */
export const DUE_SOON_WORKING_DAYS = 3;

export interface ScanResult {
  /** Proposals that became 即将到期 in this scan. */
  dueSoon: number;
  /** Proposals that became 已超期 in this scan. */
  overdue: number;
  /** Replied proposals whose evaluation window passed in this scan. */
  evaluationOverdue: number;
  /** Proposals whose flags changed (turned on or cleared): one audit row each. */
  changed: number;
  /** Notification rows written. */
  notified: number;
}

interface ChangedRow {
  id: number;
  kind: 'proposal' | 'suggestion';
  number: number | null;
  title: string;
  status: string;
  deadline: string | null;
  reply_date: string | null;
  evaluation_working_days: number;
  was_overdue: boolean;
  was_due_soon: boolean;
  was_eval: boolean;
  overdue: boolean;
  due_soon: boolean;
  eval: boolean;
}

const CHUNK = 500;

/**
 * Recomputes the deadline flags of every tenant's proposals for `today` (China time), one
 * transaction per tenant. Only rows whose flags change are touched, so a second scan on the same
 * day writes and sends nothing. A failing tenant does not stop the others; the errors are thrown
 * together at the end.
 */
export async function scanDeadlines(db: Db, today: string): Promise<ScanResult> {
  const total: ScanResult = { dueSoon: 0, overdue: 0, evaluationOverdue: 0, changed: 0, notified: 0 };
  const errors: unknown[] = [];
  const ids = await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id);
  for (const { id } of ids) {
    try {
      const r = await db.transaction((tx) => scanTenant(tx, id, today));
      for (const k of Object.keys(total) as (keyof ScanResult)[]) total[k] += r[k];
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw new AggregateError(errors, `deadline scan failed for ${errors.length} tenant(s)`);
  return total;
}

export async function scanTenant(tx: Executor, tenantId: number, today: string): Promise<ScanResult> {
  const cal = await loadCalendar(tx, tenantId);
  const rows = await updateFlags(tx, tenantId, today, cal);
  const on = (flag: 'overdue' | 'due_soon' | 'eval', was: 'was_overdue' | 'was_due_soon' | 'was_eval') =>
    rows.filter((r) => r[flag] && !r[was]);
  const overdue = on('overdue', 'was_overdue');
  const dueSoon = on('due_soon', 'was_due_soon');
  const evaluation = on('eval', 'was_eval');

  const audits = rows.map(
    (r): AuditInsert => ({
      tenantId,
      actorId: null,
      action: 'proposal.deadline_scan',
      entityType: 'proposal',
      entityId: r.id,
      proposalId: r.id,
      before: { overdue: r.was_overdue, dueSoon: r.was_due_soon, evaluationOverdue: r.was_eval },
      after: { overdue: r.overdue, dueSoon: r.due_soon, evaluationOverdue: r.eval, deadline: r.deadline, scannedOn: today },
      ip: null,
    }),
  );
  await appendAudit(tx, audits);

  const notices: (typeof notifications.$inferInsert)[] = [];
  if (overdue.length || dueSoon.length || evaluation.length) {
    const staffOf = { proposal: await staffUserIds(tx, tenantId, 'proposal'), suggestion: await staffUserIds(tx, tenantId, 'suggestion') };
    const office = overdue.length ? await roleUserIds(tx, tenantId, 'office') : [];
    const unitUsers = await unitUsersByProposal(tx, tenantId, [...overdue, ...dueSoon].map((r) => r.id));
    const add = (r: ChangedRow, kind: string, message: string, userIds: number[], messageEn: string) => {
      for (const userId of new Set(userIds)) notices.push({ tenantId, userId, proposalId: r.id, kind, message, messageEn });
    };
    for (const r of overdue) {
      add(r, 'deadline.overdue', `${label(r)}已超过办理期限（${chineseDate(r.deadline!)}），请尽快答复。`, [
        ...(unitUsers.get(r.id) ?? []),
        ...staffOf[r.kind],
        ...office,
      ], `${labelEn(r)} is past its deadline (${englishDate(r.deadline!)}); please reply soon.`);
    }
    for (const r of dueSoon) {
      const left = workingDaysBetween(today, r.deadline!, cal);
      const when = left === 0 ? `今日（${chineseDate(r.deadline!)}）到期` : `将于${chineseDate(r.deadline!)}到期，还剩${left}个工作日`;
      const whenEn = left === 0 ? `is due today (${englishDate(r.deadline!)})` : `is due on ${englishDate(r.deadline!)}, ${left} working day(s) left`;
      add(r, 'deadline.due_soon', `${label(r)}${when}，请抓紧办理。`, [...(unitUsers.get(r.id) ?? []), ...staffOf[r.kind]], `${labelEn(r)} ${whenEn}; please press on.`);
    }
    for (const r of evaluation) {
      add(
        r,
        'evaluation.overdue',
        `${label(r)}已于${r.reply_date ? chineseDate(r.reply_date) : ''}答复，${r.evaluation_working_days}个工作日的测评期已过，${r.kind === 'suggestion' ? '代表' : '提案人'}尚未测评，请督促测评。`,
        staffOf[r.kind],
        `${labelEn(r)} was replied to${r.reply_date ? ` on ${englishDate(r.reply_date)}` : ''}; the ${r.evaluation_working_days} working days to evaluate are over and the ${r.kind === 'suggestion' ? 'deputy' : 'proposer'} has not evaluated it. Please follow it up.`,
      );
    }
  }
  for (const batch of chunks(notices)) await notifyRows(tx, batch);
  return {
    dueSoon: dueSoon.length,
    overdue: overdue.length,
    evaluationOverdue: evaluation.length,
    changed: rows.length,
    notified: notices.length,
  };
}

// NPC deputies' suggestions go through the same scan under their own word, 建议.
const label = (r: ChangedRow) =>
  `${r.kind === 'suggestion' ? '建议' : '提案'}${r.number ? `第${r.number}号` : ''}「${r.title}」`;
const labelEn = (r: ChangedRow) => `${r.kind === 'suggestion' ? 'Suggestion' : 'Proposal'}${r.number ? ` No. ${r.number}` : ''} “${r.title}”`;

/**
 * One statement computes the three flags for the whole tenant and writes only the rows where
 * they differ, returning the old and new values. The rows are locked before being compared, so a
 * deadline extended concurrently is seen at its new value, not the one at the statement's start.
 */
async function updateFlags(tx: Executor, tenantId: number, today: string, cal: WorkCalendar): Promise<ChangedRow[]> {
  // Due soon means workingDaysBetween(today, deadline) <= 3, which (the count only grows with
  // the deadline) is the same as deadline < the 4th working day after today: a plain comparison.
  const dueSoonBefore = addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1, cal);
  const windows = await tx
    .selectDistinct({ n: sessions.evaluationWorkingDays })
    .from(sessions)
    .where(eq(sessions.tenantId, tenantId));
  const evalCases = windows.map(
    ({ n }) => sql`when ${n}::int then ${windowPassedBefore(today, n, cal)}::date`,
  );
  const evalCutoff: SQL = evalCases.length
    ? sql`(case s.evaluation_working_days ${sql.join(evalCases, sql` `)} end)`
    : sql`null::date`;

  const res = await tx.execute(sql`
    with changed as (
      select p.id, lr.reply_date, s.evaluation_working_days,
        p.overdue as was_overdue, p.due_soon as was_due_soon, p.evaluation_overdue as was_eval,
        f.overdue, f.due_soon, f.eval
      from proposals p
      join sessions s on s.id = p.session_id
      left join lateral (
        -- The reply that opened the current evaluation: the latest round, the lead unit's first; with
        -- 答复审核 the window starts when it went out (approved), not when the unit sent it in.
        select greatest(r.reply_date, (r.reviewed_at at time zone 'Asia/Shanghai')::date) as reply_date from replies r
        -- Inside, not in the join condition, so that only replied proposals pay for the lookup.
        where r.proposal_id = p.id and p.status = 'replied' and r.status = 'sent'
        order by r.sequence desc, r.is_lead desc, r.reply_date desc
        limit 1
      ) lr on true
      cross join lateral (
        select
          coalesce(p.status in ('assigned', 'handling', 'rehandling') and p.deadline < ${today}::date, false) as overdue,
          coalesce(p.status in ('assigned', 'handling', 'rehandling') and p.deadline >= ${today}::date
            and p.deadline < ${dueSoonBefore}::date, false) as due_soon,
          coalesce(p.status = 'replied' and lr.reply_date < ${evalCutoff}, false) as eval
      ) f
      where p.tenant_id = ${tenantId}
        and (p.status in ('assigned', 'handling', 'rehandling', 'replied') or p.overdue or p.due_soon or p.evaluation_overdue)
        and (p.overdue <> f.overdue or p.due_soon <> f.due_soon or p.evaluation_overdue <> f.eval)
      for update of p
    )
    update proposals p
    set overdue = c.overdue, due_soon = c.due_soon, evaluation_overdue = c.eval
    from changed c
    where p.id = c.id
    returning p.id, p.kind, p.number, p.title, p.status, p.deadline::text as deadline, c.reply_date::text as reply_date,
      c.evaluation_working_days, c.was_overdue, c.was_due_soon, c.was_eval, c.overdue, c.due_soon, c.eval
  `);
  // Both drivers (PGlite and node-postgres) answer with { rows }.
  return (res as unknown as { rows: ChangedRow[] }).rows;
}

/** Users of the units still holding an assignment (not 已调整退出), per proposal. */
async function unitUsersByProposal(tx: Executor, tenantId: number, proposalIds: number[]) {
  const out = new Map<number, number[]>();
  for (const batch of chunks(proposalIds)) {
    const rows = await tx
      .selectDistinct({ proposalId: assignments.proposalId, userId: users.id })
      .from(assignments)
      .innerJoin(
        users,
        and(eq(users.unitId, assignments.unitId), eq(users.tenantId, tenantId), eq(users.active, true)),
      )
      .where(
        and(
          eq(assignments.tenantId, tenantId),
          ne(assignments.status, 'removed'),
          inArray(assignments.proposalId, batch),
        ),
      );
    for (const r of rows) out.set(r.proposalId, [...(out.get(r.proposalId) ?? []), r.userId]);
  }
  return out;
}

// The first scan over a large tenant can flag many proposals; insert in batches that stay well
// under PostgreSQL's limit of 65535 parameters per statement.
function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}
