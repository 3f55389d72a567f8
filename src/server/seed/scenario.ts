import type { Party } from './rows.js';
import type { Planner } from './plans.js';
import type { Topic } from './subjects.js';

// The cast of the 平湖市 CPPCC session: ~300 proposals in every state, weighted as in a real
// November (most closed or following up), with the demo accounts' proposals placed on purpose.

/** Key proposals of the year and the indexes (into LEADERS) of their supervising leaders: 14 links. */
export const KEY_SUPERVISION: [string, number[]][] = [
  ['涉企执法“白名单”', [1, 7]],
  ['县域医共体', [2, 6]],
  ['农村生活污水治理', [3, 8]],
  ['居家养老服务', [4, 7]],
  ['老旧小区加装电梯', [5]],
  ['数字经济', [0, 1, 6]],
  ['预制菜产业', [3]],
  ['校园周边交通安全', [3]],
];

const led = (code: string) => (t: Topic) => t.subject.lead === code && !t.subject.key;
const plain = (t: Topic) => !t.subject.key;

export function cppccCast(pl: Planner, o: { weiyuan: Party; mengmin: Party; members: Party[]; bodies: Party[]; leaderNames: string[] }) {
  const { weiyuan, mengmin, members } = o;
  const someone = () => members[pl.plans.length % members.length]!;

  // Merge groups first: a primary must exist before the proposals merged into it.
  for (const [size, target] of [[2, 'closed'], [2, 'closed'], [3, 'following_up']] as const) {
    const primary = pl.add(target, { during: 'plenary', pred: (t) => plain(t) && t.subject.stems.length >= size, cls: target === 'closed' ? 'A' : 'B' });
    const subject = pl.plans[primary]!.subject;
    for (let i = 1; i < size; i++) pl.add('merged', { during: 'plenary', pred: (t) => t.subject === subject, mergeInto: primary });
  }

  KEY_SUPERVISION.forEach(([topic, leaders], i) => {
    const cls = i < 4 ? 'A' : 'B';
    const target = i < 6 ? 'closed' : 'following_up';
    const lead = i === 3 ? mengmin : someone();
    const co = i % 2 === 0 && lead !== mengmin ? members.filter((m) => m !== lead && m !== weiyuan).slice(i, i + 2) : [];
    pl.add(target, {
      during: 'plenary', pred: (t) => t.subject.topic === topic, key: true, keyLeaders: leaders.map((l) => o.leaderNames[l]!),
      cls, mode: 'joint', late: false, complex: false, publish: i < 5, lead, co,
    });
  });

  // The demo member's own proposals, and an invitation to co-sign someone else's.
  pl.add('replied', { lead: weiyuan, co: [], cls: 'A', pred: plain });
  pl.add('closed', { lead: weiyuan, during: 'plenary', cls: 'A', publish: true, pred: plain });
  pl.add('closed', { lead: weiyuan, during: 'plenary', cls: 'B', pred: plain });
  pl.add('following_up', { lead: weiyuan, during: 'plenary', pred: plain });
  pl.add('handling', { lead: weiyuan, co: [], pred: plain });
  pl.add('draft', { lead: weiyuan, co: [], pred: plain });
  pl.add('pending_cosign', { lead: members[5]!, co: [members[6]!, weiyuan], pendingCo: 1, pred: plain });

  // The group account's body proposals.
  pl.add('replied', { lead: mengmin, co: [], cls: 'B', pred: plain });
  pl.add('closed', { lead: mengmin, co: [], during: 'plenary', cls: 'A', publish: true, pred: plain });
  pl.add('following_up', { lead: mengmin, co: [], during: 'plenary', pred: plain });
  pl.add('submitted', { lead: mengmin, co: [], pred: plain });

  // Work waiting for the two demo units.
  for (const code of ['nongye', 'nongye', 'jiaoyu']) pl.add('assigned', { pred: led(code), co: [] });
  // The first of each unit was assigned on 25 August, so its reply is due in the demo's week (即将到期).
  for (const [i, code] of ['nongye', 'nongye', 'jiaoyu', 'jiaoyu'].entries()) {
    pl.add('handling', { pred: led(code), ...(i % 2 === 0 ? { start: '2026-08-03', assignDay: '2026-08-25' } : {}) });
  }
  pl.add('handling', { during: 'plenary', pred: led('nongye') });
  pl.add('replied', { pred: led('nongye') });
  pl.add('replied', { pred: led('jiaoyu') });
  pl.add('closed', { during: 'plenary', pred: (t) => plain(t) && t.subject.co.length > 1, mode: 'single', objection: 'approved', cls: 'A' });
  pl.add('closed', { during: 'plenary', pred: (t) => led('jiaoyu')(t) && t.subject.co.length > 0, mode: 'joint', objection: 'rejected', cls: 'A' });

  // Re-handling after 不满意: three still running, four finished with a second reply.
  pl.many(3, 'rehandling', { pred: plain });
  for (const cls of ['A', 'A', 'B', 'C'] as const) pl.add('closed', { during: 'plenary', rehandle: true, cls, late: false, pred: plain });
  // Answered, but the proposer never evaluated: closed by the committee.
  pl.many(2, 'closed', { during: 'plenary', closeByStaff: true, cls: 'A', late: false, pred: plain });
  // Overdue: assigned at the March meeting, still no reply in November.
  pl.many(4, 'handling', { during: 'plenary', pred: plain });

  pl.many(3, 'draft', { pred: plain });
  pl.add('pending_cosign', { lead: members[8]!, co: [members[9]!, members[10]!], pendingCo: 2, pred: plain });
  pl.add('pending_cosign', { lead: members[11]!, co: [members[12]!, members[13]!, members[14]!], pendingCo: 1, pred: plain });
  pl.many(5, 'submitted', { pred: plain });
  pl.many(3, 'returned', { pred: plain });
  pl.add('withdrawn', { during: 'plenary', pred: plain });
  pl.add('withdrawn', { during: 'interim', pred: plain });
  const rejections = [
    ...Array(5).fill({ reason: 'personal_matter', conversion: 'letter' }),
    ...Array(4).fill({ reason: 'not_in_scope', conversion: 'letter' }),
    ...Array(3).fill({ reason: 'too_general', conversion: 'social_report' }),
    ...Array(2).fill({ reason: 'already_solved', conversion: 'social_report' }),
  ];
  for (const reject of rejections) pl.add('not_filed', { reject, pred: plain });
  pl.many(4, 'filed', { pred: plain });
  pl.many(2, 'assigned', { pred: plain });
  pl.many(5, 'handling', { pred: plain });
  pl.many(6, 'replied', { pred: plain });

  // 会办 before 答复, per-unit evaluation, 代录 and 答复审核 on the demo. 农业农村局 leads a proposal
  // assigned with two co-units on 10 November: one has sent its opinion, the other's window runs to
  // 10 December, so the lead's reply waits for it.
  pl.add('handling', { pred: (t) => led('nongye')(t) && t.subject.co.length >= 2, mode: 'joint', coCount: 2, coWaiting: true, during: 'interim', start: '2026-10-27', assignDay: '2026-11-10' });
  // The demo member rated the lead unit 满意 and its co-unit 不满意, which then sent a new opinion.
  pl.add('closed', { lead: weiyuan, co: [], during: 'plenary', cls: 'A', mode: 'joint', coCount: 1, coRatings: ['unsatisfied'], late: false, pred: (t) => plain(t) && t.subject.co.length > 0 });
  // A paper evaluation the committee entered on the proposer's behalf (代录).
  pl.add('closed', { during: 'plenary', cls: 'A', paper: true, late: false, pred: plain });
  // 答复审核: 农业农村局's reply waits for the committee; 教育局's came back with a reason.
  pl.add('reply_review', { pred: led('nongye'), during: 'interim', start: '2026-09-14', replyDay: '2026-11-19', late: false, mode: 'single' });
  pl.add('reply_review', { pred: led('jiaoyu'), during: 'interim', start: '2026-09-07', replyDay: '2026-11-16', late: false, mode: 'single', review: 'returned' });

  const counted = (s: string) => pl.plans.filter((p) => p.target === s).length;
  pl.many(50 - counted('following_up'), 'following_up', { pred: plain });
  pl.many(300 - pl.plans.length, 'closed', { pred: plain });
}

/**
 * The NPC session (人大, numbered on its own from 1): a few dozen deputies' suggestions, mostly
 * answered, and some in every state, so that 选联工委 (xuanlian) has its own review queue, merge,
 * assignment and publication work. The demo deputy (db01) has one answered and waiting for their
 * evaluation, one seconded by another deputy, and a draft.
 */
export function npcCast(pl: Planner, o: { deputy: Party; deputies: Party[] }) {
  const { deputy, deputies } = o;
  const primary = pl.add('closed', { during: 'plenary', pred: (t) => t.subject.stems.length >= 2, cls: 'A' });
  pl.add('merged', { during: 'plenary', pred: (t) => t.subject === pl.plans[primary]!.subject, mergeInto: primary });
  pl.many(21, 'closed');
  pl.many(8, 'following_up');
  pl.add('replied', { lead: deputy, co: [deputies[1]!], cls: 'A' });
  pl.add('closed', { lead: deputy, during: 'plenary', cls: 'A', publish: true });
  pl.add('draft', { lead: deputy, co: [] });
  pl.add('pending_cosign', { lead: deputies[2]!, co: [deputy], pendingCo: 1 });
  pl.add('handling', { during: 'plenary' });
  pl.add('handling');
  pl.add('rehandling');
  pl.many(2, 'replied');
  pl.many(2, 'assigned');
  pl.many(2, 'filed');
  pl.many(2, 'submitted');
  pl.add('returned');
  pl.add('withdrawn');
  pl.add('not_filed', { reject: { reason: 'personal_matter', conversion: 'letter' } });
  pl.add('not_filed', { reject: { reason: 'too_general', conversion: 'social_report' } });
}

/** 嘉兴市: a handful, so that tenant isolation can be seen. */
export function jiaxingCast(pl: Planner, pred: (t: Topic) => boolean) {
  pl.many(2, 'closed', { during: 'plenary', pred });
  pl.add('following_up', { during: 'plenary', pred });
  pl.add('handling', { pred });
  pl.add('filed', { pred });
  pl.add('submitted', { pred });
}
