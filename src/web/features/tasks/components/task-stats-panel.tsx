import { useMemo } from 'react';
import { Card, Col, Row, Table, Typography } from 'antd';
import { useT } from '../../../lib/i18n.js';
import { EChart, type ChartOption } from '../../../components/echart.js';
import { QueryState } from '../../../components/query-state.js';
import { LIGHT_LABELS, LIGHTS, type TaskStats } from '../../../../shared/schemas/tasks.js';
import { LIGHT_COLORS, LIGHT_TEXT_COLORS } from './task-tags.js';
import { clickable } from '../../../components/keyboard.js';

type Row = { name: string; green: number; yellow: number; red: number; total: number; leaderName?: string; unitId?: number };

interface Props {
  stats: { data?: TaskStats; isLoading: boolean; error: unknown; refetch: () => unknown };
  /** A click on a bar or a row filters the task table. */
  onPick: (patch: Record<string, string | number | undefined>) => void;
}

/** 红黄绿灯统计: overall, per 分管市长, per lead unit — stacked bars with the exact counts beside them. */
export function TaskStatsPanel({ stats, onPick }: Props) {
  const t = useT();
  return (
    <QueryState query={stats} empty={(d) => d.overall.total === 0} emptyText={t('暂无任务')}>
      {(d) => (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Block
              title={t('总体')}
              rows={[{ name: t('全部任务'), ...d.overall }]}
              testId="stats-overall"
              onRow={() => onPick({ leader: undefined, unitId: undefined })}
            />
          </Col>
          <Col span={24}>
            <Block
              title={t('按分管市长')}
              rows={d.byLeader.map((l) => ({ ...l, name: l.leaderName }))}
              testId="stats-leaders"
              onRow={(r) => onPick({ leader: r.leaderName, unitId: undefined })}
            />
          </Col>
          <Col span={24}>
            <Block
              title={t('按牵头单位')}
              note={t('一项任务有多个牵头单位时，每个牵头单位各计一次。')}
              rows={[...d.byUnit].sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.total - a.total).map((u) => ({ ...u, name: u.unitName }))}
              testId="stats-units"
              onRow={(r) => onPick({ unitId: r.unitId, leader: undefined })}
            />
          </Col>
        </Row>
      )}
    </QueryState>
  );
}

function Block({ title, note, rows, testId, onRow }: { title: string; note?: string; rows: Row[]; testId: string; onRow: (r: Row) => void }) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: LIGHTS.map((l) => ({
        type: 'bar',
        stack: 'lights',
        name: t(LIGHT_LABELS[l]),
        itemStyle: { color: LIGHT_COLORS[l] },
        label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        barMaxWidth: 22,
        data: rows.map((r) => r[l]),
      })),
    }),
    [rows, t],
  );
  const height = Math.max(120, rows.length * 30 + 60);
  return (
    <Card size="small" title={title} extra={note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{note}</Typography.Text>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <EChart option={option} height={height} label={`${title}：${rows.map((r) => `${r.name} ${LIGHTS.map((l) => `${t(LIGHT_LABELS[l])}${r[l]}`).join(' ')}`).join('，')}`} testId={`${testId}-chart`} />
        </Col>
        <Col xs={24} lg={11}>
          <Table<Row>
            data-testid={testId}
            rowKey="name"
            size="small"
            pagination={false}
            scroll={rows.length > 12 ? { y: height - 40 } : undefined}
            dataSource={rows}
            onRow={(r) => ({ ...clickable(() => onRow(r)), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('名称'), dataIndex: 'name', key: 'name', ellipsis: true },
              ...LIGHTS.map((l) => ({
                title: <span style={{ color: LIGHT_TEXT_COLORS[l] }}>{t(LIGHT_LABELS[l])}</span>,
                dataIndex: l,
                key: l,
                width: 64,
                align: 'right' as const,
              })),
              { title: t('合计'), dataIndex: 'total', key: 'total', width: 64, align: 'right' as const },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
