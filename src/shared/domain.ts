// Domain vocabularies shared by the server, the database schema and the web app.
// Each value list has its Chinese label beside it: the UI shows the labels, code uses the values.
// The English labels sit beside them (`en`), so that the server's notices and documents and the
// web app (src/web/lib/i18n-en.ts) read them from one place.

function labelled<const T extends Record<string, string>>(labels: T, en: { [K in keyof T]: string }) {
  return { values: Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]], labels, en };
}

/** Every value list, for the web app's English dictionary (Chinese label → English label). */
export const VALUE_LISTS: { labels: Record<string, string>; en: Record<string, string> }[] = [];
function list<const T extends Record<string, string>>(labels: T, en: { [K in keyof T]: string }) {
  const l = labelled(labels, en);
  VALUE_LISTS.push(l);
  return l;
}

export const PROPOSAL_KINDS = list({ proposal: '政协提案', suggestion: '人大代表建议' }, { proposal: 'CPPCC proposal', suggestion: "NPC deputy's suggestion" });
export type ProposalKind = (typeof PROPOSAL_KINDS.values)[number];

/**
 * The two organs of a jurisdiction that take submissions: the CPPCC committee (政协, its 提案委
 * handles 提案) and the NPC standing committee (人大, its 选联工委 handles 代表建议). A session
 * belongs to one organ through its kind; a staff account belongs to one organ.
 */
export const ORGANS = list({ cppcc: '政协', npc: '人大' }, { cppcc: 'CPPCC', npc: 'NPC' });
export type Organ = (typeof ORGANS.values)[number];
export const ORGAN_OF_KIND: Record<ProposalKind, Organ> = { proposal: 'cppcc', suggestion: 'npc' };
export const KIND_OF_ORGAN: Record<Organ, ProposalKind> = { cppcc: 'proposal', npc: 'suggestion' };

/** Where a supervising leader sits (printed before the name: 「市政协领导叶建宏」). */
export const LEADER_ORGANS = list({ party: '党委', npc: '人大', government: '政府', cppcc: '政协', other: '其他' }, { party: 'Party committee', npc: 'NPC', government: 'Government', cppcc: 'CPPCC', other: 'Other' });
export type LeaderOrgan = (typeof LEADER_ORGANS.values)[number];
/** The organs whose principal leaders are counted in 「市委、市人大、市政府、市政协主要领导领衔督办 N 件」. */
export const MAIN_LEADER_ORGANS = ['party', 'npc', 'government', 'cppcc'] as const satisfies readonly LeaderOrgan[];

/** A leader's rank: 主要领导 (书记, 主任, 市长, 主席) or 副职 / 其他. */
export const LEADER_RANKS = list({ principal: '主要领导', deputy: '副职领导', other: '其他领导' }, { principal: 'Principal leader', deputy: 'Deputy leader', other: 'Other leader' });
export type LeaderRank = (typeof LEADER_RANKS.values)[number];

/** A supervision meeting held on one or more key proposals (督办会议). */
export const MEETING_KINDS = list({ consultation: '专题协商会', site_supervision: '现场督办', discussion: '座谈会' }, { consultation: 'Consultation meeting', site_supervision: 'On-site supervision', discussion: 'Discussion' });
export type MeetingKind = (typeof MEETING_KINDS.values)[number];

/** A leader's instruction (领导批示/要求) and its follow-up. */
export const INSTRUCTION_STATUSES = list({ open: '待落实', followed_up: '已反馈' }, { open: 'To act on', followed_up: 'Reported back' });
export type InstructionStatus = (typeof INSTRUCTION_STATUSES.values)[number];

/** 两级联合督办: the county invites its city on a key proposal, the city accepts or declines. */
export const JOINT_STATUSES = list(
  { invited: '待上级确认', accepted: '联合督办中', declined: '上级已谢绝', withdrawn: '已撤回' },
  { invited: 'Awaiting the upper level', accepted: 'Jointly supervised', declined: 'Declined by the upper level', withdrawn: 'Withdrawn' },
);
export type JointStatus = (typeof JOINT_STATUSES.values)[number];

/** The platform's own tenant holds the platform administrators (users.platform_admin) and nothing else. */
export const PLATFORM_TENANT_CODE = 'PLATFORM';

export const SUBMITTED_DURING = list({ plenary: '大会期间', interim: '平时' }, { plenary: 'During the plenary', interim: 'Between sessions' });
export type SubmittedDuring = (typeof SUBMITTED_DURING.values)[number];

export const CATEGORIES = list({
  economy: '经济建设',
  agriculture: '农业农村',
  urban: '城乡建设',
  ecology: '生态环境',
  education: '教育科技',
  health: '医疗卫生',
  culture: '文化旅游',
  social: '社会民生',
  governance: '法治政务',
  other: '其他',
}, {
  economy: 'Economy',
  agriculture: 'Agriculture & rural affairs',
  urban: 'Urban & rural construction',
  ecology: 'Ecology & environment',
  education: 'Education, science & technology',
  health: 'Health care',
  culture: 'Culture & tourism',
  social: 'Social welfare',
  governance: 'Rule of law & government',
  other: 'Other',
});
export type Category = (typeof CATEGORIES.values)[number];

export const TENANT_LEVELS = list({ province: '省', city: '市', district: '区', county: '县' }, { province: 'Province', city: 'City', district: 'District', county: 'County' });
export const TENANT_LEVEL_VALUES = TENANT_LEVELS.values;

export const UNIT_KINDS = list({ department: '部门', town: '镇街', enterprise: '企业', other: '其他' }, { department: 'Department', town: 'Town / street', enterprise: 'Enterprise', other: 'Other' });
export type UnitKind = (typeof UNIT_KINDS.values)[number];

export const BODY_KINDS = list({
  party: '党派团体',
  sector_group: '界别活动组',
  committee: '专门委员会',
  people_org: '人民团体',
}, { party: 'Party or body', sector_group: 'Sector group', committee: 'Special committee', people_org: "People's organisation" });

/** Reason codes for a review decision other than 立案. */
export const REVIEW_REASONS = list({
  not_in_scope: '不属于提案范围',
  already_solved: '所提问题已经解决',
  too_general: '内容空泛、建议不具体',
  duplicate: '与已立案提案重复',
  personal_matter: '涉及个人或具体案件',
  needs_revision: '需要修改完善',
  other: '其他',
}, {
  not_in_scope: 'Not within the scope of a proposal',
  already_solved: 'The problem is already solved',
  too_general: 'Too general, no concrete suggestion',
  duplicate: 'Duplicates a filed proposal',
  personal_matter: 'A personal matter or a specific case',
  needs_revision: 'Needs revision',
  other: 'Other',
});
export type ReviewReason = (typeof REVIEW_REASONS.values)[number];

export const CONVERSIONS = list({ letter: '作为来信处理', social_report: '转社情民意' }, { letter: 'handled as a letter', social_report: 'passed on as a public-opinion report' });
export type Conversion = (typeof CONVERSIONS.values)[number];

export const ASSIGNMENT_MODES = list({ single: '主办', joint: '主办会办', separate: '分办' }, { single: 'Lead', joint: 'Lead and co-units', separate: 'Separate' });
export type AssignmentMode = (typeof ASSIGNMENT_MODES.values)[number];

export const UNIT_ROLES = list({ lead: '主办', co: '会办', separate: '分办' }, { lead: 'Lead', co: 'Co-unit', separate: 'Separate' });
export type UnitRole = (typeof UNIT_ROLES.values)[number];

export const ASSIGNMENT_STATUSES = list({
  pending: '待签收',
  signed: '已签收',
  objected: '申请调整中',
  removed: '已调整退出',
}, { pending: 'To sign for', signed: 'Signed for', objected: 'Change requested', removed: 'Removed after change' });
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES.values)[number];

export const CONTACT_METHODS = list({ face: '面商', phone: '电话', meeting: '座谈', visit: '实地' }, { face: 'In person', phone: 'Phone', meeting: 'Meeting', visit: 'Site visit' });
export type ContactMethod = (typeof CONTACT_METHODS.values)[number];

export const RESULT_CLASSES = list({
  A: 'A类 所提问题已经解决或基本解决/采纳',
  B: 'B类 正在解决或列入计划逐步解决',
  C: 'C类 因条件限制暂时不能解决，留作参考',
}, {
  A: 'Class A: solved or largely solved / adopted',
  B: 'Class B: being solved or planned',
  C: 'Class C: cannot be solved for now, kept for reference',
});
export type ResultClass = (typeof RESULT_CLASSES.values)[number];

/**
 * Where a reply stands: sent to the proposer, waiting for 答复审核 by staff or the office, or
 * returned by them to the unit with a reason (the unit edits and sends it again).
 */
export const REPLY_STATUSES = list({ sent: '已送达', pending_review: '待审核', returned: '已退回修改' }, { sent: 'Delivered', pending_review: 'Under review', returned: 'Returned for revision' });
export type ReplyStatus = (typeof REPLY_STATUSES.values)[number];

/**
 * Working days a co-unit has for a new opinion when the proposer asks for one (不满意 with it, or
 * named when the lead unit is sent back to re-handle). The first opinion's window is the session's
 * co_opinion_months after assignment.
 */
export const CO_REOPINION_WORKING_DAYS = 10;

export const DISCLOSURES = list({ public: '公开', private: '不公开', on_request: '依申请公开' }, { public: 'Public', private: 'Not public', on_request: 'Public on request' });
export type Disclosure = (typeof DISCLOSURES.values)[number];

export const SATISFACTION = list({ satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }, { satisfied: 'Satisfied', basic: 'Basically satisfied', unsatisfied: 'Unsatisfied' });
export type Satisfaction = (typeof SATISFACTION.values)[number];

export const SUPERVISION_KINDS = list({
  consultation: '专题协商会',
  supervision_meeting: '督办会',
  site_visit: '实地视察',
  discussion: '座谈',
}, { consultation: 'Consultation meeting', supervision_meeting: 'Supervision meeting', site_visit: 'Site inspection', discussion: 'Discussion' });
export type SupervisionKind = (typeof SUPERVISION_KINDS.values)[number];

export const SUPERVISION_LEVELS = list({ own: '本级', joint: '两级联合督办' }, { own: 'Own level', joint: 'Two-level joint supervision' });
