import { sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.js';
import { bodies, leaders, members, sessions, tenants, units, users } from '../../src/server/db/schema.js';
import { loadHolidayCalendar } from '../../src/server/calendar/holidays.js';
import { BODIES, LEADERS, makeMembers, NameMaker, UNITS } from '../../src/server/seed/people.js';
import type { Rng } from '../../src/server/seed/rng.js';
import type { ProposalKind } from '../../src/shared/domain.js';

// The organisations of the synthetic province: 浙江省, its 11 cities and their counties and
// districts, each with its two committees' sessions (政协 proposals, 人大 suggestions) per year,
// its handling units, bodies, leaders, members and a few accounts. Small: plain inserts.

const CITIES: [string, string, string][] = [
  ['杭州市', '330100', '上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 临平区 钱塘区 富阳区 临安区 桐庐县 淳安县 建德市'],
  ['宁波市', '330200', '海曙区 江北区 北仑区 镇海区 鄞州区 奉化区 余姚市 慈溪市 象山县 宁海县'],
  ['温州市', '330300', '鹿城区 龙湾区 瓯海区 洞头区 瑞安市 乐清市 龙港市 永嘉县 平阳县 苍南县 文成县 泰顺县'],
  ['嘉兴市', '330400', '南湖区 秀洲区 海宁市 平湖市 桐乡市 嘉善县 海盐县'],
  ['湖州市', '330500', '吴兴区 南浔区 德清县 长兴县 安吉县'],
  ['绍兴市', '330600', '越城区 柯桥区 上虞区 诸暨市 嵊州市 新昌县'],
  ['金华市', '330700', '婺城区 金东区 兰溪市 义乌市 东阳市 永康市 武义县 浦江县 磐安县'],
  ['衢州市', '330800', '柯城区 衢江区 江山市 常山县 开化县 龙游县'],
  ['舟山市', '330900', '定海区 普陀区 岱山县 嵊泗县'],
  ['台州市', '331000', '椒江区 黄岩区 路桥区 临海市 温岭市 玉环市 三门县 天台县 仙居县'],
  ['丽水市', '331100', '莲都区 龙泉市 青田县 缙云县 遂昌县 松阳县 云和县 庆元县 景宁畲族自治县'],
];

/** Relative size of a tenant's sessions: a province receives more than a city, a city more than a county. */
export const WEIGHT = { province: 10, city: 4, district: 1, county: 1 } as const;

export interface GenUnit {
  id: number;
  code: string;
  name: string;
  userId: number;
  head: string;
  contact: string;
  phone: string;
}

export interface GenSession {
  id: number;
  kind: ProposalKind;
  year: number;
  name: string;
}

export interface GenTenant {
  id: number;
  name: string;
  level: keyof typeof WEIGHT;
  weight: number;
  sessions: GenSession[];
  units: GenUnit[];
  unitByCode: Map<string, GenUnit>;
  members: Record<ProposalKind, { id: number; name: string; userId: number | null }[]>;
  bodies: { id: number; name: string }[];
  leaders: number[];
  staff: number;
  office: number;
}

const CN = '〇一二三四五六七八九十';
const cnNum = (n: number) => (n <= 10 ? CN[n]! : n < 20 ? `十${CN[n - 10]}` : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`);

/** Term and meeting of a year: five-year terms starting 2018 (政协 from the 12th, 人大 from the 13th). */
function termOf(kind: ProposalKind, year: number) {
  const k = Math.floor((year - 2018) / 5);
  const term = (kind === 'proposal' ? 12 : 13) + k;
  const meeting = year - 2018 - 5 * k + 1;
  return { term, meeting, name: `${cnNum(term)}届${cnNum(meeting)}次会议` };
}

/** The tenant list, province first: `count` tenants at most (1 + 11 cities + up to 90 counties). */
function tenantPlan(count: number) {
  const out: { name: string; code: string; level: keyof typeof WEIGHT; parent: number | null }[] = [
    { name: '浙江省', code: '330000', level: 'province', parent: null },
  ];
  CITIES.forEach(([name, code]) => out.push({ name, code, level: 'city', parent: 0 }));
  const counties = CITIES.flatMap(([, code, list], ci) => list.split(' ').map((n, i) => ({ name: n, code: `${code.slice(0, 4)}${String(i + 2).padStart(2, '0')}`, level: (n.endsWith('区') ? 'district' : 'county') as keyof typeof WEIGHT, parent: ci + 1 })));
  // Interleaved by city so that a small --tenants still spreads over the cities.
  counties.sort((a, b) => Number(a.code.slice(4)) - Number(b.code.slice(4)) || a.parent - b.parent);
  out.push(...counties);
  return out.slice(0, Math.max(1, count));
}

export async function createOrg(db: Db, rng: Rng, opts: { tenants: number; years: number; lastYear: number; passwordHash: string }): Promise<GenTenant[]> {
  const plan = tenantPlan(opts.tenants);
  const out: GenTenant[] = [];
  const ids: number[] = [];
  for (const [ti, t] of plan.entries()) {
    await db.transaction(async (tx) => {
      const [row] = await tx.insert(tenants).values({ name: t.name, level: t.level, code: t.code, parentId: t.parent === null ? null : ids[t.parent]! }).returning();
      const tenantId = row!.id;
      ids.push(tenantId);
      await loadHolidayCalendar(tx, tenantId);
      const names = new NameMaker(rng);
      const prefix = t.level === 'province' ? '省' : t.level === 'city' ? '市' : t.level === 'district' ? '区' : '县';
      const sessionRows: (typeof sessions.$inferInsert)[] = [];
      for (let y = opts.lastYear - opts.years + 1; y <= opts.lastYear; y++) {
        for (const kind of ['proposal', 'suggestion'] as const) {
          const { term, meeting, name } = termOf(kind, y);
          sessionRows.push({ tenantId, kind, name, term, meeting, year: y, plenaryStart: `${y}-01-10`, plenaryEnd: `${y}-01-13`, isCurrent: y === opts.lastYear });
        }
      }
      const sess = await tx.insert(sessions).values(sessionRows).returning({ id: sessions.id, kind: sessions.kind, year: sessions.year, name: sessions.name });
      const u = `t${ti + 1}`;
      const mk = (username: string, displayName: string, roles: (typeof users.$inferInsert)['roles'], extra: Partial<typeof users.$inferInsert> = {}) => ({
        tenantId, username: `${u}_${username}`, displayName, passwordHash: opts.passwordHash, roles, mustChangePassword: false, ...extra,
      });
      const [staff, office] = await tx
        .insert(users)
        .values([mk('staff', `${t.name}政协提案委`, ['staff'], { organ: 'cppcc' }), mk('office', `${t.name}政府办督查室`, ['office'])])
        .returning({ id: users.id });
      const specs = UNITS.map((s) => ({ ...s, name: s.kind === 'department' ? `${prefix}${s.name}` : s.name }));
      const unitRows = await tx
        .insert(units)
        .values(specs.map((s) => ({ tenantId, name: s.name, kind: s.kind, contactName: names.next(), contactPhone: `0571-8${String(rng.int(0, 9_999_999)).padStart(7, '0')}` })))
        .returning();
      const unitUsers = await tx
        .insert(users)
        .values(unitRows.map((r) => mk(`u${r.id}`, r.name, ['unit'], { unitId: r.id })))
        .returning({ id: users.id, unitId: users.unitId });
      const genUnits: GenUnit[] = specs.map((s) => {
        const r = unitRows.find((x) => x.name === s.name)!;
        return { id: r.id, code: s.code, name: r.name, userId: unitUsers.find((x) => x.unitId === r.id)!.id, head: names.next(), contact: r.contactName!, phone: r.contactPhone! };
      });
      const bodyRows = await tx
        .insert(bodies)
        .values(BODIES.map((b) => ({ tenantId, name: b.name.replace('平湖市', t.name), kind: b.kind })))
        .returning({ id: bodies.id, name: bodies.name });
      const leaderRows = await tx
        .insert(leaders)
        .values(LEADERS.map((l) => ({ tenantId, name: l.name, title: l.title.replace('市', prefix) })))
        .returning({ id: leaders.id });
      const count = Math.round(120 + 60 * WEIGHT[t.level]);
      const memberRows: GenTenant['members'] = { proposal: [], suggestion: [] };
      for (const kind of ['proposal', 'suggestion'] as const) {
        const specsM = makeMembers(rng, names, count);
        // A few members sign in themselves; the rest have their proposals entered by staff (代录).
        const accounts = await tx
          .insert(users)
          .values(specsM.slice(0, 5).map((m, i) => mk(`${kind === 'proposal' ? 'm' : 'd'}${i + 1}`, m.name, ['member'])))
          .returning({ id: users.id });
        const rows = await tx
          .insert(members)
          .values(specsM.map((m, i) => ({ tenantId, kind, name: m.name, sector: m.sector, party: m.party, workplace: m.workplace, phone: m.phone, userId: accounts[i]?.id ?? null })))
          .returning({ id: members.id, name: members.name, userId: members.userId });
        memberRows[kind] = rows;
      }
      out.push({
        id: tenantId, name: t.name, level: t.level, weight: WEIGHT[t.level], sessions: sess, units: genUnits,
        unitByCode: new Map(genUnits.map((g) => [g.code, g])), members: memberRows, bodies: bodyRows,
        leaders: leaderRows.map((l) => l.id), staff: staff!.id, office: office!.id,
      });
    });
  }
  await db.execute(sql`analyze`);
  return out;
}
