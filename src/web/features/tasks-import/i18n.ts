import { extendEnglish } from '../../lib/i18n.js';

// English for the 任务导入 wizard.
extendEnglish({
  任务导入: 'Import tasks', 返回重点工作: 'Back to key tasks', 选择清单: 'List', 上传文件: 'File', 预览核对: 'Preview', 完成: 'Done',
  导入到哪个任务清单: 'Import into which list', 新建清单: 'New list', 已有清单: 'Existing list', 任务清单: 'Task list', 选择任务清单: 'Choose a list',
  请选择任务清单: 'Choose a list', 项: 'task(s)', 清单名称: 'List title', 请填写清单名称: 'Enter the title', 清单名称不能超过200字: 'At most 200 characters',
  '如：2026年政府工作报告重点工作任务': 'e.g. Key tasks of the 2026 government work report', 年度: 'Year', 请填写年度: 'Enter the year', 年度无效: 'Invalid year',
  下一步: 'Next', 上一步: 'Back', 取消: 'Cancel', '上传任务表：{list}': 'Upload the table: {list}',
  '表格列为：分管市长 | 序号 | 主要工作任务 | 完成情况（可无） | 责任单位。分管市长只写在每组第一行，序号每组从1开始，★标注牵头单位。支持 .xlsx 表格或竖线分隔的 .txt 文本，最大10MB。':
    'Columns: vice mayor | No. | task | progress (optional) | responsible units. The vice mayor stands on the first row of the group, No. restarts at 1, ★ marks the lead unit. .xlsx or pipe-delimited .txt, up to 10 MB.',
  文件类型不支持: 'Unsupported file type', '只支持 .xlsx 表格或竖线分隔的文本（.txt）': 'Only .xlsx or pipe-delimited text (.txt)', 文件过大: 'File too large',
  文件不能超过10MB: 'At most 10 MB', 点击或拖拽文件到此处: 'Click or drop a file here', 完成情况列导入为: 'Import the progress column as',
  不导入完成情况: 'Do not import progress', '「{label}」牵头单位报告': 'Lead reports of “{label}”', 完成状态: 'Status', 预览: 'Preview',
  文件无法导入: 'The file cannot be imported', '请修改文件后重新上传，未导入任何内容。': 'Nothing was imported; fix the file and upload it again.',
  请选择对应单位或新建: 'Choose a unit or create it', '还有{n}个单位未指定对应单位': '{n} unit(s) still need a choice',
  '确认导入{n}项新任务？': 'Import {n} new task(s)?', '将导入到「{list}」；已存在的{m}项任务将跳过。导入后任务即对责任单位可见。': 'Into “{list}”; {m} existing task(s) are skipped. The units see their tasks at once.',
  确认导入: 'Import', '表中任务均已存在，无需导入': 'All tasks exist already; nothing to import',
  导入完成: 'Imported', '新建任务{a}项，跳过已有任务{b}项，新建单位{c}个，量化指标{d}项，导入完成情况{e}条（跳过{f}条）':
    '{a} task(s) created, {b} skipped, {c} unit(s) created, {d} target(s), {e} progress report(s) imported ({f} skipped)',
  查看任务清单: 'View the list', 开启报告期: 'Open a period', '预览：{file}': 'Preview: {file}', 表中任务: 'Tasks in the file', 将新建: 'To create',
  '已存在（跳过）': 'Existing (skipped)', 含完成情况: 'With progress', 分管市长: 'Vice mayor', 未关联领导账号: 'no leader account',
  '完成情况列：{label}': 'Progress column: {label}', '单位名录中没有的责任单位（{n}个）': 'Units not in the directory ({n})',
  '请为每个单位选择对应的已有单位，或选择“新建”将其加入单位名录。': 'Map each to an existing unit, or choose “create” to add it to the directory.',
  表中名称: 'Name in the file', 所在行: 'Rows', '第{rows}行': 'row {rows}', 对应单位: 'Maps to', '{name}的对应单位': 'Unit for {name}',
  选择对应单位或新建: 'Choose a unit or create', '新建「{name}」': 'Create “{name}”', 任务明细: 'Rows', 行: 'Row', 序号: 'No.',
  主要工作任务: 'Task', 责任单位: 'Responsible units', 导入: 'Import', 已存在: 'Exists', 新建: 'New',
});
