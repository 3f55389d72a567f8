import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import {
  assignments,
  jointSupervisions,
  keyProposalLeaders,
  leaders,
  members,
  proposals,
  proposers,
  sessions,
  supervisionInstructions,
  supervisionMeetingLeaders,
  supervisionMeetingProposals,
  supervisionMeetings,
  tenants,
  units,
  users,
} from '../db/schema.js';
import { loadHolidayCalendar } from '../calendar/holidays.js';
import { appendAudit } from '../domain/audit-chain.js';
import { indexProposals } from '../search/index-proposals.js';
import { PLATFORM_TENANT_CODE, type LeaderOrgan, type LeaderRank, type MeetingKind } from '../../shared/domain.js';
import type { Org } from './org.js';
import { DEMO_LEADER, LEADERS } from './people.js';
import { at } from './rng.js';

// Leaders' supervision in the demo (issue 15): 嘉兴市 with its two county-level children 平湖市 and
// 海盐县; four 嘉兴 leaders of different organs each leading one key proposal, with 专题协商会,
// 现场督办 and 座谈会 on record (minutes, instructions followed up or open); one 海盐 key proposal
// supervised jointly with 嘉兴 (两级联合督办) with leaders of both levels; the platform administrator.

const JX_LEADERS: { name: string; title: string; organ: LeaderOrgan; rank: LeaderRank; user?: string }[] = [
  { name: '陈伟民', title: '市委书记', organ: 'party', rank: 'principal' },
  { name: '李国强', title: '市人大常委会主任', organ: 'npc', rank: 'principal' },
  { name: '王海东', title: '市长', organ: 'government', rank: 'principal', user: 'jx_lingdao' },
  { name: '张丽华', title: '市政协主席', organ: 'cppcc', rank: 'principal' },
];

interface MeetingSpec {
  tenantId: number;
  proposalIds: number[];
  kind: MeetingKind;
  day: string;
  place: string;
  chair: number;
  attending: number[];
  units: string;
  members: string;
  agenda: string;
  unitReport: string;
  memberOpinions: string;
  decisions: string;
  minutes: string;
  createdBy: number;
  instructions: { proposalId: number; leaderId: number; content: string; response?: string; respondedBy?: number }[];
}

async function meeting(tx: Tx, m: MeetingSpec) {
  const when = at(m.day, 15, 0);
  const [row] = await tx
    .insert(supervisionMeetings)
    .values({ tenantId: m.tenantId, kind: m.kind, meetingDate: m.day, place: m.place, chairLeaderId: m.chair, units: m.units, members: m.members, agenda: m.agenda, unitReport: m.unitReport, memberOpinions: m.memberOpinions, decisions: m.decisions, minutes: m.minutes, createdBy: m.createdBy, createdAt: when })
    .returning();
  await tx.insert(supervisionMeetingProposals).values(m.proposalIds.map((proposalId) => ({ tenantId: m.tenantId, meetingId: row!.id, proposalId })));
  await tx.insert(supervisionMeetingLeaders).values([...new Set([m.chair, ...m.attending])].map((leaderId) => ({ tenantId: m.tenantId, meetingId: row!.id, leaderId })));
  for (const i of m.instructions) {
    await tx.insert(supervisionInstructions).values({
      tenantId: m.tenantId, proposalId: i.proposalId, meetingId: row!.id, leaderId: i.leaderId, issuedOn: m.day, content: i.content, createdBy: m.createdBy, createdAt: when,
      ...(i.response ? { status: 'followed_up' as const, response: i.response, respondedBy: i.respondedBy ?? m.createdBy, respondedAt: at(m.day, 17, 0) } : {}),
    });
  }
  return row!.id;
}

export async function seedSupervision(tx: Tx, org: Org, hash: string) {
  const jx = org.jx.tenantId;
  const ph = org.ph.tenantId;
  const mkUser = async (tenantId: number, username: string, displayName: string, extra: Partial<typeof users.$inferInsert>) =>
    (await tx.insert(users).values({ tenantId, username, displayName, passwordHash: hash, roles: [], mustChangePassword: false, ...extra }).returning())[0]!.id;

  const unitName = async (proposalId: number) =>
    (await tx.select({ name: units.name }).from(assignments).innerJoin(units, eq(units.id, assignments.unitId)).where(and(eq(assignments.proposalId, proposalId), eq(assignments.role, 'lead'))))[0]?.name ?? '承办单位';

  // 平湖市: ranks of its leaders (the mayor and the CPPCC chair lead).
  for (const l of LEADERS) {
    const rank: LeaderRank = l.title === '市长' || l.title === '市政协主席' ? 'principal' : 'deputy';
    await tx.update(leaders).set({ rank }).where(and(eq(leaders.tenantId, ph), eq(leaders.name, l.name)));
  }

  // 平湖市: the demo leader (lingdao) chaired one 专题协商会 on two of the key proposals he leads.
  const [phLeader] = await tx.select().from(leaders).where(and(eq(leaders.tenantId, ph), eq(leaders.name, LEADERS[DEMO_LEADER]!.name)));
  const phLed = await tx
    .select({ id: proposals.id, title: proposals.title })
    .from(keyProposalLeaders)
    .innerJoin(proposals, eq(proposals.id, keyProposalLeaders.proposalId))
    .where(and(eq(keyProposalLeaders.leaderId, phLeader!.id), eq(proposals.sessionId, org.ph.proposal.id)))
    .orderBy(asc(proposals.number));
  if (phLed.length >= 2) {
    const [a, b] = phLed;
    const phUnit = await unitName(a!.id);
    await meeting(tx, {
      tenantId: ph, proposalIds: [a!.id, b!.id], kind: 'consultation', day: '2026-06-16', place: '平湖市行政中心第三会议室',
      chair: phLeader!.id, attending: [], units: `${phUnit}及相关会办单位`, members: '提案人及市政协提案委员会委员',
      agenda: '一、承办单位汇报两件重点提案办理进展；二、提案人发言；三、督办领导讲话',
      unitReport: `${phUnit}汇报：已制定专项方案，明确时间表和责任人，部分措施已落地见效。`,
      memberOpinions: '提案人认为办理态度积极，建议进一步细化考核，把成效落到群众身边。',
      decisions: '一、十月底前完成主要任务；二、年底前报送办理成效；三、市政协提案委跟踪督办。',
      minutes: `6月16日，${LEADERS[DEMO_LEADER]!.title}${LEADERS[DEMO_LEADER]!.name}主持召开重点提案专题协商会，一并督办「${a!.title}」和「${b!.title}」两件重点提案。`,
      createdBy: org.ph.users.get('tiweiban')!,
      instructions: [
        { proposalId: a!.id, leaderId: phLeader!.id, content: '要倒排工期、挂图作战，确保十月底前完成主要任务。', response: '已按时间节点推进，主要任务于10月24日完成。', respondedBy: org.ph.users.get('tiweiban')! },
        { proposalId: b!.id, leaderId: phLeader!.id, content: '会办单位要主动配合，形成工作合力。' },
      ],
    });
  }

  // 嘉兴市: four leaders of the four organs, the mayor with an account.
  const jxLeaderUser = await mkUser(jx, 'jx_lingdao', '王海东', { roles: ['leader'] });
  const jxLeaders = await tx
    .insert(leaders)
    .values(JX_LEADERS.map((l) => ({ tenantId: jx, name: l.name, title: l.title, organ: l.organ, rank: l.rank, userId: l.user ? jxLeaderUser : null })))
    .returning();
  const jl = (name: string) => jxLeaders.find((l) => l.name === name)!.id;
  const jxStaff = org.jx.users.get('jx_tiweiban')!;
  // Four of 嘉兴's handled proposals become its key proposals, one per leader.
  const jxProps = await tx
    .select({ id: proposals.id, title: proposals.title, status: proposals.status })
    .from(proposals)
    .where(and(eq(proposals.tenantId, jx), inArray(proposals.status, ['closed', 'following_up', 'handling'])))
    .orderBy(asc(proposals.number));
  const jxKeys = jxProps.slice(0, 4);
  await tx.update(proposals).set({ isKey: true }).where(inArray(proposals.id, jxKeys.map((p) => p.id)));
  await tx.insert(keyProposalLeaders).values(jxKeys.map((p, i) => ({ tenantId: jx, proposalId: p.id, leaderId: jxLeaders[i]!.id, createdAt: at('2026-03-05', 10, 0) })));
  const [k1, k2, k3, k4] = jxKeys;
  const u1 = await unitName(k1!.id);
  const u3 = await unitName(k3!.id);
  await meeting(tx, {
    tenantId: jx, proposalIds: [k1!.id, k2!.id], kind: 'consultation', day: '2026-05-21', place: '嘉兴市行政中心1号楼第三会议室',
    chair: jl('陈伟民'), attending: [jl('李国强'), jl('王海东')], units: `嘉兴市${u1}、发展和改革委员会、财政局`, members: '提案人及部分市政协委员',
    agenda: '一、承办单位汇报办理进展；二、提案人和委员发言；三、领导讲话',
    unitReport: `${u1}汇报：已会同相关部门制定工作方案，明确年度目标和责任分工，首批项目已开工。`,
    memberOpinions: '委员建议进一步加大资金投入，建立季度通报制度，把提案办理与年度重点工作结合起来。',
    decisions: '一、由市发改委牵头建立部门联席机制；二、九月底前完成中期评估；三、年底前形成办理成效报告。',
    minutes: '5月21日下午，市委书记陈伟民主持召开重点提案专题协商会，市人大常委会主任李国强、市长王海东出席。会议听取了承办单位办理情况汇报，提案人和委员代表作了发言。会议指出，要把重点提案办理作为推动中心工作的重要抓手，切实把委员的真知灼见转化为工作实效。',
    createdBy: jxStaff,
    instructions: [
      { proposalId: k1!.id, leaderId: jl('陈伟民'), content: '要把提案办理与年度重点工作结合起来，九月底前拿出阶段性成果。', response: '已形成阶段性成果报告，并于9月26日报市委办公室。' },
      { proposalId: k2!.id, leaderId: jl('王海东'), content: '市财政要统筹安排配套资金，确保项目按期推进。' },
    ],
  });
  await meeting(tx, {
    tenantId: jx, proposalIds: [k3!.id], kind: 'site_supervision', day: '2026-07-09', place: '南湖区项目现场',
    chair: jl('张丽华'), attending: [], units: `嘉兴市${u3}`, members: '提案人、市政协提案委员会委员',
    agenda: '实地察看项目进展，现场听取汇报',
    unitReport: `${u3}汇报：项目完成投资过半，预计年底前投入使用。`,
    memberOpinions: '委员希望在运营阶段引入第三方评估，并及时向社会公开进展。',
    decisions: '承办单位每季度向市政协提案委报送进展。',
    minutes: '7月9日，市政协主席张丽华带队赴项目现场督办重点提案，实地察看建设进度，听取承办单位汇报，与提案人面对面交流。',
    createdBy: jxStaff,
    instructions: [{ proposalId: k3!.id, leaderId: jl('张丽华'), content: '请承办单位每季度报送进展，年底组织“回头看”。', response: '已按季度报送，第三季度进展报告于10月10日报送。' }],
  });
  await meeting(tx, {
    tenantId: jx, proposalIds: [k4!.id], kind: 'discussion', day: '2026-09-17', place: '嘉兴市人大常委会会议室',
    chair: jl('李国强'), attending: [], units: '相关承办单位', members: '提案人、部分市人大代表和市政协委员',
    agenda: '座谈交流办理情况和下一步打算',
    unitReport: '承办单位介绍了政策出台和落实情况。',
    memberOpinions: '与会代表委员建议加强政策宣传，打通落实“最后一公里”。',
    decisions: '形成座谈纪要，印发相关部门抓好落实。',
    minutes: '9月17日，市人大常委会主任李国强主持召开重点提案办理座谈会。',
    createdBy: jxStaff,
    instructions: [{ proposalId: k4!.id, leaderId: jl('李国强'), content: '要加强政策宣传解读，确保惠企政策直达快享。' }],
  });

  // 海盐县: a second county of 嘉兴, with one key proposal supervised jointly with the city.
  const [hy] = await tx.insert(tenants).values({ name: '海盐县', level: 'county', code: '330424', parentId: jx }).returning();
  await loadHolidayCalendar(tx, hy!.id);
  const [hySession] = await tx
    .insert(sessions)
    .values({ tenantId: hy!.id, kind: 'proposal', name: '十届五次会议', term: 10, meeting: 5, year: 2026, plenaryStart: '2026-01-13', plenaryEnd: '2026-01-16' })
    .returning();
  const [hyUnit] = await tx.insert(units).values({ tenantId: hy!.id, name: '交通运输局' }).returning();
  const hyStaff = await mkUser(hy!.id, 'hy_tiweiban', '海盐县政协提案委', { roles: ['staff'], organ: 'cppcc' });
  const hyUnitUser = await mkUser(hy!.id, 'hy_jiaotong', '海盐县交通运输局', { roles: ['unit'], unitId: hyUnit!.id });
  const [hyMember] = await tx.insert(members).values({ tenantId: hy!.id, kind: 'proposal', name: '沈建平', sector: '经济界', party: '民建' }).returning();
  const [hyLeader] = await tx.insert(leaders).values({ tenantId: hy!.id, name: '吴晓峰', title: '县长', organ: 'government', rank: 'principal' }).returning();
  const [jp] = await tx
    .insert(proposals)
    .values({
      tenantId: hy!.id, sessionId: hySession!.id, kind: 'proposal', number: 1, status: 'handling', isKey: true,
      title: '关于加快海盐至嘉兴城际公交一体化的建议', category: 'urban', submittedDuring: 'plenary',
      body: '海盐至嘉兴市区的公共交通衔接不畅，班次少、换乘多。建议：一、开通城际公交快线；二、推进两地公交一卡通互认；三、优化沿线站点布局。',
      createdBy: hyStaff, submittedAt: at('2026-01-14', 10, 0), reviewDecision: 'filed', reviewedAt: at('2026-01-20', 10, 0),
      assignmentMode: 'single', assignedAt: '2026-03-10', deadline: '2026-06-10',
    })
    .returning();
  await tx.update(sessions).set({ lastNumber: 1 }).where(eq(sessions.id, hySession!.id));
  await tx.insert(proposers).values({ tenantId: hy!.id, proposalId: jp!.id, position: 0, memberId: hyMember!.id, confirmation: 'lead' });
  await tx.insert(assignments).values({ tenantId: hy!.id, proposalId: jp!.id, unitId: hyUnit!.id, role: 'lead', status: 'signed', assignedAt: '2026-03-10' });
  const jxMayor = jl('王海东');
  await tx.insert(keyProposalLeaders).values([
    { tenantId: hy!.id, proposalId: jp!.id, leaderId: hyLeader!.id, createdAt: at('2026-03-05', 10, 0) },
    { tenantId: hy!.id, proposalId: jp!.id, leaderId: jxMayor, createdAt: at('2026-04-02', 10, 0) },
  ]);
  const [joint] = await tx
    .insert(jointSupervisions)
    .values({ tenantId: hy!.id, proposalId: jp!.id, partnerTenantId: jx, status: 'accepted', note: '首次开展市县两级联合督办', invitedBy: hyStaff, invitedAt: at('2026-03-20', 9, 0), answeredBy: jxStaff, answeredAt: at('2026-03-25', 14, 0) })
    .returning();
  await meeting(tx, {
    tenantId: hy!.id, proposalIds: [jp!.id], kind: 'consultation', day: '2026-06-18', place: '海盐县行政中心会议室',
    chair: jxMayor, attending: [hyLeader!.id], units: '海盐县交通运输局、嘉兴市交通运输局、嘉兴市公交集团', members: '提案人沈建平及部分县政协委员',
    agenda: '市县两级联合督办重点提案专题协商',
    unitReport: '海盐县交通运输局汇报：城际快线线路方案已编制完成，与嘉兴市公交集团达成运营合作意向。',
    memberOpinions: '委员建议尽快实现一卡通互认，并在早晚高峰加密班次。',
    decisions: '一、十月底前开通城际快线；二、年底前实现一卡通互认；三、两级提案委跟踪督办。',
    minutes: '6月18日，嘉兴市市长王海东、海盐县县长吴晓峰共同主持市县两级联合督办专题协商会，这是两级首次联合督办重点提案。会议听取承办单位汇报，提案人和委员发言，两级领导分别提出要求。',
    createdBy: jxLeaderUser,
    instructions: [
      { proposalId: jp!.id, leaderId: jxMayor, content: '市县两级交通部门要加强协同，确保城际快线十月底前开通。', response: '城际快线已于10月28日开通试运营。', respondedBy: hyUnitUser },
      { proposalId: jp!.id, leaderId: hyLeader!.id, content: '县交通运输局要抓紧推进一卡通互认。' },
    ],
  });
  await indexProposals(tx, [jp!.id]);
  await appendAudit(tx, [
    { tenantId: hy!.id, actorId: hyStaff, ip: null, action: 'proposal.designate_key', entityType: 'proposal', entityId: jp!.id, proposalId: jp!.id, after: { isKey: true }, at: at('2026-03-05', 10, 0) },
    { tenantId: hy!.id, actorId: hyStaff, ip: null, action: 'joint.invite', entityType: 'joint_supervision', entityId: joint!.id, proposalId: jp!.id, after: { partnerTenantId: jx }, at: at('2026-03-20', 9, 0) },
    { tenantId: hy!.id, actorId: jxStaff, ip: null, action: 'joint.accept', entityType: 'joint_supervision', entityId: joint!.id, proposalId: jp!.id, after: { viaTenantId: jx, crossTenant: true }, at: at('2026-03-25', 14, 0) },
  ]);

  // The platform administrator, in the platform's own tenant.
  const [platform] = await tx.insert(tenants).values({ name: '平台', level: 'platform', code: PLATFORM_TENANT_CODE }).returning();
  await mkUser(platform!.id, 'pingtai', '平台管理员', { platformAdmin: true });
}
