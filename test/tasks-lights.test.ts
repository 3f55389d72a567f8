import { describe, expect, it } from 'vitest';
import { reportedStatus, trafficLight, WARNING_WORKING_DAYS, type LightInput } from '../src/shared/tasks/traffic-light.js';
import { workingDaysBetween, type WorkCalendar } from '../src/server/calendar/working-days.js';
import { formatUnitsCell, parseUnitsCell } from '../src/shared/tasks/task-table.js';
import { guessTargets } from '../src/shared/tasks/targets.js';

// 2025: 清明 4–6 April off, nothing worked in exchange.
const cal: WorkCalendar = { holidays: new Set(['2025-04-04', '2025-04-05', '2025-04-06']), workdays: new Set() };
const base = (over: Partial<LightInput> = {}): LightInput => ({
  today: '2025-03-20',
  taskDueDate: '2025-12-31',
  period: { dueDate: '2025-04-10' },
  leadUnitCount: 1,
  leadReports: [],
  workingDaysUntil: (day) => workingDaysBetween(over.today ?? '2025-03-20', day, cal),
  ...over,
});
const sub = (status: 'done' | 'on_track' | 'behind' | 'not_started', state: 'submitted' | 'accepted' | 'draft' | 'returned' = 'submitted') => ({ status, state });

describe('traffic light', () => {
  it('is green when done or on track with nothing near', () => {
    expect(trafficLight(base({ leadReports: [sub('done', 'accepted')] }))).toEqual({ light: 'green', reason: 'done' });
    expect(trafficLight(base({ leadReports: [sub('on_track')] }))).toEqual({ light: 'green', reason: 'on_track' });
    expect(trafficLight(base())).toEqual({ light: 'green', reason: 'not_started' });
    // Done stays green even after every date.
    expect(trafficLight(base({ today: '2026-01-05', leadReports: [sub('done')] })).light).toBe('green');
  });

  it('turns yellow inside the warning window counted in working days', () => {
    // 10 working days before 10 April, with 清明 off, is 26 March.
    expect(workingDaysBetween('2025-03-26', '2025-04-10', cal)).toBe(WARNING_WORKING_DAYS);
    expect(trafficLight(base({ today: '2025-03-25' })).light).toBe('green');
    expect(trafficLight(base({ today: '2025-03-26' }))).toEqual({ light: 'yellow', reason: 'period_due_soon' });
    // Submitted on track: the period's date no longer matters.
    expect(trafficLight(base({ today: '2025-04-08', leadReports: [sub('on_track')] })).light).toBe('green');
    // A draft is not a report.
    expect(trafficLight(base({ today: '2025-04-08', leadReports: [sub('on_track', 'draft')] })).light).toBe('yellow');
    // The task's own due date near: yellow even when reported on track.
    expect(trafficLight(base({ today: '2025-12-22', period: null, leadReports: [] }))).toEqual({ light: 'yellow', reason: 'due_soon' });
  });

  it('turns yellow when a unit reports 滞后 early, red once the period is due', () => {
    expect(trafficLight(base({ leadReports: [sub('behind')] }))).toEqual({ light: 'yellow', reason: 'behind' });
    expect(trafficLight(base({ today: '2025-04-11', leadReports: [sub('behind')] }))).toEqual({ light: 'red', reason: 'behind_overdue' });
  });

  it('is red when a report is overdue or the task is past due and not done', () => {
    expect(trafficLight(base({ today: '2025-04-11' }))).toEqual({ light: 'red', reason: 'report_overdue' });
    expect(trafficLight(base({ today: '2025-04-11', leadReports: [sub('on_track', 'returned')] })).light).toBe('red');
    expect(trafficLight(base({ today: '2025-04-10' })).light).toBe('yellow');
    expect(trafficLight(base({ today: '2025-07-01', taskDueDate: '2025-06-30', leadReports: [sub('on_track')] }))).toEqual({ light: 'red', reason: 'task_overdue' });
  });

  it('needs every lead unit when several lead', () => {
    const two = { leadUnitCount: 2 };
    expect(reportedStatus([sub('done')], 2)).toBeNull();
    expect(reportedStatus([sub('done'), sub('on_track')], 2)).toBe('on_track');
    expect(trafficLight(base({ ...two, leadReports: [sub('done')] })).light).toBe('green');
    expect(trafficLight(base({ ...two, today: '2025-04-11', leadReports: [sub('done')] }))).toEqual({ light: 'red', reason: 'report_overdue' });
    expect(trafficLight(base({ ...two, leadReports: [sub('done'), sub('done', 'accepted')] }))).toEqual({ light: 'green', reason: 'done' });
  });
});

describe('units cell', () => {
  it('round-trips ★ and the all-lead form', () => {
    for (const cell of ['★生态环境分局、生态创建办', '发改局', '教育局、卫生健康局', '财政局、★税务局']) {
      expect(formatUnitsCell(parseUnitsCell(cell))).toBe(cell);
    }
    expect(parseUnitsCell('★财政局，税务局')).toEqual([{ name: '财政局', isLead: true }, { name: '税务局', isLead: false }]);
  });
});

describe('targets from task text', () => {
  it('reads the obvious figures and skips texts without one', () => {
    expect(guessTargets('新增城镇就业8000人以上')).toEqual([{ label: '新增城镇就业', targetValue: 8000, unit: '人' }]);
    expect(guessTargets('完成绿化提升1000亩以上')).toEqual([{ label: '绿化提升', targetValue: 1000, unit: '亩' }]);
    expect(guessTargets('一般公共预算收入增长2.5%')).toEqual([{ label: '一般公共预算收入增长', targetValue: 2.5, unit: '%' }]);
    expect(guessTargets('奋力夺取“大禹鼎”。')).toEqual([]);
    expect(guessTargets('2025年完成改革')).toEqual([]);
  });
});
