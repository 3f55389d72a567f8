import { chineseDate, englishDate } from '../../shared/dates.js';
import { shiftDays } from '../calendar/working-days.js';
import type { SupervisionKind } from '../../shared/domain.js';
import type { SessionCtx } from './context.js';
import { at, TODAY } from './rng.js';
import type { Outcome, Rows } from './rows.js';
import { activityText } from './texts.js';

interface LeaderRef {
  id: number;
  name: string;
  title: string;
  userId: number | null;
}

/**
 * The supervising leaders of each key proposal and a record of 2–4 supervision activities
 * between its assignment and its closing (or today).
 */
export function superviseKeyProposals(ctx: SessionCtx, rows: Rows, keys: { outcome: Outcome; leaders: LeaderRef[] }[]) {
  const { rng, days } = ctx;
  for (const { outcome, leaders } of keys) {
    const p = outcome.p;
    const proposal = rows.proposals[p]!;
    for (const l of leaders) rows.keyLeaders.push({ p, tenantId: ctx.tenantId, leaderId: l.id, createdAt: at(ctx.keyDay, 10, 0) });

    const from = days.plus(outcome.assignDay!, 21);
    const to = outcome.status === 'closed' ? shiftDays(outcome.endDay, -2) : shiftDays(TODAY, -3);
    const n = rng.int(2, 4);
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const kinds: SupervisionKind[] = ['consultation', ...rng.sample(['site_visit', 'supervision_meeting', 'discussion'] as const, n - 1)];
    const units = outcome.unitIds.map((id) => [...ctx.units.values()].find((u) => u.id === id)!.name);
    const proposers = [outcome.plan.lead, ...outcome.plan.co].map((x) => x.name).join('、');
    let prev = '';
    kinds.forEach((kind, i) => {
      // One activity in each slice of the period, so they follow each other.
      const a = shiftDays(from, Math.floor((span * i) / n));
      const b = shiftDays(from, Math.floor((span * (i + 1)) / n) - 1);
      let day = days.between(rng, a, b);
      if (day <= prev) day = days.wd(prev, 1);
      prev = day;
      const leaderUser = leaders.find((l) => l.userId)?.userId;
      const createdBy = kind === 'site_visit' && leaderUser ? leaderUser : kind === 'supervision_meeting' ? ctx.office : ctx.staff;
      const text = activityText(rng, kind, outcome.plan.subject.topic, units[0]!);
      const when = at(day, rng.int(9, 15), rng.pick([0, 30]));
      rows.activities.push({
        p, tenantId: ctx.tenantId, kind, activityDate: day, place: text.place,
        participants: `${leaders.map((l) => `${l.title}${l.name}`).join('、')}，市政协提案委、${units.join('、')}负责人，提案人${proposers}`,
        content: text.content, unitReport: text.unitReport, memberOpinions: text.memberOpinions, instructions: text.instructions,
        createdBy, createdAt: when,
      });
      rows.audit.push({ p, tenantId: ctx.tenantId, actorId: createdBy, action: 'proposal.add_supervision', entityType: 'proposal', before: null, after: { kind, date: day }, at: when });
      if (leaderUser && i === n - 1) {
        rows.notifications.push({ p, tenantId: ctx.tenantId, userId: leaderUser, kind: 'proposal.add_supervision', message: `您督办的重点提案「${proposal.title}」已登记督办活动（${chineseDate(day)}）`, messageEn: `A supervision activity was recorded (${englishDate(day)}) on key proposal “${proposal.title}”, which you supervise`, createdAt: when });
      }
    });
  }
}
