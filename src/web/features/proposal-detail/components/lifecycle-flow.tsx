import { Card, Grid, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ExclamationOutlined } from '@ant-design/icons';
import type { HistoryEntry, ProposalDetail } from '../../../../shared/schemas/proposal-reads.js';
import { flowSteps, type Step } from './lifecycle-flow-steps.js';
import { extendEnglish, useKindI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';

// 办理流程图: the lifecycle path this proposal actually took (from its history), the step it is at
// now (aria-current="step") and the steps still ahead. Branches appear only when taken: 退回修改,
// 并案, 不立案, 撤回, 重新办理. Horizontal on a desk, vertical on a phone (375 px).

extendEnglish({ 办理流程: 'Lifecycle', 审查立案: 'Review', 签收: 'Signed', 办结: 'Closed', 退回修改: 'Returned for revision', 待审查: 'awaiting review', 待交办: 'awaiting assignment', 重新办理中: 'being handled again', 待联名确认: 'awaiting co-signatures', 待测评: 'awaiting evaluation', 待签收: 'awaiting signature', 修改后重新提交: 'to resubmit after revision' });

export function LifecycleFlow({ p, history }: { p: ProposalDetail; history: HistoryEntry[] }) {
  const { t, locale } = useKindI18n(p.kind);
  const vertical = !Grid.useBreakpoint().md;
  const steps = flowSteps(p.status, history, p.closedAt);
  return (
    <Card size="small" title={t('办理流程')} data-testid="lifecycle-flow">
      <ol
        aria-label={t('办理流程')}
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'flex',
          flexDirection: vertical ? 'column' : 'row',
          flexWrap: 'wrap',
          gap: vertical ? 0 : '12px 0',
        }}
      >
        {steps.map((s, i) => (
          <FlowStep key={s.key} step={s} label={t(s.label)} day={s.day ? formatDay(s.day, locale) : undefined} note={s.note ? t(s.note) : undefined} vertical={vertical} lastOne={i === steps.length - 1} />
        ))}
      </ol>
    </Card>
  );
}

// Text and white-on-colour both reach 4.5:1 (the theme's accessible status colours, lib/theme.ts).
const COLORS = { done: '#237804', current: '#0958d9', ahead: '#6b6b6b', branch: '#ad4e00', stop: '#cf1322' };

function FlowStep({ step, label, day, note, vertical, lastOne }: { step: Step; label: string; day?: string; note?: string; vertical: boolean; lastOne: boolean }) {
  const stop = step.branch === 'reject' || step.branch === 'withdraw';
  const color = step.branch ? (stop ? COLORS.stop : COLORS.branch) : COLORS[step.state];
  const current = step.state === 'current';
  const icon = step.branch ? stop ? <CloseOutlined /> : <ExclamationOutlined /> : step.state === 'done' ? <CheckOutlined /> : null;
  return (
    <li
      aria-current={current ? 'step' : undefined}
      data-state={step.state}
      style={{ display: 'flex', flexDirection: vertical ? 'row' : 'column', alignItems: 'stretch', minWidth: vertical ? undefined : 104, flex: vertical ? undefined : '0 0 auto', position: 'relative' }}
    >
      <div style={{ display: 'flex', flexDirection: vertical ? 'column' : 'row', alignItems: 'center', alignSelf: 'stretch' }}>
        <span
          aria-hidden
          style={{
            width: 24,
            height: 24,
            borderRadius: 12,
            flex: '0 0 auto',
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: 12,
            color: step.state === 'ahead' ? COLORS.ahead : '#fff',
            background: step.state === 'ahead' ? '#fff' : color,
            border: `2px solid ${color}`,
            boxShadow: current ? `0 0 0 3px ${color}33` : undefined,
          }}
        >
          {icon}
        </span>
        <span style={vertical ? { width: 2, flex: 1, minHeight: 12, background: lastOne ? 'transparent' : '#e8e8e8' } : { flex: 1, height: 2, margin: '0 4px', background: lastOne ? 'transparent' : '#e8e8e8' }} />
      </div>
      <div style={{ padding: vertical ? '2px 0 12px 10px' : '4px 8px 0 0', minWidth: 0 }}>
        <Typography.Text strong={current} style={{ color: step.state === 'ahead' ? COLORS.ahead : step.branch ? color : undefined }}>
          {label}
        </Typography.Text>
        {day && (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {day}
            </Typography.Text>
          </div>
        )}
        {note && (
          <div>
            <Typography.Text style={{ fontSize: 12, color: COLORS.current }}>{note}</Typography.Text>
          </div>
        )}
      </div>
    </li>
  );
}
