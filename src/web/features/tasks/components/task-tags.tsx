import { Badge, Tag, Tooltip } from 'antd';
import { useT } from '../../../lib/i18n.js';
import {
  LIGHT_LABELS,
  LIGHT_REASONS,
  PERIOD_STATUS_LABELS,
  REPORT_STATE_LABELS,
  TASK_STATUS_LABELS,
  type Light,
  type LightReason,
  type PeriodStatus,
  type ReportState,
  type TaskStatus,
  type TaskUnitRef,
} from '../../../../shared/schemas/tasks.js';
import '../i18n.js';

export const LIGHT_COLORS: Record<Light, string> = { green: '#389e0d', yellow: '#faad14', red: '#cf1322' };
/** The lights' colours for text (a label, a count): darker shades, ≥ 4.5:1 on white and #fafafa (WCAG 1.4.3). */
export const LIGHT_TEXT_COLORS: Record<Light, string> = { green: '#237804', yellow: '#874d00', red: '#cf1322' };
const STATUS_COLORS: Record<TaskStatus, string> = { done: 'success', on_track: 'processing', behind: 'error', not_started: 'default' };
const STATE_COLORS: Record<ReportState, string> = { draft: 'default', submitted: 'orange', accepted: 'green', returned: 'magenta' };
const PERIOD_COLORS: Record<PeriodStatus, string> = { open: 'processing', closed: 'default', published: 'green' };

/** A coloured dot with 绿灯/黄灯/红灯; the reason (same words as the server's rule) on hover. */
export function LightTag({ light, reason }: { light: Light; reason?: LightReason }) {
  const t = useT();
  const dot = <Badge color={LIGHT_COLORS[light]} text={t(LIGHT_LABELS[light])} data-testid={`light-${light}`} />;
  return reason ? <Tooltip title={t(LIGHT_REASONS[reason])}>{dot}</Tooltip> : dot;
}

export function TaskStatusTag({ status }: { status: TaskStatus | null }) {
  const t = useT();
  if (!status) return <Tag>{t('未报送')}</Tag>;
  return <Tag color={STATUS_COLORS[status]}>{t(TASK_STATUS_LABELS[status])}</Tag>;
}

export function ReportStateTag({ state }: { state: ReportState | null }) {
  const t = useT();
  if (!state) return null;
  return <Tag color={STATE_COLORS[state]}>{t(REPORT_STATE_LABELS[state])}</Tag>;
}

export function PeriodStatusTag({ status }: { status: PeriodStatus }) {
  const t = useT();
  return <Tag color={PERIOD_COLORS[status]}>{t(PERIOD_STATUS_LABELS[status])}</Tag>;
}

/** 责任单位 as the table prints it: ★ before the lead unit (no ★ when every unit leads). */
export function unitsCell(units: TaskUnitRef[]): string {
  const allLead = units.every((u) => u.isLead);
  return units.map((u) => (u.isLead && !allLead ? `★${u.name}` : u.name)).join('、');
}
