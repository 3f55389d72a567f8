import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../lib/api.js';
import { extendEnglish, useI18n } from '../../../lib/i18n.js';
import { formatDay, proposalNo } from '../../../lib/format.js';
import { ACTION_LABELS } from '../../../../shared/lifecycle.js';
import { UNIT_ROLES } from '../../../../shared/domain.js';
import type { UnsignedItem } from '../../../../shared/schemas/handling-aids.js';
import type { useActionLauncher } from '../../../components/action-launcher.js';

extendEnglish({
  超期未签收: 'Unsigned too long',
  '交办后超过规定工作日仍未签收的承办单位（规定工作日数见届次会议设置）': 'Units that have not signed an assignment within the working days the session allows',
  交办日期: 'Assigned on',
  未签收: 'Unsigned for',
  '{n}个工作日': '{n} working days',
  '（规定{n}日）': '(limit {n})',
  暂无超期未签收: 'Nothing unsigned too long',
});

type Page = { items: UnsignedItem[]; total: number };

export const UNSIGNED_HINT = '交办后超过规定工作日仍未签收的承办单位（规定工作日数见届次会议设置）';

export function useUnsignedCount() {
  return useQuery({ queryKey: ['assignments', 'unsigned', 'count'], queryFn: () => api.get<Page>('/assignments/unsigned', { pageSize: 1 }).then((r) => r.total) });
}

/** 超期未签收 on the deadline board: one row per unit that has not signed (GET /assignments/unsigned), with 催办. */
export function UnsignedList({ page, pageSize, onPage, launcher }: { page: number; pageSize: number; onPage: (page: number, pageSize: number) => void; launcher: ReturnType<typeof useActionLauncher> }) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['assignments', 'unsigned', page, pageSize],
    queryFn: () => api.get<Page>('/assignments/unsigned', { page, pageSize }),
    placeholderData: (prev) => prev,
  });
  return (
    <Table<UnsignedItem>
      rowKey="assignmentId"
      size="middle"
      data-testid="unsigned-table"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('暂无超期未签收') }}
      scroll={{ x: 760 }}
      pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, onChange: onPage }}
      columns={[
        {
          title: t('案由'),
          key: 'title',
          render: (_: unknown, r) => (
            <Link to={`/proposals/${r.proposalId}`}>
              {proposalNo(r.number)} {r.title}
            </Link>
          ),
        },
        {
          title: t('承办单位'),
          key: 'unit',
          width: 180,
          render: (_: unknown, r) => (
            <span>
              {r.unitName} <Tag>{t(UNIT_ROLES.labels[r.role as keyof typeof UNIT_ROLES.labels] ?? r.role)}</Tag>
            </span>
          ),
        },
        { title: t('交办日期'), dataIndex: 'assignedAt', width: 140, render: (d: string) => formatDay(d, locale) },
        {
          title: t('未签收'),
          key: 'days',
          width: 190,
          render: (_: unknown, r) => (
            <span>
              <Tag color="red">{t('{n}个工作日', { n: r.workingDays })}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('（规定{n}日）', { n: r.threshold })}
              </Typography.Text>
            </span>
          ),
        },
        {
          title: t('操作'),
          key: 'actions',
          width: 90,
          render: (_: unknown, r) => (
            <Button size="small" loading={launcher.isLoading(r.proposalId, 'remind')} onClick={() => launcher.launch(r.proposalId, 'remind')}>
              {t(ACTION_LABELS.remind)}
            </Button>
          ),
        },
      ]}
    />
  );
}
