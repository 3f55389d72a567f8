import { z } from 'zod';
import { STATES } from '../lifecycle.js';
import { CATEGORIES, PROPOSAL_KINDS, RESULT_CLASSES, SUPERVISION_KINDS } from '../domain.js';
import { pageQuery } from './common.js';

// What the public portal shows. Deliberately narrow: names and 界别 of proposers, never ids of
// people, user names, phone numbers or anything else personal.

const tenantIdField = z.coerce.number({ error: '请指定地区' }).int().positive('地区编号无效');

export const publicTenantQuery = z.object({ tenantId: tenantIdField });

export const publicProposalsQuery = pageQuery.extend({
  tenantId: tenantIdField,
  sessionId: z.coerce.number().int().positive('届次会议编号无效').optional(),
  /** One organ's items: proposal (政协提案) or suggestion (人大代表建议). */
  kind: z.enum(PROPOSAL_KINDS.values, { error: '类型只能是 proposal（政协提案）或 suggestion（人大代表建议）' }).optional(),
  q: z.string().trim().max(100, '关键词不能超过100字').optional(),
  isKey: z.enum(['true', 'false'], { error: 'isKey 只能是 true 或 false' }).optional(),
});

export const publicKeyProposalsQuery = z.object({
  tenantId: tenantIdField,
  sessionId: z.coerce.number().int().positive('届次会议编号无效').optional(),
  kind: z.enum(PROPOSAL_KINDS.values, { error: '类型只能是 proposal（政协提案）或 suggestion（人大代表建议）' }).optional(),
});

export const publicTenant = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.string(),
  /** It has published proposals or published key-task periods: something to show. */
  hasPublished: z.boolean(),
});
export const publicTenantList = z.object({
  items: z.array(publicTenant),
  /** The portal's default region, the same on every page: the one with the most published proposals (else with published tables, else the first). */
  defaultTenantId: z.number().int().nullable(),
});

export const publicSession = z.object({
  id: z.number().int(),
  tenantId: z.number().int(),
  kind: z.enum(PROPOSAL_KINDS.values),
  name: z.string(),
  year: z.number().int(),
  isCurrent: z.boolean(),
});
export const publicSessionList = z.object({ items: z.array(publicSession) });

export const publicProposer = z.object({
  name: z.string(),
  /** 界别 of a member; the kind of body (党派团体 …) for a body. */
  sector: z.string().nullable(),
});

export const publicLeader = z.object({ name: z.string(), title: z.string() });

export const publicProposalItem = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  /** 届次: the session's name and year (e.g. 2026, 政协平湖市第十一届委员会第五次会议). */
  sessionName: z.string(),
  sessionYear: z.number().int(),
  /** 政协提案 or 人大代表建议: the portal keeps the two organs apart. */
  kind: z.enum(PROPOSAL_KINDS.values),
  number: z.number().int().nullable(),
  title: z.string(),
  category: z.enum(CATEGORIES.values),
  isKey: z.boolean(),
  status: z.enum(STATES),
  proposers: z.array(publicProposer),
  leadUnit: z.string().nullable(),
  resultClass: z.enum(RESULT_CLASSES.values).nullable(),
  publishedAt: z.string().nullable(),
});
export const publicProposalPage = z.object({
  items: z.array(publicProposalItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const publicKeyProposalItem = publicProposalItem.extend({ leaders: z.array(publicLeader) });
export const publicKeyProposalList = z.object({ items: z.array(publicKeyProposalItem) });

export const publicProposalDetail = publicKeyProposalItem.extend({
  body: z.string(),
  /** The lead unit's latest reply, only when it is marked 公开. */
  reply: z.object({ body: z.string(), replyDate: z.string(), resultClass: z.enum(RESULT_CLASSES.values) }).nullable(),
  /**
   * What the public may know of the reply: public (in \`reply\`), on_request (依申请公开: answered,
   * obtainable on application), or withheld (not public, or not answered yet — not told apart).
   */
  replyAvailability: z.enum(['public', 'on_request', 'withheld']),
  /** Key proposals: what the leaders and units did (督办活动 and 落实情况). */
  supervisionActivities: z.array(
    z.object({ kind: z.enum(SUPERVISION_KINDS.values), activityDate: z.string(), place: z.string(), content: z.string() }),
  ),
  followUps: z.array(z.object({ body: z.string(), completed: z.boolean(), reportedOn: z.string() })),
});
export type PublicProposalDetail = z.infer<typeof publicProposalDetail>;
export type PublicProposalItem = z.infer<typeof publicProposalItem>;
