import type { Tx } from '../db/client.js';
import { bodies, leaders, members, sessions, tenants, units, users } from '../db/schema.js';
import { loadHolidayCalendar } from '../calendar/holidays.js';
import { loadCalendar, type WorkCalendar } from '../calendar/working-days.js';
import type { Role } from '../../shared/roles.js';
import type { ProposalKind } from '../../shared/domain.js';
import type { UnitInfo } from './context.js';
import { BODIES, DEMO_LEADER, JX_UNITS, LEADERS, makeMembers, NameMaker, UNITS, type UnitSpec } from './people.js';
import type { Rng } from './rng.js';
import type { Party } from './rows.js';

// The organisations and accounts of the demo: 嘉兴市 and its county-level 平湖市, their sessions,
// units, bodies, members and leaders, one account for each of them.

type UserRow = typeof users.$inferInsert;
type Session = typeof sessions.$inferSelect;

export interface Tenant {
  tenantId: number;
  units: Map<string, UnitInfo>;
  members: Party[];
  users: Map<string, number>;
}

export interface Org {
  ph: Tenant & { proposal: Session; suggestion: Session; deputies: Party[]; bodies: Party[]; leaders: { id: number; name: string; title: string; userId: number | null }[] };
  jx: Tenant & { proposal: Session };
  phCal: WorkCalendar;
  jxCal: WorkCalendar;
}

const DELEGATIONS = ['当湖代表团', '钟埭代表团', '曹桥代表团', '新仓代表团', '新埭代表团', '乍浦代表团', '独山港代表团', '广陈代表团', '林埭代表团'];

export async function createOrg(tx: Tx, hash: string, rng: Rng): Promise<Org> {
  const names = new NameMaker(rng);
  const [city] = await tx.insert(tenants).values({ name: '嘉兴市', level: 'city', code: '330400' }).returning();
  const [county] = await tx.insert(tenants).values({ name: '平湖市', level: 'county', code: '330482', parentId: city!.id }).returning();
  const ph = county!.id;
  const jx = city!.id;
  await loadHolidayCalendar(tx, jx);
  await loadHolidayCalendar(tx, ph);

  const session = (tenantId: number, kind: ProposalKind, name: string, term: number, plenary: [string, string]) => ({
    tenantId, kind, name, term, meeting: 5, year: 2026, plenaryStart: plenary[0], plenaryEnd: plenary[1],
    replyMonths: 3, replyMaxMonths: 6, objectionWorkingDays: 5, firstContactWorkingDays: 15, evaluationWorkingDays: 15,
  });
  const sessionRows = await tx
    .insert(sessions)
    .values([
      // The CPPCC committee checks replies before they reach the members (答复审核); the NPC does not.
      { ...session(ph, 'proposal', '十一届五次会议', 11, ['2026-01-12', '2026-01-15']), replyReview: true },
      session(ph, 'suggestion', '十八届五次会议', 18, ['2026-01-08', '2026-01-11']),
      session(jx, 'proposal', '九届五次会议', 9, ['2026-01-06', '2026-01-09']),
    ])
    .returning();
  const sessionOf = (tenantId: number, kind: ProposalKind) => sessionRows.find((r) => r.tenantId === tenantId && r.kind === kind)!;

  const unitRows = async (tenantId: number, specs: UnitSpec[]) => {
    const people = specs.map(() => ({ head: names.next(), contact: names.next(), phone: `0573-85${String(rng.int(0, 999_999)).padStart(6, '0')}` }));
    const rows = await tx
      .insert(units)
      .values(specs.map((s, i) => ({ tenantId, name: s.name, kind: s.kind, contactName: people[i]!.contact, contactPhone: people[i]!.phone })))
      .returning();
    // Matched by name: the order of RETURNING is not something to rely on.
    return specs.map((s, i) => ({ spec: s, id: rows.find((r) => r.name === s.name)!.id, ...people[i]! }));
  };
  const phUnits = await unitRows(ph, UNITS);
  const jxUnits = await unitRows(jx, JX_UNITS);
  const bodyRows = await tx.insert(bodies).values(BODIES.map((b) => ({ tenantId: ph, name: b.name, kind: b.kind }))).returning();
  const bodyOf = (name: string) => bodyRows.find((r) => r.name === name)!.id;

  const memberSpecs = makeMembers(rng, names, 80);
  const deputySpecs = makeMembers(rng, names, 30).map((d) => ({ ...d, sector: rng.pick(DELEGATIONS) }));
  const jxMemberSpecs = makeMembers(rng, names, 4);
  const staffName = names.next();

  const mk = (tenantId: number, username: string, displayName: string, roles: Role[], extra: Partial<UserRow> = {}): UserRow => ({
    tenantId, username, displayName, passwordHash: hash, roles, mustChangePassword: false, ...extra,
  });
  const n2 = (i: number) => String(i + 1).padStart(2, '0');
  const userRows: UserRow[] = [
    mk(ph, 'tiweiban', `${staffName}（提案委）`, ['staff'], { organ: 'cppcc' }),
    mk(ph, 'xuanlian', `${names.next()}（人大选联工委）`, ['staff'], { organ: 'npc' }),
    mk(ph, 'ducha', `${names.next()}（政府办督查室）`, ['office']),
    mk(ph, 'lingdao', LEADERS[DEMO_LEADER]!.name, ['leader']),
    mk(ph, 'xitong', '系统管理员', ['sysadmin']),
    mk(ph, 'anquan', '安全管理员', ['secadmin']),
    mk(ph, 'shenji', '审计管理员', ['auditor']),
    ...phUnits.map((u) => mk(ph, u.spec.code, `${u.contact}（${u.spec.name}）`, ['unit'], { unitId: u.id, phone: u.phone })),
    ...BODIES.map((b) => mk(ph, b.username, b.name, ['group'], { bodyId: bodyOf(b.name) })),
    ...memberSpecs.map((m, i) => mk(ph, i === 0 ? 'weiyuan' : `wy${n2(i)}`, m.name, ['member'], { phone: m.phone })),
    ...deputySpecs.map((m, i) => mk(ph, `db${n2(i)}`, m.name, ['member'], { phone: m.phone })),
    mk(jx, 'jx_tiweiban', `${names.next()}（嘉兴市政协提案委）`, ['staff'], { organ: 'cppcc' }),
    ...jxUnits.map((u) => mk(jx, u.spec.code, `${u.contact}（嘉兴市${u.spec.name}）`, ['unit'], { unitId: u.id })),
    ...jxMemberSpecs.map((m, i) => mk(jx, `jx_wy${n2(i)}`, m.name, ['member'], { phone: m.phone })),
  ];
  const inserted = await tx.insert(users).values(userRows).returning({ id: users.id, username: users.username });
  const userId = new Map(inserted.map((r) => [r.username, r.id]));
  const uid = (name: string) => userId.get(name)!;

  const memberRows = async (tenantId: number, kind: ProposalKind, specs: typeof memberSpecs, usernames: string[]) => {
    const rows = await tx
      .insert(members)
      .values(specs.map((m, i) => ({ tenantId, kind, name: m.name, sector: m.sector, party: m.party, workplace: m.workplace, phone: m.phone, userId: uid(usernames[i]!) })))
      .returning();
    const byName = new Map(rows.map((r) => [r.name, r]));
    return specs.map((m) => ({ name: m.name, memberId: byName.get(m.name)!.id, userId: byName.get(m.name)!.userId! }));
  };
  const phMembers = await memberRows(ph, 'proposal', memberSpecs, memberSpecs.map((_, i) => (i === 0 ? 'weiyuan' : `wy${n2(i)}`)));
  const deputies = await memberRows(ph, 'suggestion', deputySpecs, deputySpecs.map((_, i) => `db${n2(i)}`));
  const jxMembers = await memberRows(jx, 'proposal', jxMemberSpecs, jxMemberSpecs.map((_, i) => `jx_wy${n2(i)}`));
  const leaderRows = await tx
    .insert(leaders)
    .values(LEADERS.map((l, i) => ({ tenantId: ph, name: l.name, title: l.title, organ: l.organ, userId: i === DEMO_LEADER ? uid('lingdao') : null })))
    .returning();

  const unitMap = (list: typeof phUnits) =>
    new Map(list.map((u) => [u.spec.code.replace(/^jx_/, ''), { id: u.id, code: u.spec.code, name: u.spec.name, userId: uid(u.spec.code), head: u.head, contact: u.contact, phone: u.phone }]));
  return {
    ph: {
      tenantId: ph, proposal: sessionOf(ph, 'proposal'), suggestion: sessionOf(ph, 'suggestion'), units: unitMap(phUnits), members: phMembers, deputies, users: userId,
      bodies: BODIES.map((b) => ({ name: b.name, bodyId: bodyOf(b.name), userId: uid(b.username) })),
      leaders: LEADERS.map((l) => leaderRows.find((r) => r.name === l.name)!),
    },
    jx: { tenantId: jx, proposal: sessionOf(jx, 'proposal'), units: unitMap(jxUnits), members: jxMembers, users: userId },
    phCal: await loadCalendar(tx, ph),
    jxCal: await loadCalendar(tx, jx),
  };
}
