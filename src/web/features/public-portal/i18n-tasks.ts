import { extendEnglish } from '../../lib/i18n.js';

// The public table of government key tasks (public-tasks-page.tsx).
extendEnglish({
  重点工作完成情况公开: 'Government key tasks — progress',
  政府重点工作完成情况: 'Progress of the government’s key tasks',
  '市政府工作报告确定的重点工作任务，按分管市长分组，★为牵头单位': 'Key tasks from the government work report, grouped by vice mayor; ★ marks the lead unit',
  报告期: 'Reporting period',
  选择报告期: 'Choose a period',
  暂无公开的重点工作完成情况: 'No published progress tables yet',
  '公开于{day}': 'Published {day}',
  分管市长: 'Vice mayor',
  序号: 'No.',
  主要工作任务: 'Task',
  责任单位: 'Responsible units',
  已完成: 'Done',
  序时推进: 'On track',
  滞后: 'Behind',
  未启动: 'Not started',
  重点工作完成情况: 'Key tasks progress',
  提案办理公开: 'Proposal handling',
});
