import { chineseDate, englishDate } from '../../shared/dates.js';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { tenants } from '../db/schema.js';
import type { ProposalKind } from '../../shared/domain.js';
import { hashPassword } from '../auth/passwords.js';
import type { SessionCtx } from './context.js';
import { createOrg, type Org } from './org.js';
import { Planner } from './plans.js';
import { at, Days, Rng, TODAY } from './rng.js';
import { Rows, type Outcome } from './rows.js';
import { cppccCast, jiaxingCast, KEY_SUPERVISION, npcCast } from './scenario.js';
import { TopicPool } from './subjects.js';
import { simulate } from './timeline.js';
import { superviseKeyProposals } from './key.js';
import { writeRows } from './write.js';
import { seedKeyTasks } from './tasks.js';
import { seedOfficeWork } from './office.js';
import { seedSupervision } from './supervision.js';

export interface SeedResult {
  created: boolean;
  password: string;
  logins: { role: string; username: string; description: string }[];
}

export const DEMO_PASSWORD = 'Duban@2026';

export const DEMO_LOGINS: SeedResult['logins'] = [
  { role: 'member', username: 'weiyuan', description: '平湖市政协委员：多件提案，其中一件已答复待测评、一件待确认联名' },
  { role: 'group', username: 'mengmin', description: '民盟平湖市基层委员会（以团体名义提出提案）' },
  { role: 'staff', username: 'tiweiban', description: '平湖市政协提案委员会：只看到并办理政协提案（审查、立案、并案、交办、重点提案）' },
  { role: 'staff', username: 'xuanlian', description: '平湖市人大常委会选联工委：只看到并办理人大代表建议（审查、立案、并案、交办、公开）' },
  { role: 'member', username: 'db01', description: '平湖市人大代表：一件代表建议已答复待测评，一件待确认附议' },
  { role: 'office', username: 'ducha', description: '平湖市政府办公室督查室：交办确认、调整审定、催办' },
  { role: 'unit', username: 'nongye', description: '承办单位：农业农村局' },
  { role: 'unit', username: 'jiaoyu', description: '承办单位：教育局' },
  { role: 'leader', username: 'lingdao', description: '副市长，督办重点提案' },
  { role: 'sysadmin', username: 'xitong', description: '系统管理员' },
  { role: 'secadmin', username: 'anquan', description: '安全管理员' },
  { role: 'auditor', username: 'shenji', description: '审计管理员' },
  { role: 'staff', username: 'jx_tiweiban', description: '嘉兴市政协提案委员会（另一租户，数据互不可见；平湖市、海盐县的上级：下级概览、两级联合督办）' },
  { role: 'leader', username: 'jx_lingdao', description: '嘉兴市市长：领衔督办嘉兴市重点提案，并与海盐县联合督办一件' },
  { role: 'staff', username: 'hy_tiweiban', description: '海盐县政协提案委员会：邀请嘉兴市联合督办的重点提案' },
  { role: 'platform', username: 'pingtai', description: '平台管理员：新建单位（省、市、县）及其首位管理员' },
];

/**
 * Loads the demo on first start: 嘉兴市 and 平湖市 as they stand on 2026-11-23, with a year of
 * proposals in every state. Writes nothing when any tenant exists, and everything or nothing
 * (one transaction) otherwise. The same data at every start: all randomness is seeded.
 */
export async function seedDemoData(db: Db): Promise<SeedResult> {
  const result = (created: boolean): SeedResult => ({ created, password: DEMO_PASSWORD, logins: DEMO_LOGINS });
  if ((await db.select({ id: tenants.id }).from(tenants).limit(1)).length) return result(false);
  const hash = await hashPassword(DEMO_PASSWORD);
  const created = await db.transaction(async (tx) => {
    // Two first starts at once: the second waits here and then finds the first one's tenants.
    await tx.execute(sql`lock table tenants in exclusive mode`);
    if ((await tx.select({ id: tenants.id }).from(tenants).limit(1)).length) return false;
    await buildDemo(tx, hash);
    return true;
  });
  return result(created);
}

async function buildDemo(tx: Tx, hash: string) {
  const rng = new Rng(20260123);
  const org = await createOrg(tx, hash, rng);
  const rows = new Rows();
  const recentFrom = '2026-11-02';

  const ctxFor = (t: 'ph' | 'jx', kind: ProposalKind): SessionCtx => {
    const tenant = org[t];
    const session = kind === 'suggestion' ? org.ph.suggestion : tenant.proposal;
    const staff = t === 'jx' ? 'jx_tiweiban' : kind === 'suggestion' ? 'xuanlian' : 'tiweiban';
    return {
      tenantId: tenant.tenantId, sessionId: session.id, kind, replyMonths: session.replyMonths, replyMaxMonths: session.replyMaxMonths,
      rehandlingMonths: 1, replyReview: session.replyReview, reviewFrom: '2026-01-19', mergeDay: '2026-02-26', keyDay: '2026-03-05', assignDay: '2026-03-10',
      staff: tenant.users.get(staff)!, office: tenant.users.get(t === 'jx' ? 'jx_tiweiban' : 'ducha')!,
      units: tenant.units, days: new Days(t === 'jx' ? org.jxCal : org.phCal), rng, recentFrom,
    };
  };
  const play = (ctx: SessionCtx, planner: Planner) => {
    const base = rows.proposals.length;
    return planner.plans.map((plan) => simulate(ctx, rows, plan.mergeInto === undefined ? plan : { ...plan, mergeInto: plan.mergeInto + base }));
  };

  // 平湖市政协 十一届五次会议
  const cppcc = ctxFor('ph', 'proposal');
  const [weiyuan, ...members] = org.ph.members;
  const [mengmin, ...bodies] = org.ph.bodies;
  const pl = new Planner(rng, cppcc.days, new TopicPool(rng), [org.ph.proposal.plenaryStart!, org.ph.proposal.plenaryEnd!], members, bodies);
  cppccCast(pl, { weiyuan: weiyuan!, mengmin: mengmin!, members, bodies, leaderNames: org.ph.leaders.map((l) => `${l.title}${l.name}`) });
  const outcomes = play(cppcc, pl);
  const keys = KEY_SUPERVISION.map(([topic, idx]) => ({
    outcome: outcomes.find((o) => o.plan.key && o.plan.subject.topic === topic)!,
    leaders: idx.map((i) => org.ph.leaders[i]!),
  }));
  superviseKeyProposals(cppcc, rows, keys);

  // 平湖市人大 十八届五次会议
  const npc = ctxFor('ph', 'suggestion');
  const npcPlanner = new Planner(rng, npc.days, new TopicPool(rng), [org.ph.suggestion.plenaryStart!, org.ph.suggestion.plenaryEnd!], org.ph.deputies, []);
  npcCast(npcPlanner, { deputy: org.ph.deputies[0]!, deputies: org.ph.deputies });
  outcomes.push(...play(npc, npcPlanner));

  // 嘉兴市政协 九届五次会议
  const jx = ctxFor('jx', 'proposal');
  const jxCodes = new Set(jx.units.keys());
  const jxPool = new TopicPool(rng);
  const jxPlanner = new Planner(rng, jx.days, jxPool, [org.jx.proposal.plenaryStart!, org.jx.proposal.plenaryEnd!], org.jx.members, []);
  const jxPred = (t: { subject: { lead: string } }) => jxCodes.has(t.subject.lead);
  jiaxingCast(jxPlanner, jxPred);
  play(jx, jxPlanner);

  overdueNotices(rows, org, outcomes);
  await writeRows(tx, rows);
  await seedKeyTasks(tx, org);
  await seedOfficeWork(tx, org);
  await seedSupervision(tx, org, hash);
}

/** The supervision office hears about every overdue proposal on the morning of "today". */
function overdueNotices(rows: Rows, org: Org, outcomes: Outcome[]) {
  const office = org.ph.users.get('ducha')!;
  for (const o of outcomes) {
    const p = rows.proposals[o.p]!;
    if (!p.overdue) continue;
    rows.notifications.push({ p: o.p, tenantId: p.tenantId, userId: office, kind: 'proposal.overdue', message: `${p.kind === 'suggestion' ? '建议' : '提案'}「${p.title}」已超过办理期限（${chineseDate(p.deadline!)}），尚未答复`, messageEn: `${p.kind === 'suggestion' ? 'Suggestion' : 'Proposal'} “${p.title}” is past its deadline (${englishDate(p.deadline!)}) and not yet replied to`, createdAt: at(TODAY, 8, 30) });
  }
}
