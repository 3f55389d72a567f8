import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { formatDay } from '../../../lib/format.js';
import { useMe } from '../../../app/auth.js';
import { useUnits } from '../../../components/assign-units-fields.js';
import { QueryState } from '../../../components/query-state.js';
import { LIGHT_LABELS, LIGHTS, TASK_STATUS_LABELS, TASK_STATUSES, type TaskPage, type TaskPeriod, type TaskSummary } from '../../../../shared/schemas/tasks.js';
import { LightTag, ReportStateTag, TaskStatusTag, unitsCell } from './task-tags.js';
import { Data } from '../../../components/data-text.js';
import { usePeriodTemplate } from '../../../components/period-name.js';

interface Props {
  listId: number;
  period: TaskPeriod | undefined;
  periodsLoading: boolean;
  leaders: string[];
  state: Record<string, string | undefined>;
  update: (patch: Record<string, string | number | undefined | null>, resetPage?: boolean) => void;
}

/** The table in its printed layout (分管市长 | 序号 | 主要工作任务 | 本期完成情况 | 责任单位), with lights and filters. */
export function TaskTable({ listId, period, periodsLoading, leaders, state: s, update }: Props) {
  const { t, locale } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const isUnit = me.roles.includes('unit') && me.unitId !== null;
  const units = useUnits();
  const query = { page: s.page, pageSize: s.pageSize, leader: s.leader, unitId: s.unitId, light: s.light, status: s.status, q: s.q, periodId: period?.id };
  const tasks = useQuery({
    queryKey: ['tasks', 'list', listId, query],
    queryFn: () => api.get<TaskPage>(`/task-lists/${listId}/tasks`, query),
    enabled: !periodsLoading,
    placeholderData: (prev) => prev,
  });

  // The leader's name stands once per group, as in the printed table (within the page shown).
  const spans = useMemo(() => {
    const items = tasks.data?.items ?? [];
    return items.map((x, i) => {
      if (i > 0 && items[i - 1]!.leaderName === x.leaderName) return 0;
      let n = 1;
      while (items[i + n]?.leaderName === x.leaderName) n++;
      return n;
    });
  }, [tasks.data]);

  const canReport = (r: TaskSummary) => isUnit && period?.status === 'open' && r.units.some((u) => u.unitId === me.unitId);
  const withPeriod = usePeriodTemplate();
  const progressTitle = period ? withPeriod('{label}完成情况', period.label) : t('本期完成情况');

  const columns: TableColumnsType<TaskSummary> = [
    { title: t('分管市长'), dataIndex: 'leaderName', key: 'leader', width: 96, onCell: (_r, i) => ({ rowSpan: spans[i ?? 0] ?? 1, style: { verticalAlign: 'top' } }), render: (v: string) => <Typography.Text strong><Data>{v}</Data></Typography.Text> },
    { title: t('序号'), dataIndex: 'seq', key: 'seq', width: 60, align: 'center' },
    {
      title: t('主要工作任务'),
      key: 'text',
      render: (_: unknown, r) => (
        <Space direction="vertical" size={2}>
          <Link to={`/tasks/${r.id}${period ? `?periodId=${period.id}` : ''}`} data-testid="task-link">
            <Data>{r.text}</Data>
          </Link>
          <Space size={4} wrap>
            {r.targets.map((x) => (
              <Tag key={x.id} bordered={false} color="blue">
                <Data>
                  {x.label} {x.targetValue}
                  {x.unit}
                </Data>
              </Tag>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('完成时限')} {formatDay(r.dueDate, locale)}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    {
      title: progressTitle,
      key: 'progress',
      width: '30%',
      render: (_: unknown, r) => (
        <Space direction="vertical" size={2}>
          <Space size={4} wrap>
            <TaskStatusTag status={r.status} />
            {r.reportState && r.reportState !== 'accepted' && <ReportStateTag state={r.reportState} />}
          </Space>
          {r.progress && (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }} ellipsis={{ rows: 4, expandable: 'collapsible' }} data-content="">
              {r.progress}
            </Typography.Paragraph>
          )}
        </Space>
      ),
    },
    { title: t('责任单位'), key: 'units', width: 150, render: (_: unknown, r) => <Data>{unitsCell(r.units)}</Data> },
    { title: t('灯色'), key: 'light', width: 84, render: (_: unknown, r) => <LightTag light={r.light} reason={r.lightReason} /> },
    {
      title: t('操作'),
      key: 'actions',
      width: 84,
      render: (_: unknown, r) =>
        canReport(r) ? (
          <Button type="primary" size="small" icon={<EditOutlined />} onClick={() => navigate(`/tasks/${r.id}?report=${period!.id}`)}>
            {t('填报')}
          </Button>
        ) : (
          <Link to={`/tasks/${r.id}${period ? `?periodId=${period.id}` : ''}`}>{t('详情')}</Link>
        ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          aria-label={t('分管市长')}
          placeholder={t('分管市长')}
          style={{ width: 140 }}
          value={s.leader}
          onChange={(v) => update({ leader: v })}
          options={leaders.map((l) => ({ value: l, label: l }))}
        />
        {!isUnit && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('责任单位')}
            placeholder={t('责任单位')}
            style={{ width: 200 }}
            loading={units.isLoading}
            value={s.unitId ? Number(s.unitId) : undefined}
            onChange={(v) => update({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <Select
          allowClear
          aria-label={t('灯色')}
          placeholder={t('灯色')}
          style={{ width: 110 }}
          value={s.light}
          onChange={(v) => update({ light: v })}
          options={LIGHTS.map((l) => ({ value: l, label: t(LIGHT_LABELS[l]) }))}
        />
        <Select
          allowClear
          aria-label={t('完成状态')}
          placeholder={t('完成状态')}
          style={{ width: 130 }}
          value={s.status}
          onChange={(v) => update({ status: v })}
          options={[...TASK_STATUSES.map((x) => ({ value: x, label: t(TASK_STATUS_LABELS[x]) })), { value: 'unreported', label: t('未报送') }]}
        />
        <Input.Search
          allowClear
          aria-label={t('搜索任务')}
          placeholder={t('搜索任务内容')}
          style={{ width: 220 }}
          defaultValue={s.q}
          key={s.q ?? ''}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        {(s.leader || s.unitId || s.light || s.status || s.q) && (
          <Button type="link" onClick={() => update({ leader: undefined, unitId: undefined, light: undefined, status: undefined, q: undefined })}>
            {t('清除筛选')}
          </Button>
        )}
      </Space>
      <QueryState query={tasks} empty={(d) => d.total === 0} emptyText={isUnit ? t('本单位暂无重点工作任务') : t('没有符合条件的任务')}>
        {(data) => (
          <Table<TaskSummary>
            rowKey="id"
            size="middle"
            bordered
            loading={tasks.isFetching}
            columns={columns}
            dataSource={data.items}
            scroll={{ x: 1000 }}
            data-testid="task-table"
            pagination={{
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => t('共 {n} 项', { n }),
            }}
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 }, false)}
          />
        )}
      </QueryState>
    </Space>
  );
}
