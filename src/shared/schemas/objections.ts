import { z } from 'zod';
import { STATES } from '../lifecycle.js';
import { PROPOSAL_KINDS, UNIT_ROLES } from '../domain.js';
import { pageOf, pageQuery } from './common.js';

// 调整申请: the assignments a unit asked to leave (status objected), waiting for the office's decision.

export const listObjectionsQuery = pageQuery;

export const objectionItem = z.object({
  assignmentId: z.number().int(),
  assignmentVersion: z.number().int(),
  proposalId: z.number().int(),
  proposalNumber: z.number().int().nullable(),
  proposalTitle: z.string(),
  /** 政协提案 or 人大代表建议: the office decides for both organs. */
  proposalKind: z.enum(PROPOSAL_KINDS.values),
  proposalStatus: z.enum(STATES),
  /** The proposal's version, which the decision must name. */
  proposalVersion: z.number().int(),
  sessionName: z.string(),
  deadline: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  role: z.enum(UNIT_ROLES.values),
  /** The lead (主办, or the first 分办 unit) cannot leave without a replacement. */
  isLead: z.boolean(),
  assignedAt: z.string(),
  reason: z.string().nullable(),
  suggestedUnit: z.string().nullable(),
  objectedAt: z.string().nullable(),
});
export type ObjectionItem = z.infer<typeof objectionItem>;
export const objectionPage = pageOf(objectionItem);
