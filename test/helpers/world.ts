import type { Db } from '../../src/server/db/client.js';
import { bodies, leaders, members, sessions, tenants, units, users } from '../../src/server/db/schema.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import type { Role } from '../../src/shared/roles.js';
import { loadHolidayCalendar } from '../../src/server/calendar/holidays.js';

export const TEST_PASSWORD = 'Test@pass2026';

export interface World {
  tenantId: number;
  otherTenantId: number;
  sessionId: number;
  otherSessionId: number;
  units: { nongye: number; jiaoyu: number; weijian: number; other: number };
  bodyId: number;
  members: { wang: number; li: number; zhao: number };
  leaderId: number;
  /** Usernames by role of the main tenant, plus a few extra accounts. */
  users: Record<
    | 'member' | 'member2' | 'member3' | 'group' | 'staff' | 'office' | 'unit' | 'unit2' | 'unit3'
    | 'leader' | 'sysadmin' | 'secadmin' | 'auditor' | 'otherStaff' | 'otherUnit',
    { id: number; username: string }
  >;
}

/**
 * A small, fully described world for tests: a city with a county-level child (the "other"
 * tenant), one session each, three units, a body, three members, a leader and one user per role.
 */
export async function buildWorld(db: Db): Promise<World> {
  const hash = await hashPassword(TEST_PASSWORD);
  const [city] = await db.insert(tenants).values({ name: '测试市', level: 'city', code: 'T-CITY' }).returning();
  const [county] = await db.insert(tenants).values({ name: '测试县', level: 'county', code: 'T-COUNTY', parentId: city!.id }).returning();
  await loadHolidayCalendar(db, city!.id);
  await loadHolidayCalendar(db, county!.id);
  const mkSession = async (tenantId: number) =>
    (await db.insert(sessions).values({ tenantId, kind: 'proposal', name: '十一届四次会议', term: 11, meeting: 4, year: 2025 }).returning())[0]!.id;
  const sessionId = await mkSession(city!.id);
  const otherSessionId = await mkSession(county!.id);
  const mkUnit = async (tenantId: number, name: string) => (await db.insert(units).values({ tenantId, name }).returning())[0]!.id;
  const u = {
    nongye: await mkUnit(city!.id, '农业农村局'),
    jiaoyu: await mkUnit(city!.id, '教育局'),
    weijian: await mkUnit(city!.id, '卫生健康局'),
    other: await mkUnit(county!.id, '县教育局'),
  };
  const [body] = await db.insert(bodies).values({ tenantId: city!.id, name: '民盟测试市基层委', kind: 'party' }).returning();

  const mkUser = async (tenantId: number, username: string, roles: Role[], extra: Partial<typeof users.$inferInsert> = {}) =>
    (await db.insert(users).values({ tenantId, username, displayName: username, passwordHash: hash, roles, ...extra }).returning())[0]!;
  const t = city!.id;
  const all = {
    member: await mkUser(t, 't_member', ['member']),
    member2: await mkUser(t, 't_member2', ['member']),
    member3: await mkUser(t, 't_member3', ['member']),
    group: await mkUser(t, 't_group', ['group'], { bodyId: body!.id }),
    staff: await mkUser(t, 't_staff', ['staff'], { organ: 'cppcc' }),
    office: await mkUser(t, 't_office', ['office']),
    unit: await mkUser(t, 't_unit', ['unit'], { unitId: u.nongye }),
    unit2: await mkUser(t, 't_unit2', ['unit'], { unitId: u.jiaoyu }),
    unit3: await mkUser(t, 't_unit3', ['unit'], { unitId: u.weijian }),
    leader: await mkUser(t, 't_leader', ['leader']),
    sysadmin: await mkUser(t, 't_sysadmin', ['sysadmin']),
    secadmin: await mkUser(t, 't_secadmin', ['secadmin']),
    auditor: await mkUser(t, 't_auditor', ['auditor']),
    otherStaff: await mkUser(county!.id, 't_other_staff', ['staff'], { organ: 'cppcc' }),
    otherUnit: await mkUser(county!.id, 't_other_unit', ['unit'], { unitId: u.other }),
  };
  const mkMember = async (name: string, userId: number) =>
    (await db.insert(members).values({ tenantId: t, kind: 'proposal', name, sector: '经济界', party: '民盟', userId }).returning())[0]!.id;
  const m = { wang: await mkMember('王建国', all.member.id), li: await mkMember('李秀英', all.member2.id), zhao: await mkMember('赵志强', all.member3.id) };
  const [leader] = await db.insert(leaders).values({ tenantId: t, name: '陈副市长', title: '副市长', userId: all.leader.id }).returning();
  const usersOut = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, { id: v.id, username: v.username }])) as World['users'];
  return { tenantId: t, otherTenantId: county!.id, sessionId, otherSessionId, units: u, bodyId: body!.id, members: m, leaderId: leader!.id, users: usersOut };
}

/** A platform administrator (issue 15), `t_platform`: in the PLATFORM tenant, with no role inside any tenant. */
export async function addPlatformAdmin(db: Db): Promise<string> {
  const [t] = await db.insert(tenants).values({ name: '平台', level: 'platform', code: 'PLATFORM' }).returning();
  await db.insert(users).values({ tenantId: t!.id, username: 't_platform', displayName: '平台管理员', passwordHash: await hashPassword(TEST_PASSWORD), roles: [], platformAdmin: true });
  return 't_platform';
}
