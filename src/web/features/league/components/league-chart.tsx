import { useMemo } from 'react';
import { Empty } from 'antd';
import type { UnitStatsRow } from '../../../../shared/schemas/figures.js';
import { EChart, type ChartOption } from '../../../components/echart.js';
import { formatRate } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { columnOf, rateColor, type Sort } from './league-columns.js';

const PRIMARY = '#b71c1c';

/**
 * The sorted column as horizontal bars, in the table's order (名次 1 on top). Sorted by name, the
 * chart shows the on-time rate, the figure a ranking is usually about.
 */
export function LeagueChart({ units, sort }: { units: UnitStatsRow[]; sort: Sort }) {
  const { t } = useI18n();
  const col = columnOf(sort.field === 'name' ? 'onTimeRate' : sort.field);
  const rows = useMemo(() => units.filter((u) => col.value(u) !== null), [units, col]);
  const option = useMemo<ChartOption>(() => {
    const label = (u: UnitStatsRow) => {
      if (col.rate) {
        const r = col.rate(u);
        return `${formatRate(r)}（${r.numerator}/${r.denominator}）`;
      }
      const v = col.value(u) as number;
      return col.kind === 'days' ? v.toFixed(1) : String(v);
    };
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const u = rows[ps[0]!.dataIndex]!;
          return `${u.name}<br/>${t(col.title)}：${label(u)}`;
        },
      },
      grid: { left: 8, right: col.rate ? 112 : 40, top: 8, bottom: 8, containLabel: true },
      xAxis: col.kind === 'rate' ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: col.kind === 'days' ? 0 : 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((u) => u.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t(col.title),
          barMaxWidth: 16,
          data: rows.map((u) => ({ value: col.value(u) as number, itemStyle: { color: col.kind === 'rate' ? rateColor(col.value(u) as number) : PRIMARY } })),
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => label(rows[p.dataIndex]!) },
        },
      ],
    };
  }, [rows, col, t]);
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('该列暂无可比较的数据')} />;
  // The text alternative carries every bar's number (a screen reader cannot read the canvas).
  const summary = rows.map((u) => `${u.name} ${col.rate ? formatRate(col.rate(u)) : col.kind === 'days' ? (col.value(u) as number).toFixed(1) : String(col.value(u))}`).join('，');
  return <EChart option={option} height={Math.max(160, rows.length * 22 + 32)} label={`${t('各承办单位：{col}', { col: t(col.title) })}：${summary}`} testId="chart-league" />;
}
