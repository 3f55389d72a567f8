import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Select, Space, Table, Typography, type TableProps } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { useUrlState } from '../../../lib/use-url-state.js';
import { formatDay } from '../../../lib/format.js';
import { QueryState } from '../../../components/query-state.js';
import { DownloadButton } from '../../../components/download-button.js';
import { UNIT_STATS_SORT_FIELDS, type UnitStats, type UnitStatsRow, type UnitStatsSortField } from '../../../../shared/schemas/figures.js';
import { columnOf, leagueTableColumns, type Sort } from './league-columns.js';
import { LeagueChart } from './league-chart.js';
import '../i18n.js';
import { PageTitle } from '../../../components/page-title.js';
import { SessionLabel } from '../../../components/session-label.js';

interface SessionOption {
  id: number;
  name: string;
  kind: string;
  year: number;
  isCurrent: boolean;
}

// A league table ranks: by on-time rate, best first, until the user picks another column.
const DEFAULT_SORT: Sort = { field: 'onTimeRate', dir: 'desc' };

function parseSort(text: string | undefined): Sort {
  const [field, dir] = (text ?? '').split(':');
  if (!(UNIT_STATS_SORT_FIELDS as readonly string[]).includes(field ?? '') || (dir !== 'asc' && dir !== 'desc')) return DEFAULT_SORT;
  return { field: field as UnitStatsSortField, dir };
}

/** 单位办理情况排名: every handling unit of a session, sortable by any column on the server, with a chart and the Excel export. */
export function LeaguePage() {
  const { t, locale } = useI18n();
  const [s, update] = useUrlState<{ sessionId: string | undefined; sort: string | undefined }>({ sessionId: undefined, sort: undefined });
  const sort = parseSort(s.sort);
  const sortText = `${sort.field}:${sort.dir}`;
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => api.get<SessionOption[]>('/sessions') });
  const sessionId = useMemo(() => {
    if (s.sessionId) return Number(s.sessionId);
    const list = sessions.data ?? [];
    return (list.find((x) => x.isCurrent && x.kind === 'proposal') ?? list.find((x) => x.isCurrent) ?? list[0])?.id;
  }, [s.sessionId, sessions.data]);
  const stats = useQuery({
    queryKey: ['unit-stats', sessionId, sortText],
    queryFn: () => api.get<UnitStats>(`/sessions/${sessionId}/unit-stats`, { sort: sortText }),
    enabled: sessionId !== undefined,
    placeholderData: (prev) => prev,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
        <PageTitle style={{ margin: 0 }}>
          {t('单位办理情况排名')}
        </PageTitle>
        <Space wrap>
          <label htmlFor="league-session">{t('届次')}</label>
          <Select
            id="league-session"
            aria-label={t('届次')}
            placeholder={t('选择届次')}
            loading={sessions.isLoading}
            style={{ width: 260 }}
            value={sessionId}
            onChange={(v) => update({ sessionId: v })}
            options={(sessions.data ?? []).map((x) => ({ value: x.id, label: <SessionLabel session={x} /> }))}
          />
          {sessionId !== undefined && (
            <DownloadButton type="primary" icon={<FileExcelOutlined />} path={`/sessions/${sessionId}/unit-stats.xlsx`} query={{ sort: sortText }} fallbackName="承办单位办理情况.xlsx">
              {t('导出表格')}
            </DownloadButton>
          )}
        </Space>
      </div>
      {sessions.data && sessions.data.length === 0 ? (
        <Card>
          <Empty description={t('暂无届次会议')} />
        </Card>
      ) : (
        <QueryState query={stats} empty={(d) => d.units.length === 0} emptyText={t('该届次尚未交办提案')}>
          {(d) => <League data={d} sort={sort} loading={stats.isFetching} onSort={(next) => update({ sort: `${next.field}:${next.dir}` })} locale={locale} />}
        </QueryState>
      )}
    </Space>
  );
}

function League({ data, sort, loading, onSort, locale }: { data: UnitStats; sort: Sort; loading: boolean; onSort: (s: Sort) => void; locale: string }) {
  const { t } = useI18n();
  const col = columnOf(sort.field);
  // Units without a value in the sorted column (no rate yet) come last and get no rank.
  const ranked = (u: UnitStatsRow, i: number) => (col.value(u) === null ? '—' : i + 1);
  const columns: TableProps<UnitStatsRow>['columns'] = [
    { key: 'rank', title: t('名次'), width: 48, align: 'center', fixed: 'left', render: (_: unknown, u, i) => <Typography.Text strong>{ranked(u, i)}</Typography.Text> },
    ...leagueTableColumns(sort, t),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('各承办单位：{col}', { col: t(sort.field === 'name' ? '按时办复率' : col.title) })}
        extra={<Typography.Text type="secondary">{t('统计截至 {day}', { day: formatDay(data.asOf, locale) })}</Typography.Text>}
      >
        <LeagueChart units={data.units} sort={sort} />
      </Card>
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('共 {n} 个承办单位，按“{col}”{dir}排列', { n: data.units.length, col: t(col.title), dir: t(sort.dir === 'desc' ? '降序' : '升序') })}
          {'；'}
          {t('点击表头可按任一列排序，图表随排序变化')}
        </Typography.Paragraph>
        <Table<UnitStatsRow>
          data-testid="league-table"
          rowKey="unitId"
          size="small"
          bordered
          loading={loading}
          pagination={false}
          dataSource={data.units}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onChange={(_p, _f, sorter) => {
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = one?.columnKey as UnitStatsSortField | undefined;
            if (!field || !one?.order) return;
            onSort({ field, dir: one.order === 'ascend' ? 'asc' : 'desc' });
          }}
        />
      </Card>
    </Space>
  );
}
