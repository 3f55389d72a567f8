import { z } from 'zod';
import { STATES } from '../lifecycle.js';
import {
  INSTRUCTION_STATUSES,
  JOINT_STATUSES,
  LEADER_ORGANS,
  LEADER_RANKS,
  MEETING_KINDS,
  PROPOSAL_KINDS,
  RESULT_CLASSES,
  TENANT_LEVEL_VALUES,
} from '../domain.js';
import { dayString, text } from './common.js';

// Leaders' supervision (issue 15): meetings, instructions, joint city–county supervision, the
// leader's page, the supervision figures, the platform's tenants and a parent's overview.

const ref = (label: string) => z.number({ error: `请选择${label}` }).int(`${label}编号无效`).positive(`${label}编号无效`).max(2147483647, `${label}编号无效`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过${max}字`).optional();
export const proposalIdQuery = z.object({ proposalId: z.coerce.number().int('编号无效').positive('编号无效').max(2147483647, '编号无效') });

/** A leader as printed: organ and name, with the level (市/县) they belong to. */
export const leaderBrief = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  organ: z.enum(LEADER_ORGANS.values).nullable(),
  rank: z.enum(LEADER_RANKS.values).nullable(),
  tenantId: z.number().int(),
  tenantName: z.string(),
  /** 「市政协领导朱卫国」, 「县委领导王海」 */
  printName: z.string(),
});
export type LeaderBrief = z.infer<typeof leaderBrief>;

export const proposalBrief = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  tenantName: z.string(),
  kind: z.enum(PROPOSAL_KINDS.values),
  number: z.number().int().nullable(),
  title: z.string(),
});
export type ProposalBrief = z.infer<typeof proposalBrief>;

const instructionItem = z.object({
  leaderId: ref('督办领导'),
  /** Which of the meeting's proposals; may be left out when the meeting covers one. */
  proposalId: ref('重点提案').optional(),
  content: text('批示内容', 5000),
});

export const meetingBody = z.object({
  proposalIds: z.array(ref('重点提案'), { error: '请选择会议涉及的重点提案' }).min(1, '请选择会议涉及的重点提案').max(20, '一次会议最多涉及20件重点提案'),
  kind: z.enum(MEETING_KINDS.values, { error: '请选择会议类型（专题协商会、现场督办或座谈会）' }),
  meetingDate: dayString,
  place: text('地点', 200),
  chairLeaderId: ref('主持领导').nullable().optional(),
  leaderIds: z.array(ref('出席领导')).max(30, '出席领导最多30位').default([]),
  units: optionalText('参加单位', 2000),
  members: optionalText('参加委员', 2000),
  agenda: text('会议议程', 5000),
  unitReport: optionalText('承办单位汇报', 20000),
  memberOpinions: optionalText('委员意见', 20000),
  decisions: optionalText('会议议定事项', 20000),
  minutes: optionalText('会议纪要', 50000),
  instructions: z.array(instructionItem).max(30, '领导批示最多30条').default([]),
});
export type MeetingBody = z.infer<typeof meetingBody>;

export const instruction = z.object({
  id: z.number().int(),
  proposal: proposalBrief,
  meetingId: z.number().int().nullable(),
  leader: leaderBrief,
  issuedOn: z.string(),
  content: z.string(),
  status: z.enum(INSTRUCTION_STATUSES.values),
  response: z.string().nullable(),
  respondedByName: z.string().nullable(),
  respondedAt: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type Instruction = z.infer<typeof instruction>;
export const instructionList = z.object({ items: z.array(instruction) });

export const meetingAttachment = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type MeetingAttachment = z.infer<typeof meetingAttachment>;

export const meeting = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  kind: z.enum(MEETING_KINDS.values),
  meetingDate: z.string(),
  place: z.string(),
  chair: leaderBrief.nullable(),
  leaders: z.array(leaderBrief),
  proposals: z.array(proposalBrief),
  units: z.string().nullable(),
  members: z.string().nullable(),
  agenda: z.string(),
  unitReport: z.string().nullable(),
  memberOpinions: z.string().nullable(),
  decisions: z.string().nullable(),
  minutes: z.string().nullable(),
  instructions: z.array(instruction),
  /** 会议纪要、照片 as files. */
  attachments: z.array(meetingAttachment),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type Meeting = z.infer<typeof meeting>;
export const meetingList = z.object({ items: z.array(meeting) });

export const instructionBody = z.object({
  proposalId: ref('重点提案'),
  /** Staff and the office name the leader; a leader records his own (left out or his own id). */
  leaderId: ref('督办领导').optional(),
  meetingId: ref('督办会议').optional(),
  issuedOn: dayString,
  content: text('批示内容', 5000),
});
export type InstructionBody = z.infer<typeof instructionBody>;

export const followUpBody = z.object({ response: text('落实情况', 5000) });

// ---- 两级联合督办 ----
export const jointInviteBody = z.object({ proposalId: ref('重点提案'), note: optionalText('说明', 2000) });
export const jointAnswerBody = z.object({ note: optionalText('说明', 2000) });
export const jointLeadersBody = z.object({ leaderIds: z.array(ref('督办领导')).max(20, '督办领导最多20位') });

export const joint = z.object({
  id: z.number().int(),
  status: z.enum(JOINT_STATUSES.values),
  proposal: proposalBrief,
  ownerTenant: z.object({ id: z.number().int(), name: z.string() }),
  partnerTenant: z.object({ id: z.number().int(), name: z.string() }),
  /** Which side the caller is on. */
  side: z.enum(['owner', 'partner']),
  note: z.string().nullable(),
  invitedAt: z.string(),
  answeredAt: z.string().nullable(),
  leaders: z.array(leaderBrief),
});
export type Joint = z.infer<typeof joint>;
export const jointList = z.object({ items: z.array(joint) });

export const jointActivity = z.object({ id: z.number().int(), kind: z.string(), activityDate: z.string(), place: z.string(), content: z.string(), instructions: z.string().nullable() });

/** What both levels see of a jointly supervised proposal: it, its handling and its supervision. */
export const jointView = joint.extend({
  sessionName: z.string(),
  proposalStatus: z.enum(STATES),
  body: z.string(),
  proposers: z.array(z.string()),
  units: z.array(z.object({ name: z.string(), role: z.string(), status: z.string() })),
  replies: z.array(z.object({ unitName: z.string(), resultClass: z.enum(RESULT_CLASSES.values), repliedOn: z.string().nullable(), content: z.string() })),
  activities: z.array(jointActivity),
  meetings: z.array(meeting),
  instructions: z.array(instruction),
});
export type JointView = z.infer<typeof jointView>;

// ---- the leader's page ----
export const leaderSupervision = z.object({
  leader: leaderBrief,
  proposals: z.array(proposalBrief.extend({ joint: z.boolean() })),
  meetings: z.array(meeting),
  instructions: z.array(instruction),
});
export type LeaderSupervision = z.infer<typeof leaderSupervision>;

// ---- figures ----
export const supervisionFigures = z.object({
  sessionId: z.number().int(),
  tenantName: z.string(),
  keyProposals: z.number().int(),
  /** Key proposals led by a principal leader of 党委, 人大, 政府 or 政协 of this level. */
  principalLed: z.number().int(),
  /** 「市委、市人大、市政府、市政协主要领导领衔督办 4 件」 */
  principalSentence: z.string(),
  byOrgan: z.array(z.object({ organ: z.enum(LEADER_ORGANS.values), label: z.string(), proposals: z.number().int(), principalProposals: z.number().int(), leaders: z.number().int() })),
  byLeader: z.array(leaderBrief.extend({ proposals: z.number().int(), meetings: z.number().int(), instructions: z.number().int(), openInstructions: z.number().int() })),
  meetings: z.number().int(),
  instructions: z.object({ total: z.number().int(), followedUp: z.number().int() }),
  /** 两级联合督办: this level's key proposals supervised with its parent, and its children's with it. */
  joint: z.object({
    withParent: z.number().int(),
    withChildren: z.number().int(),
    items: z.array(proposalBrief.extend({ leaders: z.array(z.string()) })),
  }),
  jointSentence: z.string().nullable(),
});
export type SupervisionFigures = z.infer<typeof supervisionFigures>;

// ---- the platform's tenants ----
export const tenantOut = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  level: z.enum(TENANT_LEVEL_VALUES),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  active: z.boolean(),
  administrators: z.array(z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()) })),
});
export type TenantOut = z.infer<typeof tenantOut>;
export const tenantList = z.object({ items: z.array(tenantOut) });
export const tenantBody = z.object({
  name: text('名称', 50),
  code: text('行政区划代码', 20).regex(/^[0-9A-Za-z-]+$/, '代码只能含字母、数字和连字符'),
  level: z.enum(TENANT_LEVEL_VALUES, { error: '请选择级别：省、市、区或县' }),
  parentId: ref('上级单位').nullable().optional(),
});
export const tenantPatch = z.object({
  name: text('名称', 50).optional(),
  parentId: ref('上级单位').nullable().optional(),
  active: z.boolean().optional(),
});
export const tenantAdminBody = z.object({
  role: z.enum(['sysadmin', 'secadmin', 'auditor'], { error: '请选择系统管理员、安全管理员或审计管理员' }),
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名须为3到32位字母、数字、下划线、点或连字符'),
  displayName: text('姓名', 50),
});
export const tenantAdminOut = z.object({ username: z.string(), displayName: z.string(), password: z.string() });

// ---- a parent's overview of its children ----
export const oversight = z.object({
  children: z.array(
    z.object({
      tenantId: z.number().int(),
      name: z.string(),
      level: z.string(),
      sessions: z.array(
        z.object({
          id: z.number().int(),
          kind: z.enum(PROPOSAL_KINDS.values),
          name: z.string(),
          year: z.number().int(),
          received: z.number().int(),
          filed: z.number().int(),
          handled: z.number().int(),
          keyProposals: z.number().int(),
          overdue: z.number().int(),
          onTimeRate: z.number().nullable(),
          satisfactionRate: z.number().nullable(),
          keyItems: z.array(
            z.object({
              number: z.number().int().nullable(),
              title: z.string(),
              status: z.enum(STATES),
              leadUnit: z.string().nullable(),
              leaders: z.array(z.string()),
              resultClass: z.enum(RESULT_CLASSES.values).nullable(),
              overdue: z.boolean(),
              joint: z.boolean(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type Oversight = z.infer<typeof oversight>;
