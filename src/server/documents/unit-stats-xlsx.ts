import type { UnitStats, UnitStatsRow } from '../../shared/schemas/figures.js';
import { chineseDate } from './gbt9704.js';
import { buildSheet, type Column } from './xlsx.js';

const COLUMNS: Column<UnitStatsRow>[] = [
  { header: '承办单位', width: 24, value: (r) => r.name },
  { header: '交办件数', width: 10, value: (r) => r.assigned },
  { header: '主办件数', width: 10, value: (r) => r.asLead },
  { header: '答复件次', width: 10, value: (r) => r.replied },
  { header: '按时答复', width: 10, value: (r) => r.onTime },
  { header: '按时办复率（%）', width: 12, value: (r) => r.onTimeRate.value },
  { header: '平均办复工作日', width: 12, value: (r) => r.avgReplyWorkingDays },
  { header: 'A类', width: 7, value: (r) => r.resultClasses.A },
  { header: 'B类', width: 7, value: (r) => r.resultClasses.B },
  { header: 'C类', width: 7, value: (r) => r.resultClasses.C },
  { header: '已测评', width: 8, value: (r) => r.satisfaction.evaluated },
  { header: '办理态度满意率（%）', width: 14, value: (r) => r.satisfaction.attitude.value },
  { header: '办理结果满意率（%）', width: 14, value: (r) => r.satisfaction.result.value },
  { header: '见面率（%）', width: 10, value: (r) => r.faceToFaceRate.value },
  { header: '当前逾期', width: 10, value: (r) => r.overdue },
];

export const unitStatsFileName = (s: UnitStats) => `${s.sessionName}承办单位办理情况统计表.xlsx`;

/** The unit table exactly as GET /sessions/:id/unit-stats answers it, in the same order. */
export function buildUnitStatsXlsx(s: UnitStats): Promise<Buffer> {
  return buildSheet('承办单位办理情况', `${s.sessionName}承办单位办理情况统计表`, COLUMNS, s.units, `统计截至${chineseDate(s.asOf)}；空白表示尚无可计算的件数。`);
}
