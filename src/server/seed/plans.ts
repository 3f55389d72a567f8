import type { State } from '../../shared/lifecycle.js';
import type { ResultClass } from '../../shared/domain.js';
import type { Days, Rng } from './rng.js';
import type { Party, Plan } from './rows.js';
import type { Topic, TopicPool } from './subjects.js';

type Opts = Partial<Plan> & { pred?: (t: Topic) => boolean };

// Submission windows of interim (平时) proposals by target state: a proposal still waiting for
// review was sent in November, one already closed was sent in spring.
const INTERIM: Partial<Record<State, [string, string]>> = {
  draft: ['2026-11-09', '2026-11-20'],
  pending_cosign: ['2026-11-16', '2026-11-20'],
  submitted: ['2026-11-12', '2026-11-20'],
  returned: ['2026-10-19', '2026-11-06'],
  withdrawn: ['2026-04-01', '2026-09-30'],
  not_filed: ['2026-03-02', '2026-09-30'],
  filed: ['2026-11-02', '2026-11-12'],
  assigned: ['2026-10-21', '2026-10-28'],
  handling: ['2026-08-10', '2026-10-15'],
  replied: ['2026-08-03', '2026-08-31'],
  rehandling: ['2026-07-01', '2026-07-24'],
  following_up: ['2026-02-24', '2026-06-30'],
  closed: ['2026-02-24', '2026-05-29'],
};
const PLENARY_SHARE: Partial<Record<State, number>> = { not_filed: 0.7, withdrawn: 0.5, following_up: 0.85, closed: 0.85, merged: 1 };

/** Builds the plans of one session; `add` returns the plan's index in `plans`. */
export class Planner {
  plans: Plan[] = [];
  constructor(
    private rng: Rng,
    private days: Days,
    private pool: TopicPool,
    private plenary: [string, string],
    /** Random proposers: members, and bodies now and then. */
    private people: Party[],
    private bodies: Party[],
  ) {}

  private randomLead(): Party {
    return this.bodies.length && this.rng.chance(0.12) ? this.rng.pick(this.bodies) : this.rng.pick(this.people);
  }

  private cls(target: State): ResultClass | undefined {
    if (target === 'following_up') return 'B';
    if (target === 'closed') return this.rng.weighted([['A', 0.77], ['B', 0.17], ['C', 0.06]] as const);
    if (target === 'replied') return this.rng.weighted([['A', 0.6], ['B', 0.3], ['C', 0.1]] as const);
    if (target === 'handling' || target === 'rehandling') return this.rng.weighted([['A', 0.6], ['B', 0.4]] as const);
    return undefined;
  }

  add(target: State, o: Opts = {}): number {
    const { rng, days } = this;
    const { pred, ...given } = o;
    const topic = this.pool.take(pred);
    const during = o.during ?? (rng.chance(PLENARY_SHARE[target] ?? 0) ? 'plenary' : 'interim');
    const lead = o.lead ?? this.randomLead();
    const others = this.people.filter((x) => x !== lead);
    const co = o.co ?? (rng.chance(lead.bodyId ? 0.05 : 0.25) ? rng.sample(others, rng.int(1, 3)) : []);
    const window = INTERIM[target] ?? ['2026-03-02', '2026-06-30'];
    const start = during === 'plenary' ? days.between(rng, ...this.plenary) : days.between(rng, ...window);
    const replying = ['replied', 'rehandling', 'following_up', 'closed'].includes(target);
    const plan: Plan = {
      target,
      during,
      subject: topic.subject,
      title: topic.title,
      lead,
      co,
      start,
      cls: this.cls(target),
      late: replying && rng.chance(0.08),
      complex: during === 'plenary' && rng.chance(0.08),
      publish: (target === 'closed' || target === 'following_up') && rng.chance(0.35),
      ...given,
    };
    // Proposals still awaiting evaluation were answered in the last weeks; those re-handled now
    // got their unsatisfying answer in October.
    if (target === 'replied' && !plan.replyDay) plan.replyDay = days.between(rng, '2026-11-04', '2026-11-19');
    if (target === 'rehandling') Object.assign(plan, { rehandle: true, replyDay: plan.replyDay ?? days.between(rng, '2026-10-15', '2026-10-27') });
    if (plan.pendingCo !== undefined && plan.co.length < plan.pendingCo) throw new Error('联名人不足');
    this.plans.push(plan);
    return this.plans.length - 1;
  }

  /** `n` plans to the same target. */
  many(n: number, target: State, o: Opts = {}) {
    for (let i = 0; i < n; i++) this.add(target, o);
  }
}

