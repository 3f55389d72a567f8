import type { proposals } from '../db/schema.js';
import type { State } from '../../shared/lifecycle.js';
import type { SessionCtx, UnitInfo } from './context.js';
import { at, TODAY } from './rng.js';
import type { Outcome, Plan, Rows } from './rows.js';

/**
 * The running record of one proposal's story: every step is stamped at a time after the previous
 * one, leaves one audit row by the user who took it, and notifies whoever acts next when the
 * step is recent enough for the notice to be still unread.
 */
export class Story {
  readonly p: number;
  readonly row: typeof proposals.$inferInsert;
  private last = new Date(0);
  status: State = 'draft';
  assignDay?: string;
  leadUnit?: UnitInfo;
  units: UnitInfo[] = [];

  constructor(
    readonly ctx: SessionCtx,
    readonly rows: Rows,
    readonly plan: Plan,
    body: string,
  ) {
    this.p = rows.proposals.length;
    this.row = {
      tenantId: ctx.tenantId,
      sessionId: ctx.sessionId,
      kind: ctx.kind,
      title: plan.title,
      body,
      category: plan.category ?? plan.subject.category,
      submittedDuring: plan.during,
      status: 'draft',
      createdBy: plan.lead.userId,
    };
    rows.proposals.push(this.row);
  }

  /** 提案 or 建议, for the messages. */
  get noun(): string {
    return this.ctx.kind === 'suggestion' ? '建议' : '提案';
  }

  /** proposal or suggestion, for the English messages. */
  get nounEn(): string {
    return this.ctx.kind === 'suggestion' ? 'suggestion' : 'proposal';
  }

  get proposerUsers(): number[] {
    return [this.plan.lead, ...this.plan.co].map((x) => x.userId);
  }

  stamp(day: string): Date {
    if (day > TODAY) throw new Error(`演示数据日期越界：${day}（${this.plan.title}）`);
    let t = at(day, this.ctx.rng.int(8, 17), this.ctx.rng.int(0, 59));
    if (t <= this.last) t = new Date(this.last.getTime() + this.ctx.rng.int(5, 40) * 60_000);
    this.last = t;
    return t;
  }

  /** One audit row, `at` the step's time; returns that time. */
  log(actorId: number, action: string, day: string, before: object | null, after: object | null, p = this.p): Date {
    const t = this.stamp(day);
    this.rows.audit.push({
      p,
      tenantId: this.ctx.tenantId,
      actorId,
      action: `proposal.${action}`,
      entityType: 'proposal',
      before,
      after,
      at: t,
    });
    return t;
  }

  notice(userIds: number[], kind: string, message: string, day: string, messageEn: string | null = null) {
    if (day < this.ctx.recentFrom) return;
    for (const userId of new Set(userIds)) {
      this.rows.notifications.push({ p: this.p, tenantId: this.ctx.tenantId, userId, kind: `proposal.${kind}`, message, messageEn, createdAt: this.last });
    }
  }

  move(status: State) {
    this.status = status;
    this.row.status = status;
    this.row.updatedAt = this.last;
  }

  finish(endDay: string): Outcome {
    this.move(this.status);
    return {
      p: this.p,
      plan: this.plan,
      status: this.status,
      endDay,
      assignDay: this.assignDay,
      leadUnitId: this.leadUnit?.id,
      unitIds: this.units.map((u) => u.id),
    };
  }
}
