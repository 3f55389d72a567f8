import type { HistoryEntry } from '../../../../shared/schemas/proposal-reads.js';
import type { State } from '../../../../shared/lifecycle.js';

// The steps of the 办理流程图, from the proposal's state and its history (no React: tested on its own).

type Stage = 'submit' | 'file' | 'assign' | 'sign' | 'reply' | 'evaluate' | 'close';
const MAIN: Stage[] = ['submit', 'file', 'assign', 'sign', 'reply', 'evaluate', 'close'];
const STAGE_LABELS: Record<Stage, string> = { submit: '提交', file: '审查立案', assign: '交办', sign: '签收', reply: '答复', evaluate: '测评', close: '办结' };
type Branch = 'return' | 'merge' | 'reject' | 'withdraw' | 'rehandle';
const BRANCH_LABELS: Record<Branch, string> = { return: '退回修改', merge: '并案', reject: '不立案', withdraw: '撤回', rehandle: '重新办理' };

/** The main-path step a proposal in `status` is at (waiting for, or — when final — done with). */
const STATUS_STAGE: Record<State, Stage> = {
  draft: 'submit',
  pending_cosign: 'submit',
  returned: 'submit',
  withdrawn: 'submit',
  submitted: 'file',
  not_filed: 'file',
  merged: 'file',
  filed: 'assign',
  assigned: 'sign',
  handling: 'reply',
  rehandling: 'reply',
  reply_review: 'reply',
  replied: 'evaluate',
  following_up: 'close',
  closed: 'close',
};
/** States whose path ends where it is: nothing is drawn ahead of them. */
const FINAL: State[] = ['withdrawn', 'not_filed', 'merged', 'closed'];

const ENDINGS: Partial<Record<State, Branch>> = { withdrawn: 'withdraw', not_filed: 'reject', merged: 'merge' };

/** What the step is waiting for now, shown under the current step. */
const WAITING: Partial<Record<State, string>> = {
  draft: '草稿',
  pending_cosign: '待联名确认',
  returned: '修改后重新提交',
  submitted: '待审查',
  filed: '待交办',
  assigned: '待签收',
  handling: '办理中',
  rehandling: '重新办理中',
  reply_review: '答复待审核',
  replied: '待测评',
  following_up: '跟踪落实',
};

export interface Step {
  key: string;
  label: string;
  day?: string;
  branch?: Branch;
  state: 'done' | 'current' | 'ahead';
  note?: string;
}

const statusAfter = (h: HistoryEntry) => h.changes.find((c) => c.field === 'status')?.after as State | undefined;

/** The stage or branch an audit row stands for, or null for rows the diagram leaves to 办理过程. */
function stepOf(h: HistoryEntry): { stage?: Stage; branch?: Branch } | null {
  switch (h.action) {
    case 'proposal.submit':
    case 'proposal.enter_paper':
      return { stage: 'submit' };
    case 'proposal.file':
      return { stage: 'file' };
    case 'proposal.return':
      return { branch: 'return' };
    case 'proposal.reject':
      return { branch: 'reject' };
    case 'proposal.merge':
      return { branch: 'merge' };
    case 'proposal.withdraw':
      return { branch: 'withdraw' };
    case 'proposal.assign':
      return { stage: 'assign' };
    case 'assignment.sign':
    case 'proposal.sign':
      return { stage: 'sign' };
    case 'proposal.reply':
    case 'proposal.approve_reply':
      return { stage: 'reply' };
    case 'proposal.evaluate':
    case 'proposal.evaluate_on_behalf':
      return { stage: 'evaluate' };
    case 'proposal.close':
      return { stage: 'close' };
    default:
      return null;
  }
}

/** The steps taken (from the history), the current one and those ahead. Exported for its tests. */
export function flowSteps(status: State, history: HistoryEntry[], closedAt: string | null): Step[] {
  const steps: Step[] = [];
  const last = () => steps[steps.length - 1];
  for (const h of history) {
    const s = stepOf(h);
    if (!s) continue;
    if (s.branch) {
      steps.push({ key: `${s.branch}-${h.id}`, label: BRANCH_LABELS[s.branch], day: h.at, branch: s.branch, state: 'done' });
      continue;
    }
    const stage = s.stage!;
    // One step per stage in a row: the co-unit's and the lead's signatures, a reply and its approval.
    if (last()?.key.startsWith(`${stage}-`)) continue;
    steps.push({ key: `${stage}-${h.id}`, label: STAGE_LABELS[stage], day: h.at, state: 'done' });
    // 不满意 sends the units back: the path turns to 重新办理 (and 答复, 测评 again).
    if (stage === 'evaluate' && statusAfter(h) === 'rehandling') steps.push({ key: `rehandle-${h.id}`, label: BRANCH_LABELS.rehandle, day: h.at, branch: 'rehandle', state: 'done' });
  }
  // Closed straight by the evaluation (no close row): 办结 on the day it closed.
  // The evaluation's own time when it closed it, so that both dates come from the same record.
  if (status === 'closed' && !last()?.key.startsWith('close-')) {
    const day = last()?.key.startsWith('evaluate-') ? last()!.day : closedAt ?? undefined;
    steps.push({ key: 'close-at', label: STAGE_LABELS.close, day, state: 'done' });
  }

  // A path that ended off the main line ends on its branch, dated or not (a merged proposal's row may sit on its primary).
  const ending = ENDINGS[status];
  if (ending && last()?.branch !== ending) steps.push({ key: `${ending}-end`, label: BRANCH_LABELS[ending], branch: ending, state: 'done' });
  const stage = STATUS_STAGE[status];
  if (FINAL.includes(status) && steps.length) {
    last()!.state = 'current';
    return steps;
  }
  steps.push({ key: `${stage}-now`, label: STAGE_LABELS[stage], state: 'current', note: WAITING[status] });
  for (const ahead of MAIN.slice(MAIN.indexOf(stage) + 1)) steps.push({ key: `${ahead}-ahead`, label: STAGE_LABELS[ahead], state: 'ahead' });
  return steps;
}
