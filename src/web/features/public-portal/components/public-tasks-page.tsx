import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatDay } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { TASK_STATUS_LABELS, type PublicTaskPeriod } from '../../../../shared/schemas/tasks.js';
import { PublicShell, TenantPicker, usePortalTenant } from './public-shell.js';
import '../i18n-tasks.js';
import { LinkButton } from '../../../components/link-button.js';
import { PageTitle } from '../../../components/page-title.js';

type Row = PublicTaskPeriod['rows'][number];
interface PeriodItem {
  id: number;
  label: string;
  listTitle: string;
  year: number;
  publishedAt: string | null;
}
const STATUS_COLORS: Record<string, string> = { done: 'success', on_track: 'processing', behind: 'error', not_started: 'default' };

/** 重点工作完成情况公开: a published period's table in its printed layout, without names or comments. */
export function PublicTasksPage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<Record<string, string | undefined>>({});
  // The same region as the rest of the portal (public-shell.tsx), not simply the first.
  const portal = usePortalTenant();
  const { tenantId } = portal;
  const periods = useQuery({
    queryKey: ['public', 'task-periods', tenantId],
    queryFn: async () => (await api.get<{ items: PeriodItem[] }>('/public/task-periods', { tenantId })).items,
    enabled: tenantId !== undefined,
  });
  const periodId = s.period ? Number(s.period) : periods.data?.[0]?.id;
  const table = useQuery({
    queryKey: ['public', 'task-period', periodId],
    queryFn: () => api.get<PublicTaskPeriod>(`/public/task-periods/${periodId}`),
    enabled: periodId !== undefined,
  });

  useEffect(() => {
    document.title = t('重点工作完成情况公开');
  }, [t]);

  return (
    <PublicShell
      extra={
        <TenantPicker portal={portal} reset={['period']} />
      }
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <LinkButton to={tenantId ? `/public?tenant=${tenantId}` : '/public'} type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }}>
            {t('提案办理公开')}
          </LinkButton>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
          <div>
            <PageTitle size={3} style={{ margin: 0 }}>
              {t('政府重点工作完成情况')}
            </PageTitle>
            <Typography.Text type="secondary">{t('市政府工作报告确定的重点工作任务，按分管市长分组，★为牵头单位')}</Typography.Text>
          </div>
          <Select
            aria-label={t('报告期')}
            placeholder={t('选择报告期')}
            style={{ minWidth: 300, maxWidth: '100%' }}
            loading={periods.isLoading}
            value={periodId}
            onChange={(v) => update({ period: v })}
            options={(periods.data ?? []).map((p) => ({ value: p.id, label: `${p.listTitle} · ${p.label}` }))}
          />
        </div>
        {portal.tenants.isLoading || periods.isLoading ? (
          <Skeleton active />
        ) : !periods.data?.length ? (
          <Card>
            <Empty description={t('暂无公开的重点工作完成情况')} />
          </Card>
        ) : (
          <QueryState query={table}>
            {(d) => (
              <Card
                size="small"
                title={`${d.listTitle} · ${d.period.label}`}
                extra={d.period.publishedAt && <Typography.Text type="secondary">{t('公开于{day}', { day: formatDay(d.period.publishedAt, locale) })}</Typography.Text>}
              >
                <PublicTaskTable rows={d.rows} progressHeader={d.progressHeader} />
              </Card>
            )}
          </QueryState>
        )}
      </Space>
    </PublicShell>
  );
}

function PublicTaskTable({ rows, progressHeader }: { rows: Row[]; progressHeader: string }) {
  const { t } = useI18n();
  // The leader's name once per group, spanning the group's rows, as printed.
  const spans = rows.map((r, i) => {
    if (!r.firstOfGroup && i > 0) return 0;
    let n = 1;
    while (rows[i + n] && !rows[i + n]!.firstOfGroup) n++;
    return n;
  });
  return (
    <Table<Row>
      rowKey={(r) => `${r.leaderName}-${r.seq}`}
      size="small"
      bordered
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="public-task-table"
      columns={[
        { title: t('分管市长'), dataIndex: 'leaderName', key: 'leader', width: 90, onCell: (_r, i) => ({ rowSpan: spans[i ?? 0] ?? 1, style: { verticalAlign: 'top' } }) },
        { title: t('序号'), dataIndex: 'seq', key: 'seq', width: 56, align: 'center' },
        { title: t('主要工作任务'), dataIndex: 'text', key: 'text', width: '30%' },
        {
          title: progressHeader,
          key: 'progress',
          render: (_: unknown, r) => (
            <Space direction="vertical" size={2}>
              {r.status && <Tag color={STATUS_COLORS[r.status]}>{t(TASK_STATUS_LABELS[r.status])}</Tag>}
              <span style={{ whiteSpace: 'pre-line' }}>{r.progress || '—'}</span>
            </Space>
          ),
        },
        { title: t('责任单位'), dataIndex: 'units', key: 'units', width: 160 },
      ]}
    />
  );
}
