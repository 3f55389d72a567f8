import { Typography, type TableColumnType, type TableColumnGroupType } from 'antd';
import { Link } from 'react-router';
import '../../print/i18n.js';
import type { SortOrder } from 'antd/es/table/interface';
import type { Rate, UnitStatsRow, UnitStatsSortField } from '../../../../shared/schemas/figures.js';
import { formatRate } from '../../../lib/format.js';
import { Data } from '../../../components/data-text.js';

export type SortDir = 'asc' | 'desc';
export interface Sort {
  field: UnitStatsSortField;
  dir: SortDir;
}

/**
 * Red below 60%, orange below 90%, green above: the same thresholds as the 统计 page. Dark shades:
 * the rate is also written in this colour, ≥ 4.5:1 on white (WCAG 1.4.3).
 */
export const rateColor = (v: number | null) => (v === null ? '#666666' : v >= 90 ? '#237804' : v >= 60 ? '#ad4e00' : '#cf1322');

/** One sortable column of the league table, as the server sorts it (?sort=field:dir). */
export interface LeagueColumn {
  field: UnitStatsSortField;
  title: string;
  /** Shorter heading for narrow columns, or two lines; the full title stays in the tooltip. */
  short?: string | [string, string];
  group?: '答复分类' | '满意率';
  kind: 'name' | 'count' | 'rate' | 'days';
  /** Lower is better (days, overdue, class C): the first click sorts those ascending, best first. */
  lowerIsBetter?: boolean;
  width: number;
  value: (r: UnitStatsRow) => number | string | null;
  rate?: (r: UnitStatsRow) => Rate;
}

export const LEAGUE_COLUMNS: LeagueColumn[] = [
  { field: 'name', title: '承办单位', kind: 'name', width: 112, value: (r) => r.name },
  { field: 'assigned', title: '交办', kind: 'count', width: 62, value: (r) => r.assigned },
  { field: 'asLead', title: '主办', kind: 'count', width: 62, value: (r) => r.asLead },
  { field: 'replied', title: '答复', kind: 'count', width: 62, value: (r) => r.replied },
  { field: 'handled', title: '已办复', kind: 'count', width: 74, value: (r) => r.handled },
  { field: 'onTime', title: '按时', kind: 'count', width: 62, value: (r) => r.onTime },
  { field: 'onTimeRate', title: '按时办复率', short: ['按时', '办复率'], kind: 'rate', width: 84, value: (r) => r.onTimeRate.value, rate: (r) => r.onTimeRate },
  { field: 'avgReplyWorkingDays', title: '平均办复工作日', short: ['平均办复', '工作日'], kind: 'days', lowerIsBetter: true, width: 90, value: (r) => r.avgReplyWorkingDays },
  { field: 'A', title: 'A类', short: 'A', group: '答复分类', kind: 'count', width: 46, value: (r) => r.resultClasses.A },
  { field: 'B', title: 'B类', short: 'B', group: '答复分类', kind: 'count', width: 46, value: (r) => r.resultClasses.B },
  { field: 'C', title: 'C类', short: 'C', group: '答复分类', kind: 'count', lowerIsBetter: true, width: 46, value: (r) => r.resultClasses.C },
  { field: 'attitudeRate', title: '办理态度', short: '态度', group: '满意率', kind: 'rate', width: 66, value: (r) => r.satisfaction.attitude.value, rate: (r) => r.satisfaction.attitude },
  { field: 'resultRate', title: '办理结果', short: '结果', group: '满意率', kind: 'rate', width: 66, value: (r) => r.satisfaction.result.value, rate: (r) => r.satisfaction.result },
  { field: 'faceToFaceRate', title: '见面率', kind: 'rate', width: 74, value: (r) => r.faceToFaceRate.value, rate: (r) => r.faceToFaceRate },
  { field: 'overdue', title: '逾期', kind: 'count', lowerIsBetter: true, width: 62, value: (r) => r.overdue },
];

export const columnOf = (field: UnitStatsSortField) => LEAGUE_COLUMNS.find((c) => c.field === field)!;

/** The direction a first click on the column sorts: best first. */
export const firstDir = (c: LeagueColumn): SortDir => (c.kind === 'name' || c.lowerIsBetter ? 'asc' : 'desc');

/** "92.9%" over "353/380": a rate always with the counts behind it. */
function RateCell({ rate }: { rate: Rate }) {
  return (
    <div style={{ lineHeight: 1.25, whiteSpace: 'nowrap' }}>
      <Typography.Text strong style={{ color: rateColor(rate.value) }}>
        {formatRate(rate)}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {rate.numerator}/{rate.denominator}
      </Typography.Text>
    </div>
  );
}

type Col = TableColumnType<UnitStatsRow> | TableColumnGroupType<UnitStatsRow>;

/**
 * The antd columns, every one sortable on the server: the header click never clears the sort
 * (the direction list repeats its first entry), so a ranking is always shown.
 */
export function leagueTableColumns(sort: Sort, t: (zh: string) => string): Col[] {
  const leaf = (c: LeagueColumn): TableColumnType<UnitStatsRow> => {
    const first: SortOrder = firstDir(c) === 'asc' ? 'ascend' : 'descend';
    const second: SortOrder = first === 'ascend' ? 'descend' : 'ascend';
    return {
      key: c.field,
      title: Array.isArray(c.short) ? (
        <span title={t(c.title)} style={{ display: 'inline-block', lineHeight: 1.3, whiteSpace: 'nowrap' }}>
          {t(c.short[0])}
          <br />
          {t(c.short[1])}
        </span>
      ) : (
        <span title={t(c.title)} style={{ whiteSpace: 'nowrap' }}>
          {t(c.short ?? c.title)}
        </span>
      ),
      width: c.width,
      align: c.kind === 'name' ? 'left' : 'right',
      fixed: c.kind === 'name' ? 'left' : undefined,
      sorter: true,
      sortDirections: [first, second, first],
      sortOrder: sort.field === c.field ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null,
      showSorterTooltip: false,
      render: (_: unknown, r: UnitStatsRow) => {
        if (c.rate) return <RateCell rate={c.rate(r)} />;
        const v = c.value(r);
        if (c.kind === 'days') return v === null ? <Typography.Text type="secondary">—</Typography.Text> : (v as number).toFixed(1);
        // The unit's name leads to its 办理情况表 (print view).
        if (c.kind === 'name') return <Link to={`/units/${r.unitId}/print/handling`} aria-label={`${r.name} ${t('打印办理情况表')}`}><Data>{v}</Data></Link>;
        if (c.field === 'overdue' && v) return <Typography.Text type="danger" strong>{v}</Typography.Text>;
        return v;
      },
    };
  };
  const out: Col[] = [];
  for (const c of LEAGUE_COLUMNS) {
    if (!c.group) {
      out.push(leaf(c));
      continue;
    }
    const last = out[out.length - 1];
    if (last && 'children' in last && last.key === c.group) last.children.push(leaf(c));
    else out.push({ key: c.group, title: t(c.group), align: 'center', children: [leaf(c)] });
  }
  return out;
}
