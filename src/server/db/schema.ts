import {
  check,
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  pgView,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { State } from '../../shared/lifecycle.js';
import type { Role } from '../../shared/roles.js';
import type {
  AssignmentMode,
  AssignmentStatus,
  Category,
  ContactMethod,
  Conversion,
  Disclosure,
  InstructionStatus,
  JointStatus,
  LeaderOrgan,
  LeaderRank,
  MeetingKind,
  Organ,
  ProposalKind,
  ReplyStatus,
  ResultClass,
  ReviewReason,
  Satisfaction,
  SubmittedDuring,
  SupervisionKind,
  UnitRole,
} from '../../shared/domain.js';

// One schema for embedded PGlite and a PostgreSQL server. Every table but `tenants` carries
// tenant_id, and every query in the domain layer filters on it.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
const tenantId = () =>
  integer('tenant_id')
    .notNull()
    .references(() => tenants.id);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const tenants = pgTable('tenants', {
  id: id(),
  name: text('name').notNull(),
  level: text('level').notNull().$type<'province' | 'city' | 'district' | 'county' | 'platform'>(),
  parentId: integer('parent_id').references((): AnyPgColumn => tenants.id),
  code: text('code').notNull().unique(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** Working-day exceptions: official holidays and 调休 working weekends, per tenant and date. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    tenantId: tenantId(),
    day: day('day').notNull(),
    kind: text('kind').notNull().$type<'holiday' | 'workday'>(),
    note: text('note'),
  },
  (t) => [uniqueIndex('calendar_days_tenant_day').on(t.tenantId, t.day)],
);

/** 届次会议, e.g. 十一届四次会议, with its deadline settings. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind').notNull().$type<ProposalKind>(),
    name: text('name').notNull(),
    term: integer('term').notNull(),
    meeting: integer('meeting').notNull(),
    year: integer('year').notNull(),
    plenaryStart: day('plenary_start'),
    plenaryEnd: day('plenary_end'),
    replyMonths: integer('reply_months').notNull().default(3),
    replyMaxMonths: integer('reply_max_months').notNull().default(6),
    objectionWorkingDays: integer('objection_working_days').notNull().default(5),
    firstContactWorkingDays: integer('first_contact_working_days').notNull().default(15),
    evaluationWorkingDays: integer('evaluation_working_days').notNull().default(15),
    /** Months the unit has for the second reply after an 不满意 evaluation (重新办理). */
    rehandlingMonths: integer('rehandling_months').notNull().default(1),
    /** Months after assignment within which co-units (会办) give their opinion; the lead replies after. */
    coOpinionMonths: integer('co_opinion_months').notNull().default(1),
    /** 答复审核: replies are checked by staff or the office before they reach the proposer. */
    replyReview: boolean('reply_review').notNull().default(false),
    /** An assignment left unsigned longer than this many working days is flagged 超期未签收 (migration 0015). */
    signAlertWorkingDays: integer('sign_alert_working_days').notNull().default(3),
    /** Last number given to a filed proposal; bumped under the row lock when filing. */
    lastNumber: integer('last_number').notNull().default(0),
    isCurrent: boolean('is_current').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sessions_tenant_kind_term_meeting').on(t.tenantId, t.kind, t.term, t.meeting)],
);

export const units = pgTable(
  'units',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('department').$type<'department' | 'town' | 'enterprise' | 'other'>(),
    /** SM4-encrypted at rest (crypto/field-crypto.ts), like every phone number below. */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** Keyed SM3 blind index of the phone number, for exact search without decrypting. */
    contactPhoneIndex: text('contact_phone_index'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('units_tenant_name').on(t.tenantId, t.name)],
);

export const bodies = pgTable(
  'bodies',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<'party' | 'sector_group' | 'committee' | 'people_org'>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('bodies_tenant_name').on(t.tenantId, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: tenantId(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().$type<Role[]>(),
    unitId: integer('unit_id').references(() => units.id),
    bodyId: integer('body_id').references(() => bodies.id),
    phone: text('phone'),
    phoneIndex: text('phone_index'),
    /** The organ a staff account works for (政协 提案委 or 人大 选联工委); null for other roles. */
    organ: text('organ').$type<Organ>(),
    locale: text('locale').notNull().default('zh-CN'),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: ts('password_changed_at'),
    /** TOTP (RFC 6238) secret in base32 once enrolled; null without a second factor. */
    totpSecret: text('totp_secret'),
    /** A secret shown for enrolment and not yet confirmed with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: ts('totp_enabled_at'),
    /** The last 30-second step whose code was accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    /** Set by `admin:create`: a second factor at first sign-in whatever the mode. */
    secondFactorRequired: boolean('second_factor_required').notNull().default(false),
    /** A platform administrator (above tenants): creates tenants and their first administrators. */
    platformAdmin: boolean('platform_admin').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('users_tenant').on(t.tenantId),
    // A staff account works for exactly one organ: without one it would see nothing, so it may not exist.
    check('users_staff_organ', sql`(${t.organ} is null or ${t.organ} in ('cppcc', 'npc')) and (not ('staff' = any(${t.roles})) or ${t.organ} is not null)`),
    // Sign-in looks names up case-insensitively, so `WeiYuan` beside `weiyuan` must be refused.
    uniqueIndex('users_username_lower').on(sql`lower(${t.username})`),
  ],
);

/** 委员 (CPPCC) or 代表 (NPC), with 界别 and 党派; user_id when they have an account. */
export const members = pgTable(
  'members',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind').notNull().$type<ProposalKind>(),
    name: text('name').notNull(),
    sector: text('sector'),
    party: text('party'),
    workplace: text('workplace'),
    phone: text('phone'),
    phoneIndex: text('phone_index'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('members_tenant').on(t.tenantId), index('members_user').on(t.userId)],
);

/** 督办领导: a city leader; user_id when they sign in. */
export const leaders = pgTable('leaders', {
  id: id(),
  tenantId: tenantId(),
  name: text('name').notNull(),
  title: text('title').notNull(),
  /** 党委 / 人大 / 政府 / 政协 …; documents print it before the name. */
  organ: text('organ').$type<LeaderOrgan>(),
  /** 主要领导 / 副职领导 / 其他: the figures count the principal leaders' key proposals. */
  rank: text('rank').$type<LeaderRank>(),
  userId: integer('user_id').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [index('leaders_user').on(t.userId)]);

export const proposals = pgTable(
  'proposals',
  {
    id: id(),
    tenantId: tenantId(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id),
    kind: text('kind').notNull().$type<ProposalKind>(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull().$type<Category>(),
    submittedDuring: text('submitted_during').notNull().$type<SubmittedDuring>(),
    status: text('status').notNull().$type<State>(),
    number: integer('number'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    /** 代录: the staff member who entered a paper proposal on the proposer's behalf. */
    enteredBy: integer('entered_by').references(() => users.id),
    submittedAt: ts('submitted_at'),
    reviewDecision: text('review_decision').$type<'filed' | 'not_filed' | 'returned'>(),
    reviewReason: text('review_reason').$type<ReviewReason>(),
    reviewComment: text('review_comment'),
    conversion: text('conversion').$type<Conversion>(),
    reviewedAt: ts('reviewed_at'),
    /** Set on the secondaries of a merge: the proposal they are handled with. */
    mergedInto: integer('merged_into').references((): AnyPgColumn => proposals.id),
    assignmentMode: text('assignment_mode').$type<AssignmentMode>(),
    assignedAt: day('assigned_at'),
    /** Current reply deadline (the re-handling deadline once re-handling starts). */
    deadline: day('deadline'),
    replySequence: integer('reply_sequence').notNull().default(1),
    dueSoon: boolean('due_soon').notNull().default(false),
    overdue: boolean('overdue').notNull().default(false),
    /** Set once the evaluation window after the reply has passed, so staff are reminded once per reply. */
    evaluationOverdue: boolean('evaluation_overdue').notNull().default(false),
    isKey: boolean('is_key').notNull().default(false),
    published: boolean('published').notNull().default(false),
    publishedAt: ts('published_at'),
    closedAt: ts('closed_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('proposals_tenant_status').on(t.tenantId, t.status),
    // The default list order (latest change first) within a tenant and status, without a sort.
    index('proposals_tenant_status_updated').on(t.tenantId, t.status, t.updatedAt.desc().nullsLast(), t.id.desc()),
    index('proposals_session').on(t.sessionId, t.status),
    uniqueIndex('proposals_session_number').on(t.sessionId, t.number),
    index('proposals_merged_into').on(t.mergedInto),
    // Lists (migration 0012): partial on status <> 'draft', one per sortable column and direction
    // (list-proposals.ts orderBy). proposals_listed_updated also INCLUDEs (kind), which Drizzle cannot express.
    index('proposals_listed_updated').on(t.tenantId, t.updatedAt.desc().nullsLast(), t.id.desc()).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_title').on(t.tenantId, t.title, t.id).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_number').on(t.tenantId, t.number, t.id).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_number_desc').on(t.tenantId, t.number.desc().nullsLast(), t.id.desc()).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_deadline').on(t.tenantId, t.deadline, t.id).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_deadline_desc').on(t.tenantId, t.deadline.desc().nullsLast(), t.id.desc()).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_submitted').on(t.tenantId, t.submittedAt, t.id).where(sql`${t.status} <> 'draft'`),
    index('proposals_listed_submitted_desc').on(t.tenantId, t.submittedAt.desc().nullsLast(), t.id.desc()).where(sql`${t.status} <> 'draft'`),
  ],
);

/** Ordered proposers: members and/or bodies. Position 0 is the lead proposer. */
export const proposers = pgTable(
  'proposers',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    position: integer('position').notNull(),
    memberId: integer('member_id').references(() => members.id),
    bodyId: integer('body_id').references(() => bodies.id),
    confirmation: text('confirmation').notNull().$type<'lead' | 'pending' | 'confirmed' | 'declined'>(),
    confirmedAt: ts('confirmed_at'),
    /** 代录: the staff member who recorded a paper signature on the co-proposer's behalf. */
    recordedBy: integer('recorded_by').references(() => users.id),
  },
  (t) => [index('proposers_proposal').on(t.proposalId), index('proposers_member').on(t.memberId)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    /** What the file belongs to inside the proposal: the proposal itself, a reply, a contact… */
    purpose: text('purpose').notNull().default('proposal').$type<'proposal' | 'reply' | 'handling' | 'follow_up'>(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    /** Files uploaded before uploads were streamed to disk; newer ones live at storage_path. */
    content: bytea('content'),
    /** Relative to the file store (FILES_DIR); the file was streamed there under the size cap. */
    storagePath: text('storage_path'),
    /** SM3 of the content, checked when the file is read back. */
    digest: text('digest'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_proposal').on(t.proposalId)],
);

/** One row per unit a proposal is assigned to (主办 / 会办 / 分办). */
export const assignments = pgTable(
  'assignments',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role').notNull().$type<UnitRole>(),
    position: integer('position').notNull().default(0),
    status: text('status').notNull().$type<AssignmentStatus>(),
    assignedAt: day('assigned_at').notNull(),
    signedAt: ts('signed_at'),
    signedBy: integer('signed_by').references(() => users.id),
    objectionReason: text('objection_reason'),
    objectionSuggestedUnit: text('objection_suggested_unit'),
    objectedAt: ts('objected_at'),
    decision: text('decision').$type<'approved' | 'rejected'>(),
    decisionComment: text('decision_comment'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    remindedAt: ts('reminded_at'),
    /**
     * The handling round the unit is in: 1 from assignment; 2 once the proposer sends it back
     * (不满意 with the lead or a 分办 unit, or a co-unit asked for a new opinion).
     */
    round: integer('round').notNull().default(1),
    /** The day the current round began for this unit, when it is not the first (the first starts at assigned_at). */
    roundFrom: day('round_from'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('assignments_proposal').on(t.proposalId),
    index('assignments_unit').on(t.unitId, t.status),
    // A unit's live assignments (migration 0012; also INCLUDEs status and tenant_id for index-only scans).
    index('assignments_unit_live').on(t.unitId, t.proposalId).where(sql`${t.status} <> 'removed'`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    method: text('method').notNull().$type<ContactMethod>(),
    contactDate: day('contact_date').notNull(),
    participants: text('participants').notNull(),
    summary: text('summary').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_proposal').on(t.proposalId)],
);

export const coOpinions = pgTable(
  'co_opinions',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    body: text('body').notNull(),
    /** The co-unit's round this opinion answers (assignments.round when it was given). */
    round: integer('round').notNull().default(1),
    /** Given after the lead unit had replied in that round: kept and shown, never refused. */
    afterReply: boolean('after_reply').notNull().default(false),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('co_opinions_proposal').on(t.proposalId)],
);

/** 答复函. `sequence` 2 is the reply after 重新办理. */
export const replies = pgTable(
  'replies',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    isLead: boolean('is_lead').notNull(),
    sequence: integer('sequence').notNull(),
    resultClass: text('result_class').notNull().$type<ResultClass>(),
    body: text('body').notNull(),
    disclosure: text('disclosure').notNull().$type<Disclosure>(),
    documentNo: text('document_no'),
    contactPerson: text('contact_person'),
    signerName: text('signer_name').notNull(),
    signedAt: ts('signed_at').notNull(),
    /** The deadline this reply answered, kept for the on-time rate. */
    dueDate: day('due_date').notNull(),
    replyDate: day('reply_date').notNull(),
    /** sent (the proposer has it), pending_review (答复审核) or returned (to the unit, with review_comment). */
    status: text('status').notNull().default('sent').$type<ReplyStatus>(),
    /** Why staff or the office returned it (the last return). */
    reviewComment: text('review_comment'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('replies_proposal').on(t.proposalId),
    uniqueIndex('replies_proposal_unit_sequence').on(t.proposalId, t.unitId, t.sequence),
  ],
);

/** A unit's named reply templates (答复模板), inserted into the reply editor (migration 0015). */
export const replyTemplates = pgTable(
  'reply_templates',
  {
    id: id(),
    tenantId: tenantId(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    /** Sanitised rich text, like a reply body. */
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reply_templates_unit_name').on(t.unitId, t.name)],
);

/**
 * The reply a unit is writing, kept on the server (one per assignment) so that another browser or
 * a colleague picks it up; deleted when the reply is sent (migration 0015).
 */
export const replyDrafts = pgTable(
  'reply_drafts',
  {
    id: id(),
    tenantId: tenantId(),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    resultClass: text('result_class').$type<ResultClass>(),
    body: text('body').notNull().default(''),
    disclosure: text('disclosure').$type<Disclosure>(),
    documentNo: text('document_no'),
    /** SM4-encrypted like the reply's. */
    contactPerson: text('contact_person'),
    signerName: text('signer_name'),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reply_drafts_assignment').on(t.assignmentId), index('reply_drafts_proposal').on(t.proposalId)],
);

export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    sequence: integer('sequence').notNull(),
    /** The unit evaluated (lead, each co-unit, each 分办 unit); null on rows from before per-unit evaluation. */
    unitId: integer('unit_id').references(() => units.id),
    attitude: text('attitude').notNull().$type<Satisfaction>(),
    result: text('result').notNull().$type<Satisfaction>(),
    comment: text('comment'),
    /**
     * The account that evaluated: the lead proposer's. Null only for a paper evaluation (代录) of
     * a proposer without an account; the proposer is always the proposal's lead proposer.
     */
    evaluatedBy: integer('evaluated_by').references(() => users.id),
    /** 代录: the staff member who entered a paper evaluation on the proposer's behalf. */
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  // One evaluation per unit and round (lead, each co-unit, each 分办 unit); rows from before
  // per-unit evaluation have no unit and stay one per round.
  (t) => [uniqueIndex('evaluations_proposal_unit_sequence').on(t.proposalId, t.unitId, t.sequence), index('evaluations_proposal').on(t.proposalId)],
);

export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    body: text('body').notNull(),
    completed: boolean('completed').notNull().default(false),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('follow_ups_proposal').on(t.proposalId)],
);

/** Supervising leaders of a key proposal (重点提案); several per proposal, city or county level. */
export const keyProposalLeaders = pgTable(
  'key_proposal_leaders',
  {
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('key_proposal_leaders_pk').on(t.proposalId, t.leaderId)],
);

export const supervisionActivities = pgTable(
  'supervision_activities',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    kind: text('kind').notNull().$type<SupervisionKind>(),
    activityDate: day('activity_date').notNull(),
    place: text('place').notNull(),
    participants: text('participants').notNull(),
    content: text('content').notNull(),
    unitReport: text('unit_report'),
    memberOpinions: text('member_opinions'),
    instructions: text('instructions'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('supervision_activities_proposal').on(t.proposalId)],
);

/**
 * 督办会议 (专题协商会, 现场督办, 座谈会): a record of its own, covering one or more key proposals of
 * its tenant (the tenant owning the proposals; a city leader's meeting on a jointly supervised county
 * proposal is the county's row, created_by the city's account).
 */
export const supervisionMeetings = pgTable(
  'supervision_meetings',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind').notNull().$type<MeetingKind>(),
    meetingDate: day('meeting_date').notNull(),
    place: text('place').notNull(),
    chairLeaderId: integer('chair_leader_id').references(() => leaders.id),
    units: text('units'),
    members: text('members'),
    agenda: text('agenda').notNull(),
    unitReport: text('unit_report'),
    memberOpinions: text('member_opinions'),
    decisions: text('decisions'),
    minutes: text('minutes'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('supervision_meetings_tenant').on(t.tenantId, t.meetingDate)],
);

export const supervisionMeetingProposals = pgTable(
  'supervision_meeting_proposals',
  {
    tenantId: tenantId(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => supervisionMeetings.id),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
  },
  (t) => [uniqueIndex('supervision_meeting_proposals_pk').on(t.meetingId, t.proposalId), index('supervision_meeting_proposals_proposal').on(t.proposalId)],
);

/** Attending leaders of a meeting (the chair too); a leader of the partner level on a joint one. */
export const supervisionMeetingLeaders = pgTable(
  'supervision_meeting_leaders',
  {
    tenantId: tenantId(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => supervisionMeetings.id),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
  },
  (t) => [uniqueIndex('supervision_meeting_leaders_pk').on(t.meetingId, t.leaderId), index('supervision_meeting_leaders_leader').on(t.leaderId)],
);

/** Minutes and photos of a meeting (会议纪要、照片), streamed to the file store like proposal attachments. */
export const supervisionMeetingAttachments = pgTable(
  'supervision_meeting_attachments',
  {
    id: id(),
    tenantId: tenantId(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => supervisionMeetings.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    storagePath: text('storage_path').notNull(),
    digest: text('digest').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('supervision_meeting_attachments_meeting').on(t.meetingId)],
);

/** 领导批示/要求 on a key proposal, optionally from a meeting; open until the unit or staff answer. */
export const supervisionInstructions = pgTable(
  'supervision_instructions',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    meetingId: integer('meeting_id').references(() => supervisionMeetings.id),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    issuedOn: day('issued_on').notNull(),
    content: text('content').notNull(),
    status: text('status').notNull().default('open').$type<InstructionStatus>(),
    response: text('response'),
    respondedBy: integer('responded_by').references(() => users.id),
    respondedAt: ts('responded_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('supervision_instructions_proposal').on(t.proposalId),
    index('supervision_instructions_leader').on(t.leaderId),
    check('supervision_instructions_status', sql`${t.status} in ('open', 'followed_up')`),
  ],
);

/**
 * 两级联合督办: the proposal's tenant (a county) invites its parent (partner_tenant_id); once the
 * parent accepts, both levels' staff and named leaders work on that one proposal. At most one live
 * (invited or accepted) row per proposal.
 */
export const jointSupervisions = pgTable(
  'joint_supervisions',
  {
    id: id(),
    tenantId: tenantId(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    partnerTenantId: integer('partner_tenant_id')
      .notNull()
      .references(() => tenants.id),
    status: text('status').notNull().default('invited').$type<JointStatus>(),
    note: text('note'),
    invitedBy: integer('invited_by')
      .notNull()
      .references(() => users.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    answeredBy: integer('answered_by').references(() => users.id),
    answeredAt: ts('answered_at'),
  },
  (t) => [
    uniqueIndex('joint_supervisions_proposal').on(t.proposalId).where(sql`${t.status} in ('invited', 'accepted')`),
    index('joint_supervisions_partner').on(t.partnerTenantId),
    check('joint_supervisions_status', sql`${t.status} in ('invited', 'accepted', 'declined', 'withdrawn')`),
  ],
);

/**
 * Append-only (a trigger refuses UPDATE, TRUNCATE and any DELETE but the archiver's), and
 * tamper-evident: each row's `mac` is HMAC-SM3 over its content and the previous row's mac in
 * the same chain (domain/audit-chain.ts). A chain is a tenant's, or 0 for events before anyone
 * is known (a sign-in with an unknown username): then tenant_id is null.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    tenantId: integer('tenant_id').references(() => tenants.id),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    proposalId: integer('proposal_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    chain: integer('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    mac: text('mac').notNull(),
  },
  (t) => [
    index('audit_log_tenant_at').on(t.tenantId, t.at),
    index('audit_log_proposal').on(t.proposalId),
    uniqueIndex('audit_log_chain_seq').on(t.chain, t.seq),
  ],
);

/**
 * The head of each audit chain: the last sequence number and mac handed out (the row is locked
 * FOR UPDATE by every writer, so concurrent transactions cannot fork the chain), and how far the
 * chain has been archived to signed files (verification of what remains starts from there).
 */
export const auditChains = pgTable('audit_chains', {
  chain: integer('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  mac: text('mac').notNull().default(''),
  archivedSeq: bigint('archived_seq', { mode: 'number' }).notNull().default(0),
  archivedMac: text('archived_mac').notNull().default(''),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    tenantId: tenantId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    proposalId: integer('proposal_id').references(() => proposals.id),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    /** The same notice in English, for a reader who chose English (null: only Chinese was written). */
    messageEn: text('message_en'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user').on(t.userId, t.readAt)],
);

export const loginSessions = pgTable(
  'login_sessions',
  {
    /** sha256 of the cookie value: a leaked table does not yield usable cookies. */
    id: text('id').primaryKey(),
    tenantId: tenantId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    /** The browser's User-Agent, for 我的账号 to name the device. */
    userAgent: text('user_agent'),
    /** 'second_factor': the password was right and the second factor is still to come. */
    stage: text('stage').notNull().default('full').$type<'full' | 'second_factor'>(),
  },
  (t) => [index('login_sessions_user').on(t.userId)],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    tenantId: tenantId(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    /** SHA-256 of the request body: the same key with another body is refused (422). */
    bodyHash: text('body_hash'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_keys_pk').on(t.userId, t.key)],
);

// ——— sign-in and account security ———

/**
 * Failure counters for sign-in, shared by every server process on one database: per address
 * (`ip:…`), per account and address (`acct:…@…`), per account (`acct:…`), per second-factor user
 * (`totp:…`). Keyed by the name typed, known or not, so an unknown name behaves like a real one.
 * No tenant: an address or a mistyped name belongs to none.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull().default(0),
  windowStart: ts('window_start').notNull(),
  blockedUntil: ts('blocked_until'),
});

/** The security settings of a tenant, kept by the 安全管理员; a tenant without a row has the defaults. */
export const securitySettings = pgTable('security_settings', {
  tenantId: integer('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  /** Roles besides the administrators that must sign in with a second factor. */
  secondFactorRoles: text('second_factor_roles').array().notNull().default(sql`'{}'::text[]`).$type<Role[]>(),
  maxSessions: integer('max_sessions').notNull().default(3),
  /** Days a password of an administrator stays valid; 0 = no expiry. */
  adminPasswordMaxAgeDays: integer('admin_password_max_age_days').notNull().default(90),
  /** Days a password of anyone else stays valid; 0 = no expiry. */
  passwordMaxAgeDays: integer('password_max_age_days').notNull().default(0),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Every password hash a user has had, newest last: a new password may not repeat the last five. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: id(),
    tenantId: tenantId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('password_history_user').on(t.userId, t.id)],
);

/**
 * One-use recovery codes for a lost authenticator: 80 random bits each, stored as SHA-256 of a
 * random per-code salt and the code (ASVS 2.6.2), never as the code.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    tenantId: tenantId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    salt: text('salt').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user').on(t.userId)],
);

/**
 * 三员分立, two-person rule: a change that needs a second administrator waits here until a
 * different administrator approves or rejects it. `payload` holds the change (a password only as
 * its hash).
 */
export const adminRequests = pgTable(
  'admin_requests',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind').notNull().$type<'create_user' | 'update_user' | 'reset_password' | 'reset_second_factor'>(),
    targetUserId: integer('target_user_id').references(() => users.id),
    payload: jsonb('payload').notNull(),
    summary: text('summary').notNull(),
    status: text('status').notNull().default('pending').$type<'pending' | 'approved' | 'rejected'>(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('admin_requests_tenant_status').on(t.tenantId, t.status)],
);

/** Security events the 审计管理员 must see (role grants, administrator resets, locks…), read or not. */
export const securityAlerts = pgTable(
  'security_alerts',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    subjectUserId: integer('subject_user_id').references(() => users.id),
    requestId: integer('request_id').references(() => adminRequests.id),
    auditId: integer('audit_id').references(() => auditLog.id),
    at: ts('at').notNull(),
    readBy: integer('read_by').references(() => users.id),
    readAt: ts('read_at'),
  },
  (t) => [index('security_alerts_tenant_at').on(t.tenantId, t.at)],
);

// ——— 政府重点工作任务 (government key tasks) ———

/** A year's task list, e.g. 2025年政府工作报告重点工作任务. */
export const taskLists = pgTable(
  'task_lists',
  {
    id: id(),
    tenantId: tenantId(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('active').$type<'draft' | 'active' | 'archived'>(),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('task_lists_tenant_title').on(t.tenantId, t.title)],
);

/**
 * One numbered task under a leader (分管市长). `seq` restarts at 1 per leader; `groupOrder` keeps
 * the leaders in the order of the original table. `contentKey` (leader|seq|text hashed) makes a
 * repeated import of the same table a no-op.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    tenantId: tenantId(),
    listId: integer('list_id')
      .notNull()
      .references(() => taskLists.id),
    leaderName: text('leader_name').notNull(),
    leaderId: integer('leader_id').references(() => leaders.id),
    groupOrder: integer('group_order').notNull(),
    seq: integer('seq').notNull(),
    text: text('text').notNull(),
    contentKey: text('content_key').notNull(),
    dueDate: day('due_date').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_list_content').on(t.listId, t.contentKey),
    index('tasks_list_order').on(t.listId, t.groupOrder, t.seq),
    index('tasks_tenant').on(t.tenantId),
  ],
);

/** A measurable target of a task (新增城镇就业 8000 人). */
export const taskTargets = pgTable(
  'task_targets',
  {
    id: id(),
    tenantId: tenantId(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    position: integer('position').notNull().default(0),
    label: text('label').notNull(),
    targetValue: numeric('target_value', { mode: 'number' }).notNull(),
    unit: text('unit').notNull(),
  },
  (t) => [index('task_targets_task').on(t.taskId)],
);

/** Responsible units of a task; the ★ unit leads. A task without ★ has every unit leading. */
export const taskUnits = pgTable(
  'task_units',
  {
    tenantId: tenantId(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    isLead: boolean('is_lead').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('task_units_pk').on(t.taskId, t.unitId), index('task_units_unit').on(t.unitId)],
);

/** A reporting period of a list: 一季度, 2025年1月 … */
export const taskPeriods = pgTable(
  'task_periods',
  {
    id: id(),
    tenantId: tenantId(),
    listId: integer('list_id')
      .notNull()
      .references(() => taskLists.id),
    label: text('label').notNull(),
    kind: text('kind').notNull().$type<'quarter' | 'month'>(),
    startDate: day('start_date').notNull(),
    endDate: day('end_date').notNull(),
    dueDate: day('due_date').notNull(),
    status: text('status').notNull().default('open').$type<'open' | 'closed' | 'published'>(),
    publishedAt: ts('published_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('task_periods_list_label').on(t.listId, t.label)],
);

/** A unit's report on a task for a period: the lead unit's, or a helping unit's contribution. */
export const taskReports = pgTable(
  'task_reports',
  {
    id: id(),
    tenantId: tenantId(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => taskPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    isLead: boolean('is_lead').notNull(),
    progress: text('progress').notNull().default(''),
    status: text('status').$type<'done' | 'on_track' | 'behind' | 'not_started'>(),
    /** Figures reached per target: [{targetId, value}]. */
    figures: jsonb('figures').notNull().default([]).$type<{ targetId: number; value: number }[]>(),
    state: text('state').notNull().default('draft').$type<'draft' | 'submitted' | 'accepted' | 'returned'>(),
    officeComment: text('office_comment'),
    submittedAt: ts('submitted_at'),
    submittedBy: integer('submitted_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('task_reports_task_period_unit').on(t.taskId, t.periodId, t.unitId),
    index('task_reports_period').on(t.periodId, t.state),
  ],
);

export const taskReportAttachments = pgTable(
  'task_report_attachments',
  {
    id: id(),
    tenantId: tenantId(),
    reportId: integer('report_id')
      .notNull()
      .references(() => taskReports.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    /** Files uploaded before uploads were streamed to disk; newer ones live at storage_path. */
    content: bytea('content'),
    /** Relative to the file store (FILES_DIR); the file was streamed there under the size cap. */
    storagePath: text('storage_path'),
    /** SM3 of the content, checked when the file is read back. */
    digest: text('digest'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('task_report_attachments_report').on(t.reportId)],
);

/** Automatic reminders already sent, so the hourly scan sends each one once per period and unit. */
export const taskReminders = pgTable(
  'task_reminders',
  {
    tenantId: tenantId(),
    periodId: integer('period_id')
      .notNull()
      .references(() => taskPeriods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull().$type<'due_soon' | 'overdue'>(),
    sentOn: day('sent_on').notNull(),
  },
  (t) => [uniqueIndex('task_reminders_pk').on(t.periodId, t.unitId, t.kind)],
);

/** A proposal and a government task about the same work. */
export const taskProposalLinks = pgTable(
  'task_proposal_links',
  {
    tenantId: tenantId(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('task_proposal_links_pk').on(t.taskId, t.proposalId), index('task_proposal_links_proposal').on(t.proposalId)],
);

// ——— 全文检索 (full-text search) ———

/** PostgreSQL's tsvector, read and written as its text form ('养老':1A '服务':2B …). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * One row per proposal: the searchable text of its title (weight A), body (B), replies and
 * follow-ups (C) as Chinese word tokens plus character bigrams (src/server/search/tokenize.ts).
 * Kept apart from `proposals` so that reading a proposal never drags its vector along; rewritten
 * by every use case that changes one of those texts, in the same transaction.
 */
export const proposalSearch = pgTable(
  'proposal_search',
  {
    proposalId: integer('proposal_id')
      .primaryKey()
      .references(() => proposals.id),
    tenantId: tenantId(),
    document: tsvector('document').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('proposal_search_document').using('gin', t.document), index('proposal_search_tenant').on(t.tenantId)],
);

// ——— 统计汇总 (figures at scale) ———

/**
 * One row per proposal: the facts the session figures and the unit league table count (lead unit,
 * result class of its latest reply, replies on time, latest evaluation, face-to-face contact …).
 * Maintained by triggers (migration 0003) that recompute a proposal's row from its base rows
 * whenever the proposal, an assignment, a reply, an evaluation or a contact of it changes, in
 * the same transaction; a trigger on these rows in turn appends what changed to `proposal_rollup_delta`.
 */
export const proposalFacts = pgTable(
  'proposal_facts',
  {
    proposalId: integer('proposal_id').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    sessionId: integer('session_id').notNull(),
    status: text('status').notNull().$type<State>(),
    received: boolean('received').notNull(),
    filed: boolean('filed').notNull(),
    notFiled: boolean('not_filed').notNull(),
    conversion: text('conversion').$type<Conversion>(),
    mergedSecondary: boolean('merged_secondary').notNull(),
    isKey: boolean('is_key').notNull(),
    /** The deadline while the proposal is with the units (assigned, handling, rehandling); else null. */
    openDeadline: day('open_deadline'),
    leadUnitId: integer('lead_unit_id'),
    leadAssignedAt: day('lead_assigned_at'),
    assignedUnits: integer('assigned_units').array().notNull(),
    leadReplies: integer('lead_replies').notNull(),
    leadOnTime: integer('lead_on_time').notNull(),
    resultClass: text('result_class').$type<ResultClass>(),
    firstReplyDate: day('first_reply_date'),
    faceToFace: boolean('face_to_face').notNull(),
    /** The lead unit's latest evaluation: the session's 满意率 counts this one. */
    evalAttitude: text('eval_attitude').$type<Satisfaction>(),
    evalResult: text('eval_result').$type<Satisfaction>(),
    /** Set on the secondaries of a merge (filed ones): the merge groups are the distinct values. */
    mergedInto: integer('merged_into'),
    /** Each evaluated unit's own latest evaluation (the league table counts these), by unit id. */
    evalUnitIds: integer('eval_unit_ids').array().notNull().default(sql`'{}'`),
    evalUnitAttitudes: text('eval_unit_attitudes').array().notNull().default(sql`'{}'`).$type<Satisfaction[]>(),
    evalUnitResults: text('eval_unit_results').array().notNull().default(sql`'{}'`).$type<Satisfaction[]>(),
  },
  (t) => [
    index('proposal_facts_session').on(t.tenantId, t.sessionId),
    index('proposal_facts_open_deadline').on(t.tenantId, t.sessionId, t.openDeadline).where(sql`open_deadline is not null`),
  ],
);

/**
 * The columns of the figures rollup: the key (tenant × session × unit × status) and the additive
 * counts. `unit_id` is the lead unit for every count but `assigned` (0 when there is no lead unit),
 * and for `assigned` any unit with a live assignment. A function, so that each table gets its own.
 */
const rollupColumns = () => ({
  tenantId: integer('tenant_id').notNull(),
  sessionId: integer('session_id').notNull(),
  unitId: integer('unit_id').notNull(),
  status: text('status').notNull().$type<State>(),
  proposals: integer('proposals').notNull().default(0),
  assigned: integer('assigned').notNull().default(0),
  received: integer('received').notNull().default(0),
  filed: integer('filed').notNull().default(0),
  notFiled: integer('not_filed').notNull().default(0),
  letter: integer('letter').notNull().default(0),
  socialReport: integer('social_report').notNull().default(0),
  mergedSecondaries: integer('merged_secondaries').notNull().default(0),
  keyProposals: integer('key_proposals').notNull().default(0),
  handled: integer('handled').notNull().default(0),
  classA: integer('class_a').notNull().default(0),
  classB: integer('class_b').notNull().default(0),
  classC: integer('class_c').notNull().default(0),
  replies: integer('replies').notNull().default(0),
  onTime: integer('on_time').notNull().default(0),
  faceToFace: integer('face_to_face').notNull().default(0),
  evaluated: integer('evaluated').notNull().default(0),
  attitudeSatisfied: integer('attitude_satisfied').notNull().default(0),
  attitudeBasic: integer('attitude_basic').notNull().default(0),
  attitudeUnsatisfied: integer('attitude_unsatisfied').notNull().default(0),
  resultSatisfied: integer('result_satisfied').notNull().default(0),
  resultBasic: integer('result_basic').notNull().default(0),
  resultUnsatisfied: integer('result_unsatisfied').notNull().default(0),
  // The unit's own evaluations (lead, 会办 or 分办), on the row of the unit evaluated.
  unitEvaluated: integer('unit_evaluated').notNull().default(0),
  unitAttitudeSatisfied: integer('unit_attitude_satisfied').notNull().default(0),
  unitAttitudeBasic: integer('unit_attitude_basic').notNull().default(0),
  unitAttitudeUnsatisfied: integer('unit_attitude_unsatisfied').notNull().default(0),
  unitResultSatisfied: integer('unit_result_satisfied').notNull().default(0),
  unitResultBasic: integer('unit_result_basic').notNull().default(0),
  unitResultUnsatisfied: integer('unit_result_unsatisfied').notNull().default(0),
});

/**
 * Additive counts per tenant × session × unit × status, summed from `proposal_facts`: the folded part
 * of the figures. A session's figures add up its rows; a unit's row of the league table adds up that
 * unit's rows. Only the fold (duban_fold_rollups, migration 0016) and a rebuild write here.
 */
export const proposalRollup = pgTable('proposal_rollup', rollupColumns(), (t) => [
  uniqueIndex('proposal_rollup_pk').on(t.tenantId, t.sessionId, t.unitId, t.status),
]);

/**
 * What changed since the last fold, appended by the trigger on proposal_facts (old row out, new
 * in) in the writer's own transaction: insert-only, no unique key, so concurrent writers never wait
 * for each other here. The fold job moves these rows into `proposal_rollup` every minute.
 */
export const proposalRollupDelta = pgTable('proposal_rollup_delta', rollupColumns(), (t) => [
  index('proposal_rollup_delta_session').on(t.tenantId, t.sessionId),
]);

/**
 * The figures as they stand: `proposal_rollup` and `proposal_rollup_delta` together (UNION ALL, a
 * key may appear several times). Read in one statement it is one snapshot, so it is exact whatever
 * the fold is doing. Created by migration 0016.
 */
export const proposalRollupCurrent = pgView('proposal_rollup_current', rollupColumns()).existing();

// ─── Operations: background jobs, scheduled slots, the notification outbox ───────────────────

/**
 * A heavy request (document, large export, import) run by the queue: who asked, what, how far it
 * got, and the file it produced. Only the user who asked reads it.
 */
export const backgroundJobs = pgTable(
  'background_jobs',
  {
    id: id(),
    tenantId: tenantId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    params: jsonb('params').notNull(),
    status: text('status').notNull().$type<'queued' | 'running' | 'done' | 'failed'>().default('queued'),
    /** 0–100. */
    progress: integer('progress').notNull().default(0),
    /** What the job is doing now, in Chinese (正在生成第3批…). */
    stage: text('stage'),
    fileName: text('file_name'),
    mimeType: text('mime_type'),
    content: bytea('content'),
    /** A JSON result for jobs that answer with data rather than a file (imports). */
    result: jsonb('result'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('background_jobs_user').on(t.tenantId, t.userId, t.createdAt)],
);

/** A periodic job's run per time slot (the hourly scans): the primary key makes it once across instances. */
export const jobSlots = pgTable(
  'job_slots',
  {
    name: text('name').notNull(),
    slot: text('slot').notNull(),
    instance: text('instance').notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [uniqueIndex('job_slots_pk').on(t.name, t.slot)],
);

/** One notice to one person, written in the transaction of the change; the queue fans it out to channels. */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: id(),
    tenantId: tenantId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    messageEn: text('message_en'),
    proposalId: integer('proposal_id'),
    /** Set once the deliveries for its channels are planned. */
    dispatchedAt: ts('dispatched_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notification_outbox_pending').on(t.createdAt).where(sql`dispatched_at is null`)],
);

/** One attempt chain of one notice on one external channel (e-mail, SMS, work notice). */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    tenantId: tenantId(),
    outboxId: integer('outbox_id')
      .notNull()
      .references(() => notificationOutbox.id),
    userId: integer('user_id').notNull(),
    channel: text('channel').notNull().$type<'email' | 'sms' | 'work_notice'>(),
    /** Where it goes: the address, the phone number, the work-notice user id. */
    address: text('address').notNull(),
    status: text('status').notNull().$type<'pending' | 'sent' | 'dead'>().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this instant: back-off after a failure, or the end of the person's quiet hours. */
    notBefore: ts('not_before').notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notification_deliveries_due').on(t.notBefore).where(sql`status = 'pending'`),
    index('notification_deliveries_dead').on(t.tenantId, t.createdAt).where(sql`status = 'dead'`),
  ],
);

/** A person's channel choices and quiet hours (China time, 'HH:MM'; a window may pass midnight). */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  tenantId: tenantId(),
  channels: text('channels').array().notNull().default(sql`'{}'::text[]`).$type<('email' | 'sms' | 'work_notice')[]>(),
  email: text('email'),
  /** The person's id on the work-notice platform (钉钉/浙政钉 userid). */
  workNoticeId: text('work_notice_id'),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Notices sent once per thing by a scan (an unsigned assignment's reminder): the key makes it once. */
export const noticeMarks = pgTable(
  'notice_marks',
  {
    tenantId: tenantId(),
    kind: text('kind').notNull(),
    entityId: integer('entity_id').notNull(),
    sentOn: day('sent_on').notNull(),
  },
  (t) => [uniqueIndex('notice_marks_pk').on(t.kind, t.entityId)],
);
