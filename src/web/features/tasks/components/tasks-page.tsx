import { lazy, Suspense, useEffect } from 'react';
import { Card, Empty, Select, Skeleton, Space, Tabs } from 'antd';
import { FileExcelOutlined, FileWordOutlined, ImportOutlined } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { useMe } from '../../../app/auth.js';
import { DownloadButton } from '../../../components/download-button.js';
import { PERIOD_STATUS_LABELS, type TaskPeriod } from '../../../../shared/schemas/tasks.js';
import { useTaskLists, useTaskPeriods, useTaskStats } from './use-task-data.js';
import { LightSummary } from './light-summary.js';
import { TaskTable } from './task-table.js';
import '../i18n.js';
import { LinkButton } from '../../../components/link-button.js';
import { PageTitle } from '../../../components/page-title.js';
import { Data } from '../../../components/data-text.js';
import { PeriodName } from '../../../components/period-name.js';

// The charts pull in echarts: loaded only when the 统计 tab opens.
const TaskStatsPanel = lazy(() => import('./task-stats-panel.js').then((m) => ({ default: m.TaskStatsPanel })));
const PeriodsPanel = lazy(() => import('./periods-panel.js').then((m) => ({ default: m.PeriodsPanel })));

export const DEFAULT_TASK_FILTERS = { tab: 'tasks', page: '1', pageSize: '50' };

/** 重点工作: pick the list (year) and period; the table, the lights, the roll-ups and (督查室) the periods. */
export function TasksPage() {
  const { t } = useI18n();
  const me = useMe();
  const [s, update] = useUrlState<Record<string, string | undefined>>(DEFAULT_TASK_FILTERS);
  const lists = useTaskLists();
  // A list id from an old link that no longer resolves falls back to the first list.
  const listId = lists.data?.some((l) => l.id === Number(s.listId)) ? Number(s.listId) : lists.data?.[0]?.id;
  const list = lists.data?.find((l) => l.id === listId);
  const periods = useTaskPeriods(listId);
  const period: TaskPeriod | undefined = s.periodId ? periods.data?.find((p) => p.id === Number(s.periodId)) : periods.data?.at(-1);
  const stats = useTaskStats(listId, period?.id);
  const isOffice = me.roles.includes('office');
  const canExport = me.roles.some((r) => r === 'office' || r === 'staff' || r === 'leader');

  useEffect(() => {
    document.title = t('重点工作');
  }, [t]);

  if (lists.isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (lists.data && lists.data.length === 0) {
    return (
      <Card>
        <Empty description={t('暂无重点工作任务清单')}>
          {isOffice && (
            <LinkButton to="/tasks/import" type="primary" icon={<ImportOutlined />}>
                {t('导入任务')}
              </LinkButton>
          )}
        </Empty>
      </Card>
    );
  }

  const tabs = [
    {
      key: 'tasks',
      label: t('任务清单'),
      children: listId !== undefined && <TaskTable listId={listId} period={period} periodsLoading={periods.isLoading} leaders={stats.data?.byLeader.map((l) => l.leaderName) ?? []} state={s} update={update} />,
    },
    {
      key: 'stats',
      label: t('统计'),
      children: listId !== undefined && (
        <Suspense fallback={<Skeleton active />}>
          <TaskStatsPanel stats={stats} onPick={(patch) => update({ ...patch, tab: 'tasks' })} />
        </Suspense>
      ),
    },
    ...(isOffice
      ? [
          {
            key: 'periods',
            label: t('报告期管理'),
            children: list && (
              <Suspense fallback={<Skeleton active />}>
                <PeriodsPanel list={list} />
              </Suspense>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <PageTitle style={{ margin: 0 }}>
          {t('重点工作')}
        </PageTitle>
        <Space wrap>
          <Select
            aria-label={t('任务清单')}
            data-testid="task-list-select"
            style={{ width: 340, maxWidth: '100%' }}
            value={listId}
            onChange={(v) => update({ listId: v, periodId: undefined })}
            options={(lists.data ?? []).map((l) => ({ value: l.id, label: <><Data>{l.title}</Data>{t('（{n}项）', { n: l.taskCount })}</> }))}
          />
          <Select
            aria-label={t('报告期')}
            data-testid="task-period-select"
            style={{ width: 190 }}
            placeholder={t('暂无报告期')}
            loading={periods.isLoading}
            value={period?.id}
            onChange={(v) => update({ periodId: v })}
            options={(periods.data ?? []).map((p) => ({ value: p.id, label: <><PeriodName label={p.label} /> · {t(PERIOD_STATUS_LABELS[p.status])}</> }))}
          />
          {canExport && period && (
            <>
              <DownloadButton icon={<FileExcelOutlined />} path={`/task-periods/${period.id}/export`} query={{ format: 'xlsx' }} fallbackName="重点工作完成情况.xlsx">
                {t('导出表格')}
              </DownloadButton>
              <DownloadButton icon={<FileWordOutlined />} path={`/task-periods/${period.id}/export`} query={{ format: 'docx' }} fallbackName="重点工作完成情况.docx">
                {t('导出文档')}
              </DownloadButton>
            </>
          )}
          {isOffice && (
            <LinkButton to={listId ? `/tasks/import?listId=${listId}` : '/tasks/import'} icon={<ImportOutlined />}>{t('导入任务')}</LinkButton>
          )}
        </Space>
      </div>
      <LightSummary stats={stats} active={s.light} onPick={(light) => update({ light, tab: 'tasks' })} />
      <Card size="small">
        <Tabs activeKey={tabs.some((x) => x.key === s.tab) ? s.tab : 'tasks'} onChange={(k) => update({ tab: k }, false)} items={tabs} destroyOnHidden />
      </Card>
    </Space>
  );
}
