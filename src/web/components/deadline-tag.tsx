import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../lib/i18n.js';
import { today } from '../lib/clock.js';

/** Calendar days from today to the deadline: positive left, negative over. */
export function daysLeft(deadline: string | null | undefined, now = today()): number | null {
  if (!deadline) return null;
  return dayjs(deadline).startOf('day').diff(now.startOf('day'), 'day');
}

/** 剩余N天 / 今日到期 / 逾期N天, coloured by urgency. */
export function DeadlineTag({ deadline, overdue, dueSoon }: { deadline: string | null | undefined; overdue?: boolean; dueSoon?: boolean }) {
  const t = useT();
  const n = daysLeft(deadline);
  if (n === null) return <span>—</span>;
  if (n < 0 || overdue) return <Tag color="error">{n < 0 ? t('逾期{n}天', { n: -n }) : t('已逾期')}</Tag>;
  if (n === 0) return <Tag color="error">{t('今日到期')}</Tag>;
  return <Tag color={dueSoon || n <= 7 ? 'warning' : 'default'}>{t('剩余{n}天', { n })}</Tag>;
}
