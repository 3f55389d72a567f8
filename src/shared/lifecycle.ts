import type { Role } from './roles.js';

// The proposal lifecycle as data. The server enforces it (an action outside its `from` states is
// a 409, a role outside `roles` is a 403); the web app reads it to decide which buttons to show.

export const STATES = [
  'draft',
  'pending_cosign',
  'submitted',
  'returned',
  'withdrawn',
  'not_filed',
  'filed',
  'merged',
  'assigned',
  'handling',
  'reply_review',
  'replied',
  'rehandling',
  'following_up',
  'closed',
] as const;
export type State = (typeof STATES)[number];

export const STATE_LABELS: Record<State, string> = {
  draft: '草稿',
  pending_cosign: '待联名确认',
  submitted: '待审查',
  returned: '退回修改',
  withdrawn: '已撤回',
  not_filed: '不立案',
  filed: '已立案待交办',
  merged: '已并案',
  assigned: '已交办待签收',
  handling: '办理中',
  reply_review: '答复待审核',
  replied: '已答复待测评',
  rehandling: '重新办理',
  following_up: '跟踪落实',
  closed: '已办结',
};

export const ACTIONS = [
  'edit',
  'submit',
  'confirm_cosign',
  'decline_cosign',
  'record_cosign',
  'withdraw',
  'file',
  'reject',
  'return',
  'merge',
  'assign',
  'sign',
  'object',
  'decide_objection',
  'extend_deadline',
  'remind',
  'record_contact',
  'add_co_opinion',
  'reply',
  'approve_reply',
  'return_reply',
  'evaluate',
  'report_follow_up',
  'close',
  'designate_key',
  'add_supervision',
  'publish',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  edit: '修改',
  submit: '提交',
  confirm_cosign: '确认联名',
  decline_cosign: '拒绝联名',
  record_cosign: '代录联名确认',
  withdraw: '撤回',
  file: '立案',
  reject: '不立案',
  return: '退回修改',
  merge: '并案',
  assign: '交办',
  sign: '签收',
  object: '申请调整',
  decide_objection: '审定调整申请',
  extend_deadline: '延期',
  remind: '催办',
  record_contact: '登记沟通',
  add_co_opinion: '提交会办意见',
  reply: '答复',
  approve_reply: '审核通过答复',
  return_reply: '退回答复',
  evaluate: '测评',
  report_follow_up: '报送落实情况',
  close: '办结',
  designate_key: '确定重点提案',
  add_supervision: '登记督办活动',
  publish: '公开',
};

export interface Transition {
  /** States in which the action may be taken. */
  from: readonly State[];
  /**
   * Where the proposal may end up. Several entries when the outcome depends on the data (the last
   * co-proposer's confirmation moves it on, earlier ones do not); `'same'` keeps the state.
   */
  to: readonly (State | 'same')[];
  roles: readonly Role[];
}

const HANDLING: readonly State[] = ['handling', 'rehandling'];
const IN_UNITS: readonly State[] = ['assigned', 'handling', 'rehandling'];
/** From assignment on, while the units still have a say: a co-unit's opinion is taken whenever it comes. */
const AFTER_ASSIGNMENT: readonly State[] = ['assigned', 'handling', 'rehandling', 'reply_review', 'replied', 'following_up', 'closed'];

export const TRANSITIONS: Record<Action, Transition> = {
  edit: { from: ['draft', 'returned'], to: ['same'], roles: ['member', 'group'] },
  submit: { from: ['draft', 'returned'], to: ['pending_cosign', 'submitted'], roles: ['member', 'group'] },
  confirm_cosign: { from: ['pending_cosign'], to: ['pending_cosign', 'submitted'], roles: ['member', 'group'] },
  decline_cosign: { from: ['pending_cosign'], to: ['pending_cosign', 'submitted'], roles: ['member', 'group'] },
  // 代录: staff record a co-proposer's paper signature; the last one moves the proposal on.
  record_cosign: { from: ['pending_cosign'], to: ['pending_cosign', 'submitted'], roles: ['staff'] },
  withdraw: {
    from: ['draft', 'pending_cosign', 'submitted', 'returned'],
    to: ['withdrawn'],
    roles: ['member', 'group'],
  },
  file: { from: ['submitted'], to: ['filed'], roles: ['staff'] },
  reject: { from: ['submitted'], to: ['not_filed'], roles: ['staff'] },
  return: { from: ['submitted'], to: ['returned'], roles: ['staff'] },
  // The secondary proposals of a merge become `merged`; the primary stays `filed`.
  merge: { from: ['filed'], to: ['merged', 'same'], roles: ['staff'] },
  assign: { from: ['filed'], to: ['assigned'], roles: ['staff', 'office'] },
  // The lead unit's signature moves the proposal into handling; a co-unit's does not (and a co-unit
  // may still sign after the reply, to send its late opinion).
  sign: { from: ['assigned', 'handling', 'rehandling', 'reply_review', 'replied', 'following_up'], to: ['handling', 'same'], roles: ['unit'] },
  object: { from: ['assigned', 'handling'], to: ['same'], roles: ['unit'] },
  decide_objection: { from: ['assigned', 'handling'], to: ['same', 'assigned', 'handling'], roles: ['staff', 'office'] },
  extend_deadline: { from: IN_UNITS, to: ['same'], roles: ['staff', 'office'] },
  remind: { from: IN_UNITS, to: ['same'], roles: ['staff', 'office'] },
  record_contact: { from: HANDLING, to: ['same'], roles: ['unit'] },
  // A co-opinion is never refused for coming late: one that arrives after the reply is kept and shown.
  add_co_opinion: { from: AFTER_ASSIGNMENT, to: ['same'], roles: ['unit'] },
  // In 分办 the proposal is replied only when every unit has answered. With 答复审核 on (a session
  // setting) the reply waits in reply_review until staff or the office let it go out or return it.
  reply: { from: HANDLING, to: ['replied', 'reply_review', 'same'], roles: ['unit'] },
  approve_reply: { from: ['reply_review'], to: ['replied'], roles: ['staff', 'office'] },
  return_reply: { from: ['reply_review'], to: ['handling', 'rehandling'], roles: ['staff', 'office'] },
  // The lead proposer evaluates; staff may enter a paper evaluation on the proposer's behalf (代录).
  evaluate: { from: ['replied'], to: ['rehandling', 'following_up', 'closed'], roles: ['member', 'group', 'staff'] },
  report_follow_up: { from: ['following_up'], to: ['same', 'closed'], roles: ['unit'] },
  close: { from: ['replied', 'following_up'], to: ['closed'], roles: ['staff'] },
  designate_key: {
    from: ['filed', 'assigned', 'handling', 'rehandling', 'reply_review', 'replied', 'following_up', 'closed'],
    to: ['same'],
    roles: ['staff'],
  },
  add_supervision: {
    from: ['assigned', 'handling', 'rehandling', 'reply_review', 'replied', 'following_up', 'closed'],
    to: ['same'],
    roles: ['staff', 'office', 'leader'],
  },
  publish: { from: ['replied', 'following_up', 'closed'], to: ['same'], roles: ['staff'] },
};

export function canTake(action: Action, state: State, roles: readonly Role[]): boolean {
  const t = TRANSITIONS[action];
  return t.from.includes(state) && t.roles.some((r) => roles.includes(r));
}

/** Actions whose state and role rules allow them; the server still checks the actor's relation. */
export function availableActions(state: State, roles: readonly Role[]): Action[] {
  return ACTIONS.filter((a) => canTake(a, state, roles));
}

/** Whether `next` is a legal outcome of `action` from `current`. */
export function isLegalOutcome(action: Action, current: State, next: State): boolean {
  const t = TRANSITIONS[action];
  return t.to.some((s) => (s === 'same' ? next === current : s === next));
}
