import { z } from 'zod';
import { STATES } from '../lifecycle.js';
import { PROPOSAL_KINDS, RESULT_CLASSES, SUPERVISION_KINDS } from '../domain.js';
import { dayString, text, versionField } from './common.js';

export const designateKeyBody = z.object({
  /** May be empty: a session often publishes its key proposals before their leaders are named. */
  leaderIds: z
    .array(z.number().int().positive('督办领导编号无效').max(2147483647, '督办领导编号无效'), { error: '请选择督办领导' })
    .max(20, '督办领导最多20位')
    .default([]),
  note: z.string().trim().max(2000, '说明不能超过2000字').optional(),
  version: versionField,
});
export type DesignateKeyBody = z.infer<typeof designateKeyBody>;

export const unkeyBody = z.object({ version: versionField });

export const keyProposalsQuery = z.object({
  sessionId: z.coerce.number().int().positive('届次会议编号无效').optional(),
});

export const leaderRef = z.object({ name: z.string(), title: z.string() });
export const unitRef = z.object({ id: z.number().int(), name: z.string() });

export const keyProposalItem = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  /** 政协提案 or 人大代表建议: the office and the leaders see both organs' key items. */
  kind: z.enum(PROPOSAL_KINDS.values),
  number: z.number().int().nullable(),
  title: z.string(),
  proposers: z.array(z.string()),
  /** `levelName`: the other level's leader on a jointly supervised proposal (两级联合督办). */
  leaders: z.array(leaderRef.extend({ id: z.number().int(), levelName: z.string().optional() })),
  leadUnit: unitRef.nullable(),
  status: z.enum(STATES),
  resultClass: z.enum(RESULT_CLASSES.values).nullable(),
  activityCount: z.number().int(),
  published: z.boolean(),
  version: z.number().int(),
});
export type KeyProposalItem = z.infer<typeof keyProposalItem>;
export const keyProposalList = z.object({ items: z.array(keyProposalItem) });

export const supervisionActivityBody = z.object({
  kind: z.enum(SUPERVISION_KINDS.values, { error: '请选择督办活动类型（专题协商会、督办会、实地视察或座谈）' }),
  activityDate: dayString,
  place: text('地点', 200),
  participants: text('参加人员', 2000),
  content: text('活动内容', 20000),
  unitReport: z.string().trim().max(20000, '承办单位汇报不能超过20000字').optional(),
  memberOpinions: z.string().trim().max(20000, '委员意见不能超过20000字').optional(),
  instructions: z.string().trim().max(20000, '领导批示不能超过20000字').optional(),
});
export type SupervisionActivityBody = z.infer<typeof supervisionActivityBody>;

export const supervisionActivity = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  kind: z.enum(SUPERVISION_KINDS.values),
  activityDate: z.string(),
  place: z.string(),
  participants: z.string(),
  content: z.string(),
  unitReport: z.string().nullable(),
  memberOpinions: z.string().nullable(),
  instructions: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type SupervisionActivity = z.infer<typeof supervisionActivity>;
export const supervisionActivityList = z.object({ items: z.array(supervisionActivity) });

export const publishBody = z.object({
  published: z.boolean({ error: '请选择公开或撤回公开' }),
  version: versionField,
});
export type PublishBody = z.infer<typeof publishBody>;
