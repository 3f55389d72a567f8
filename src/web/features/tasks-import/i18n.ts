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

// The preview's account of what is and is not imported, targets to confirm, units, the template.
extendEnglish({
  '请选择完成情况的处理方式：导入到报告期，或不导入': 'Choose what to do with the progress column: import it into a period, or not at all',
  '还有{n}项量化指标待确认：请接受、修改或舍弃': '{n} target(s) still need a decision: accept, edit or drop them',
  请选择完成情况的处理方式: 'Choose what to do with the progress column', 还不能导入: 'Not ready to import',
  '完成情况{a}条导入到「{period}」，生成{r}份牵头单位报告。': '{a} progress text(s) go into “{period}” as {r} lead-unit report(s).',
  '完成情况{n}条不导入。': '{n} progress text(s) are not imported.', '下载导入模板（.xlsx）': 'Download the template (.xlsx)',
  '新建任务{a}项，跳过已有任务{b}项，新建单位{c}个，量化指标{d}项，{g}项任务导入完成情况（牵头单位报告{e}份，已有{f}份未覆盖）':
    '{a} task(s) created, {b} skipped, {c} unit(s) created, {d} target(s); progress imported for {g} task(s) ({e} lead-unit report(s), {f} existing kept)',
  '以下单位已对应到单位名录中的已有单位，未新建：{list}': 'These names were mapped to existing units instead of creating them: {list}',
  '请在上方补全后再导入，尚未导入任何内容。': 'Complete the choices above; nothing has been imported yet.',
  将新建任务: 'Tasks to create', '量化指标（待确认）': 'Targets (to confirm)', '完成情况导入到「{period}」': 'Progress into “{period}”', 完成情况: 'Progress',
  '表中任务{n}项：新建{a}项，已存在{b}项将跳过（不修改其责任单位和指标）。': '{n} task(s) in the file: {a} new, {b} existing skipped (their units and targets stay as they are).',
  '责任单位：{k}个在单位名录中，{u}个需要指定对应单位或新建。': 'Units: {k} in the directory, {u} to map or create.',
  '量化指标{n}项，其中{w}项待确认（见任务明细中的橙色标签）。': '{n} target(s), {w} to confirm (orange in the rows below).',
  '量化指标{n}项，均已确认。': '{n} target(s), all confirmed.', '文件没有完成情况。': 'The file has no progress texts.',
  '完成情况：{a}条导入到「{period}」（{r}份牵头单位报告），{s}条已有报告不覆盖。': 'Progress: {a} text(s) into “{period}” ({r} lead-unit report(s)); {s} already reported, kept.',
  '完成情况：{n}条不导入（{reason}）。': 'Progress: {n} text(s) not imported ({reason}).',
  已有报告: 'Reported already', 不导入: 'Not imported', 待确认指标全部接受: 'Accept all targets to confirm', 待确认指标全部舍弃: 'Drop all targets to confirm',
  主要工作任务与量化指标: 'Task and targets', 已存在的任务不修改指标: 'Existing task: targets unchanged', '完成情况（{n}条）': 'Progress ({n})',
  '文件中「{label}」列有{n}条完成情况。导入时须指定报告期，完成情况记为该期各牵头单位的已报送报告（待审核）；没有★的行，每个责任单位各记一份。':
    'The column “{label}” holds {n} progress text(s). They are imported into a period as submitted reports of the lead units (to be reviewed); a row without ★ gives one to each of its units.',
  完成情况的处理: 'Progress column', 导入到已有报告期: 'Import into a period of the list',
  '导入到已有报告期（本清单还没有可用的报告期）': 'Import into a period of the list (it has none yet)', '先开启报告期，再导入': 'Open a period first, then import',
  '不导入完成情况，只导入任务': 'Do not import progress, only the tasks', 报告期: 'Period', 选择报告期: 'Choose a period', 完成状态记为: 'Record the status as',
  '各牵头单位在该期均已有报告，不会覆盖。': 'Every lead unit has a report for the period already; none is overwritten.',
  '将导入{n}条完成情况到「{period}」，生成{r}份牵头单位报告': '{n} progress text(s) go into “{period}” as {r} lead-unit report(s)',
  '另有{n}条对应的牵头单位已有该期报告，不覆盖。': '{n} more have lead-unit reports for the period already; they are kept.',
  '{n}条完成情况不会导入': '{n} progress text(s) will not be imported', '已选择不导入完成情况。': 'You chose not to import the progress column.',
  '未选择报告期，完成情况不导入': 'no period chosen, progress is not imported', '清单还没有报告期，完成情况不导入': 'the list has no period yet, progress is not imported',
  '报告期「{label}」已开启': 'Period “{label}” opened', 报告期名称: 'Period', 请填写报告期名称: 'Enter the period', 报告期名称不能超过50字: 'At most 50 characters',
  类型: 'Kind', 请选择类型: 'Choose the kind', 季度: 'Quarter', 月度: 'Month', 开始日期: 'Start', 请选择开始日期: 'Choose the start', 结束日期: 'End',
  请选择结束日期: 'Choose the end', 结束日期不能早于开始日期: 'The end cannot be before the start', 报送截止日期: 'Reports due', 请选择报送截止日期: 'Choose the due date',
  已完成: 'Done', 序时推进: 'On track', 滞后: 'Behind', 未启动: 'Not started',
  待确认: 'To confirm', 接受: 'Accept', 舍弃: 'Drop', 修改指标: 'Edit targets', 添加指标: 'Add a target', '第{row}行的量化指标': 'Targets of row {row}', 确定: 'OK',
  指标名称: 'Target', 请填写指标名称: 'Enter the target', 指标名称不能超过100字: 'At most 100 characters', 目标值: 'Value', 请填写目标值: 'Enter the value',
  计量单位: 'Unit', 计量单位不能超过20字: 'At most 20 characters', 删除: 'Delete',
  '「{name}」即已有单位「{unit}」，导入时对应到该单位，不会新建': '“{name}” is the existing unit “{unit}”; it is mapped to it, not created',
  '与多个已有单位相近，请选择其一': 'Close to several units: choose one',
  '与表中「{others}」为同一单位，只新建一个「{unit}」': 'The same unit as “{others}” in the file: one “{unit}” is created',
  '将新建为「{unit}」': 'Created as “{unit}”',
  '请为每个单位选择对应的已有单位，或选择“新建”将其加入单位名录。简称已预选对应的已有单位；与已有单位相同或为其简称的名称不会新建出重名单位。':
    'Map each to an existing unit, or create it. Short forms come preselected with their unit; a name that is an existing unit, or its short form, never creates a twin.',
  '已按单位名录对应：': 'Matched to the directory: ', 简称: 'short form', 多个相近: 'several close', '{name}（相近）': '{name} (close)',
});
