import { describe, expect, it } from 'vitest';
import { flowSteps } from '../src/web/features/proposal-detail/components/lifecycle-flow-steps.js';
import type { HistoryEntry } from '../src/shared/schemas/proposal-reads.js';

// The 办理流程图's steps: the path taken (with its branches), one current step, the steps ahead.

let nextId = 1;
const h = (action: string, day: string, status?: [string, string]): HistoryEntry => ({
  id: nextId++,
  action,
  entityType: 'proposal',
  entityId: 1,
  actorId: 1,
  actorName: '王',
  at: `${day}T02:00:00.000Z`,
  changes: status ? [{ field: 'status', before: status[0], after: status[1] }] : [],
});
const view = (steps: ReturnType<typeof flowSteps>) => steps.map((s) => `${s.label}${s.state === 'current' ? '*' : s.state === 'ahead' ? '?' : ''}${s.day ? `@${s.day.slice(5, 10)}` : ''}`);

describe('办理流程图 steps', () => {
  it('a proposal in handling: past steps dated, 答复 current, the rest ahead; co-unit and lead signatures are one 签收', () => {
    const steps = flowSteps('handling', [
      h('proposal.create', '2026-03-01'),
      h('proposal.submit', '2026-03-02'),
      h('proposal.file', '2026-03-05'),
      h('proposal.assign', '2026-03-10'),
      h('assignment.sign', '2026-03-11'),
      h('assignment.sign', '2026-03-12'),
      h('proposal.record_contact', '2026-04-01'),
    ], null);
    expect(view(steps)).toEqual(['提交@03-02', '审查立案@03-05', '交办@03-10', '签收@03-11', '答复*', '测评?', '办结?']);
    expect(steps.filter((s) => s.state === 'current')).toHaveLength(1);
  });

  it('退回修改 shows as a branch, then the proposal is submitted again', () => {
    const steps = flowSteps('submitted', [h('proposal.submit', '2026-03-02'), h('proposal.return', '2026-03-04'), h('proposal.submit', '2026-03-06')], null);
    expect(view(steps)).toEqual(['提交@03-02', '退回修改@03-04', '提交@03-06', '审查立案*', '交办?', '签收?', '答复?', '测评?', '办结?']);
  });

  it('不立案 ends the path on its branch, marked current, with nothing ahead', () => {
    const steps = flowSteps('not_filed', [h('proposal.submit', '2026-03-02'), h('proposal.reject', '2026-03-04')], null);
    expect(view(steps)).toEqual(['提交@03-02', '不立案*@03-04']);
  });

  it('a merged proposal ends on 并案 even without its own merge row', () => {
    expect(view(flowSteps('merged', [h('proposal.submit', '2026-03-02'), h('proposal.file', '2026-03-04')], null))).toEqual(['提交@03-02', '审查立案@03-04', '并案*']);
  });

  it('不满意 turns to 重新办理: 答复 and 测评 again, closed by the second evaluation on its day', () => {
    const steps = flowSteps('closed', [
      h('proposal.submit', '2026-03-02'),
      h('proposal.file', '2026-03-05'),
      h('proposal.assign', '2026-03-10'),
      h('assignment.sign', '2026-03-11'),
      h('proposal.reply', '2026-05-01', ['handling', 'reply_review']),
      h('proposal.approve_reply', '2026-05-02', ['reply_review', 'replied']),
      h('proposal.evaluate', '2026-05-10', ['replied', 'rehandling']),
      h('proposal.reply', '2026-06-01', ['rehandling', 'replied']),
      h('proposal.evaluate', '2026-06-05', ['replied', 'closed']),
    ], '2026-06-05T02:00:00.000Z');
    expect(view(steps)).toEqual(['提交@03-02', '审查立案@03-05', '交办@03-10', '签收@03-11', '答复@05-01', '测评@05-10', '重新办理@05-10', '答复@06-01', '测评@06-05', '办结*@06-05']);
  });

  it('a draft is at 提交, waiting', () => {
    const steps = flowSteps('draft', [h('proposal.create', '2026-03-01')], null);
    expect(steps[0]).toMatchObject({ label: '提交', state: 'current', note: '草稿' });
    expect(steps).toHaveLength(7);
  });
});
