import { extendEnglish } from '../../lib/i18n.js';
import { LIGHT_REASONS } from '../../../shared/schemas/tasks.js';

// English for the 重点工作 screens (list, detail, report form, roll-ups, periods).
const reasons: Record<(typeof LIGHT_REASONS)[keyof typeof LIGHT_REASONS], string> = {
  [LIGHT_REASONS.done]: 'Done',
  [LIGHT_REASONS.on_track]: 'On track',
  [LIGHT_REASONS.not_started]: 'Not reported or not started; not yet in the warning window',
  [LIGHT_REASONS.behind]: 'Reported as behind',
  [LIGHT_REASONS.due_soon]: 'The task is due within 10 working days',
  [LIGHT_REASONS.period_due_soon]: 'The report is due within 10 working days and not yet sent',
  [LIGHT_REASONS.report_overdue]: 'The report is overdue',
  [LIGHT_REASONS.behind_overdue]: 'Behind, and the report date has passed',
  [LIGHT_REASONS.task_overdue]: 'Past the task’s due date and not done',
};

extendEnglish({
  ...reasons,
  // labels from shared/schemas/tasks.ts
  已完成: 'Done', 序时推进: 'On track', 滞后: 'Behind', 未启动: 'Not started',
  草稿: 'Draft', 已报送: 'Submitted', 已审核: 'Accepted', 已退回: 'Returned',
  绿灯: 'Green', 黄灯: 'Yellow', 红灯: 'Red',
  填报中: 'Open', 已截止: 'Closed', 已公开: 'Published', 季度: 'Quarter', 月度: 'Month',
  // tasks page and table
  重点工作: 'Key tasks', 任务清单: 'Task list', 报告期: 'Period', 暂无报告期: 'No period yet', 统计: 'Figures', 报告期管理: 'Periods',
  暂无重点工作任务清单: 'No key-task lists yet', 导入任务: 'Import tasks', 导出表格: 'Export to Excel', 导出文档: 'Export to Word', 表格: 'Excel', 文档: 'Word',
  任务总数: 'All tasks', '已完成{a} · 序时推进{b} · 滞后{c} · 未启动{d} · 未报送{e}': 'Done {a} · on track {b} · behind {c} · not started {d} · not reported {e}',
  '{label}完成情况': '{label} progress', 本期完成情况: 'Progress this period', 分管市长: 'Vice mayor', 序号: 'No.', 主要工作任务: 'Task',
  责任单位: 'Responsible units', 灯色: 'Light', 操作: 'Actions', 填报: 'Report', 详情: 'Details', 未报送: 'Not reported', 完成时限: 'Due',
  完成状态: 'Status', 搜索任务: 'Search tasks', 搜索任务内容: 'Search the task text', 清除筛选: 'Clear filters',
  本单位暂无重点工作任务: 'Your unit has no key tasks', 没有符合条件的任务: 'No tasks match', 共: 'Total', 项: 'task(s)', '共 {n} 项': '{n} tasks', '（{n}项）': ' ({n} tasks)',
  // roll-ups
  暂无任务: 'No tasks', 总体: 'Overall', 全部任务: 'All tasks', 按分管市长: 'By vice mayor', 按牵头单位: 'By lead unit',
  '一项任务有多个牵头单位时，每个牵头单位各计一次。': 'A task with several lead units counts once for each.', 名称: 'Name', 合计: 'Total',
  // periods
  '开启报告期后，牵头单位会收到填报通知；截止日前10个工作日内未报送的任务显示黄灯，逾期未报送显示红灯。':
    'Opening a period notifies the lead units; tasks not reported within 10 working days of the due date turn yellow, overdue ones red.',
  开启报告期: 'Open a period', 开启: 'Open', 取消: 'Cancel', 确定: 'OK', 保存: 'Save', 关闭: 'Close',
  '暂无报告期，请先开启报告期': 'No period yet; open one first',
  起止日期: 'Dates', 报送截止: 'Report due', 状态: 'Status', 调整截止日期: 'Move due date', 催办: 'Remind',
  截止填报: 'Close', '截止后责任单位不能再填报或报送，可重新开放。': 'Units can no longer report; you can reopen it.',
  重新开放: 'Reopen', '重新开放后责任单位可继续填报。': 'Units can report again.',
  公开发布: 'Publish', '公开后完成情况表将在公众平台展示，责任单位不能再修改。': 'The table appears on the public portal and units can no longer change their reports.',
  撤回公开: 'Unpublish', '撤回后公众平台不再展示该报告期。': 'The public portal no longer shows this period.',
  '确认{action}「{label}」？': '{action} “{label}”?', '已{action}': 'Done: {action}',
  '报告期已开启，已通知牵头单位填报': 'Period opened; the lead units were notified', 报告期名称: 'Period name', 请填写报告期名称: 'Enter the period name',
  报告期名称不能超过50字: 'At most 50 characters', '如：一季度、2026年11月': 'e.g. Q1, November 2026', 类型: 'Kind', 请选择类型: 'Choose the kind',
  开始日期: 'Start date', 请选择开始日期: 'Choose the start date', 结束日期: 'End date', 请选择结束日期: 'Choose the end date',
  结束日期不能早于开始日期: 'The end date cannot be before the start date', 报送截止日期: 'Report due date', 请选择报送截止日期: 'Choose the due date',
  '截止日期已调整为{day}': 'Due date moved to {day}', '调整「{label}」报送截止日期': 'Move the due date of “{label}”',
  '催办「{label}」': 'Remind units — “{label}”', 发送催办: 'Send reminders', '已催办{n}个单位': '{n} unit(s) reminded',
  没有需要催办的单位: 'No unit owes a report', 单位: 'Unit', 未报送任务: 'Tasks not reported', 催办单位: 'Units to remind',
  不选则催办所有尚未报送的牵头单位: 'Leave empty to remind every lead unit that has not reported', 催办说明: 'Message',
  催办说明不能超过500字: 'At most 500 characters', '如：请于本周五前报送': 'e.g. Please report by Friday',
  // detail and review
  返回: 'Back', '第{n}项': 'No. {n}', 牵头: 'Lead', 配合: 'Helping', '填报「{label}」完成情况': 'Report progress for “{label}”',
  量化指标: 'Targets', 该任务没有量化指标: 'This task has no measurable target', 指标: 'Target', 目标值: 'Target value', '{label}完成': '{label} reached',
  各报告期完成情况: 'Progress by period', 尚未开启报告期: 'No period opened yet', 尚无单位填报: 'No unit has reported',
  完成情况: 'Progress', 目标: 'target ', 督查室意见: 'Office comment', 报送时间: 'Submitted', 审核: 'Review', 通过: 'Accept', 退回: 'Return',
  '确认通过「{unit}」的完成情况？': 'Accept the report of {unit}?', '通过后该报告不能再修改。': 'An accepted report can no longer be changed.',
  已审核通过: 'Accepted', '退回「{unit}」的完成情况': 'Return the report of {unit}', 退回意见: 'Reason for returning',
  退回时请填写退回意见: 'Say why you return it', 意见不能超过2000字: 'At most 2000 characters', 请说明需要补充或修改的内容: 'What should be added or changed',
  // proposals
  关联提案: 'Linked proposals', 搜索提案: 'Search proposals', 输入提案标题或内容中的词语搜索: 'Type words from the proposal’s title or text',
  没有找到提案: 'No proposal found', 请输入关键词: 'Type to search', 关联: 'Link', 暂无关联提案: 'No linked proposal',
  '取消与该提案的关联？': 'Remove the link to this proposal?', 取消关联: 'Unlink', 已关联提案: 'Proposal linked', 已取消关联: 'Link removed',
  // report form
  草稿已保存: 'Draft saved', '确认报送「{label}」完成情况？': 'Submit the progress for “{label}”?',
  '报送后由督查室审核，审核前不能修改。': 'The supervision office reviews it; you cannot change it until then.', 报送: 'Submit',
  '已报送，等待督查室审核': 'Submitted; awaiting review', 保存草稿: 'Save draft', 任务: 'Task', 本单位: 'Your unit', 牵头单位: 'Lead unit',
  '配合单位（填报本单位承担部分）': 'Helping unit (report your own part)', 督查室退回意见: 'Returned by the supervision office',
  '报告期已截止，不能填报': 'The period is closed', 请填写完成情况: 'Describe the progress', 完成情况不能超过20000字: 'At most 20000 characters',
  '写明本期做了什么、达到什么数字，如：1-3月全市完成固定资产投资115.01亿元，增长11.1%。': 'What was done and the figures reached this period.',
  '请选择完成状态（已完成、序时推进、滞后、未启动）': 'Choose the status (done, on track, behind, not started)',
  '{label}（目标{value}{unit}）': '{label} (target {value}{unit})', 本期达到的数值: 'Value reached', 已上传材料: 'Uploaded files', 佐证材料: 'Supporting files',
  '支持 pdf、doc、docx、xls、xlsx、jpg、png、txt，单个不超过20MB': 'pdf, doc, docx, xls, xlsx, jpg, png, txt; up to 20 MB each',
  '只允许上传 pdf、doc、docx、xls、xlsx、jpg、png、txt 格式的文件': 'Only pdf, doc, docx, xls, xlsx, jpg, png and txt files', 附件不能超过20MB: 'At most 20 MB',
  选择文件: 'Choose files',
});
