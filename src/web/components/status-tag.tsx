import { Tag } from 'antd';
import { STATE_LABELS, type State } from '../../shared/lifecycle.js';
import { useT } from '../lib/i18n.js';

const COLORS: Record<State, string> = {
  draft: 'default',
  pending_cosign: 'gold',
  submitted: 'orange',
  returned: 'magenta',
  withdrawn: 'default',
  not_filed: 'default',
  filed: 'blue',
  merged: 'purple',
  assigned: 'geekblue',
  handling: 'processing',
  reply_review: 'gold',
  replied: 'cyan',
  rehandling: 'volcano',
  following_up: 'lime',
  closed: 'success',
};

export function StatusTag({ status }: { status: State }) {
  const t = useT();
  return <Tag color={COLORS[status]}>{t(STATE_LABELS[status])}</Tag>;
}
