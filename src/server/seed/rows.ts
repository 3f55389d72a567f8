import type {
  assignments,
  coOpinions,
  contacts,
  evaluations,
  followUps,
  keyProposalLeaders,
  notifications,
  proposals,
  proposers,
  replies,
  supervisionActivities,
} from '../db/schema.js';
import type { AssignmentMode, Category, Conversion, ResultClass, ReviewReason, Satisfaction, SubmittedDuring } from '../../shared/domain.js';
import type { State } from '../../shared/lifecycle.js';
import type { Subject } from './subjects.js';
import type { AuditInsert } from '../domain/audit-chain.js';

// Rows are built in memory and inserted in batches at the end. Children point at their proposal
// by its index `p` in `proposals`; the ids are known only once the proposals are inserted.

type Child<T> = Omit<T, 'proposalId'> & { p: number };

export class Rows {
  proposals: (typeof proposals.$inferInsert)[] = [];
  proposers: Child<typeof proposers.$inferInsert>[] = [];
  assignments: Child<typeof assignments.$inferInsert>[] = [];
  contacts: Child<typeof contacts.$inferInsert>[] = [];
  coOpinions: Child<typeof coOpinions.$inferInsert>[] = [];
  replies: Child<typeof replies.$inferInsert>[] = [];
  evaluations: Child<typeof evaluations.$inferInsert>[] = [];
  followUps: Child<typeof followUps.$inferInsert>[] = [];
  keyLeaders: Child<typeof keyProposalLeaders.$inferInsert>[] = [];
  activities: Child<typeof supervisionActivities.$inferInsert>[] = [];
  audit: (Omit<AuditInsert, 'proposalId' | 'entityId'> & { p: number; at: Date })[] = [];
  notifications: Child<typeof notifications.$inferInsert>[] = [];
  /** Secondary → primary of each merge, by index. */
  merges: { secondary: number; primary: number }[] = [];
  /** Filing events, numbered per session in time order once everything is simulated. */
  filings: { p: number; sessionId: number; at: Date; after: Record<string, unknown> }[] = [];
}

export interface Party {
  name: string;
  userId: number;
  memberId?: number;
  bodyId?: number;
}

/** One proposal's story: where it ends up and the turns it takes on the way. */
export interface Plan {
  target: State;
  during: SubmittedDuring;
  subject: Subject;
  title: string;
  category?: Category;
  lead: Party;
  co: Party[];
  /** Submission day (the creation day for drafts). */
  start: string;
  /** pending_cosign: how many co-proposers have not answered yet (the last ones). */
  pendingCo?: number;
  reject?: { reason: ReviewReason; conversion: Conversion };
  /** Index of the primary this proposal is merged into (it must be simulated first). */
  mergeInto?: number;
  mode?: AssignmentMode;
  /** Lead unit code overriding the subject's. */
  leadUnit?: string;
  complex?: boolean;
  cls?: ResultClass;
  late?: boolean;
  replyDay?: string;
  /** Assignment day overriding the one drawn from the review day (interim proposals). */
  assignDay?: string;
  rehandle?: boolean;
  closeByStaff?: boolean;
  /** How many co-units (会办) to assign, instead of a random number. */
  coCount?: number;
  /** handling: the last co-unit has not given its opinion yet and its window is open (the lead's reply waits). */
  coWaiting?: boolean;
  /** Ratings of the co-units in the first evaluation, in order (the rest are drawn). */
  coRatings?: Satisfaction[];
  /** The evaluation came on paper and was entered by staff (代录). */
  paper?: boolean;
  /** reply_review: the reply waits for 答复审核, or was returned to the unit with a reason. */
  review?: 'pending' | 'returned';
  objection?: 'approved' | 'rejected';
  key?: boolean;
  /** Names of the supervising leaders, recorded on the designation. */
  keyLeaders?: string[];
  publish?: boolean;
}

/** What the key-proposal step and the notifications need to know about a simulated proposal. */
export interface Outcome {
  p: number;
  plan: Plan;
  status: State;
  assignDay?: string;
  endDay: string;
  leadUnitId?: number;
  unitIds: number[];
}
