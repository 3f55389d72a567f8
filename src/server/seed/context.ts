import type { ProposalKind } from '../../shared/domain.js';
import type { Days, Rng } from './rng.js';

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  userId: number;
  /** The unit's head, who signs replies (签发). */
  head: string;
  contact: string;
  phone: string;
}

/** Everything a proposal's story needs to know about its session and tenant. */
export interface SessionCtx {
  tenantId: number;
  sessionId: number;
  kind: ProposalKind;
  replyMonths: number;
  replyMaxMonths: number;
  rehandlingMonths: number;
  /** 答复审核: replies went through staff before reaching the proposer. */
  replyReview: boolean;
  /** First day of the review of plenary submissions. */
  reviewFrom: string;
  mergeDay: string;
  keyDay: string;
  /** The 交办会 where plenary proposals are assigned in bulk. */
  assignDay: string;
  staff: number;
  office: number;
  units: Map<string, UnitInfo>;
  days: Days;
  rng: Rng;
  /** Events from this day on leave an unread notification. */
  recentFrom: string;
}
