import { ACTIONS, ACTION_LABELS } from './lifecycle.js';

// The audit log in the auditor's words: Chinese names of actions, record types and fields, shared
// by the audit screen and the .xlsx export of the log.

const OTHER_ACTIONS: Record<string, string> = {
  'proposal.create': '新建提案',
  'proposal.deadline_scan': '期限扫描',
  'proposal.unkey': '取消重点提案',
  'proposal.extend_deadline': '延期',
  'proposal.add_co_opinion': '提交会办意见',
  'proposal.add_supervision': '登记督办活动',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.failed': '登录失败（密码错误）',
  'auth.login_failed': '登录失败（用户名不存在或已停用）',
  'account.locked': '账户锁定',
  'auth.password_changed': '修改密码',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'user.locale': '切换语言',
  'unit.create': '新增承办单位',
  'unit.update': '修改承办单位',
  'body.create': '新增团体',
  'body.update': '修改团体',
  'member.create': '新增委员/代表',
  'member.update': '修改委员/代表',
  'leader.create': '新增督办领导',
  'leader.update': '修改督办领导',
  'session.create': '新增届次会议',
  'session.update': '修改届次会议',
  'calendar.replace_year': '修改工作日历',
  'assignment.sign': '签收',
  'assignment.object': '申请调整',
  'assignment.decide_objection': '审定调整申请',
  'attachment.add': '上传附件',
  'attachment.delete': '删除附件',
  'attachment.download': '下载附件',
  'attachment.preview': '预览附件',
  'supervision.add': '登记督办活动',
  'notification.read': '阅读消息',
  'notification.read_all': '全部已读',
  'document.reply_letter': '下载答复函',
  'document.key-publicity': '生成重点提案公示',
  'document.key-review': '生成重点提案督办综述',
  'document.compilation': '生成提案汇编',
  'export.proposal_list': '导出提案列表',
  'export.job_file': '下载后台任务生成的文件',
  'export.unit_stats': '导出承办单位统计表',
  'export.task_period': '导出重点工作完成情况表',
  'export.audit_log': '导出审计日志',
  'audit.verify': '校验日志完整性',
  'security.forbidden': '越权访问被拒绝',
  'security.csrf_failed': '安全校验（CSRF）失败',
  'security.rate_limited': '请求过于频繁被限制',
  'task.update': '修改重点工作任务',
  'task.link_proposal': '关联提案与任务',
  'task.unlink_proposal': '取消提案与任务关联',
  'task_list.create': '新建任务清单',
  'task_list.import': '导入任务清单',
  'task_period.open': '开启报告期',
  'task_period.update': '修改报告期',
  'task_period.remind': '催报',
  'task_period.due_soon_scan': '报告期临近提醒',
  'task_period.overdue_scan': '报告期逾期提醒',
  'task_report.save': '保存完成情况',
  'task_report.submit': '报送完成情况',
  'task_report.accept': '采用完成情况',
  'task_report.return': '退回完成情况',
  'task_report.attachment_add': '上传佐证材料',
  'task_report.attachment_download': '下载佐证材料',
  // sign-in, second factor and the two-person rule
  'user.reset_second_factor': '重置双重验证',
  'auth.password_verified': '密码正确，待二次验证',
  'auth.second_factor_failed': '二次验证失败',
  'auth.second_factor_enrolment_started': '开始启用双重验证',
  'auth.second_factor_enabled': '启用双重验证',
  'auth.recovery_codes_renewed': '重新生成恢复码',
  'auth.session_ended': '结束会话',
  'approval.requested': '提出审批申请',
  'approval.rejected': '驳回审批申请',
  'security.settings': '修改安全设置',
  'alert.read': '阅读安全告警',
  // the office's work
  'proposal.enter_paper': '代录纸质提案',
  'proposal.export_overdue': '导出逾期清单',
  'proposal.import_history': '往届数据导入（提案）',
  'session.import_history': '往届数据导入',
  'member.import': '导入委员/代表名册',
  'unit.import': '导入承办单位名册',
  'user.import': '导入账户名册',
  // handling aids (issue 16)
  'reply_template.create': '新建答复模板',
  'reply_template.update': '修改答复模板',
  'reply_template.delete': '删除答复模板',
  'reply_draft.save': '保存答复草稿',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  ...Object.fromEntries(ACTIONS.map((a) => [`proposal.${a}`, ACTION_LABELS[a]])),
  ...OTHER_ACTIONS,
};

export const AUDIT_ACTION_PREFIXES: [string, string][] = [
  ['proposal.', '提案操作'],
  ['assignment.', '交办'],
  ['auth.', '登录与密码'],
  ['security.', '安全事件'],
  ['approval.', '双人审批'],
  ['document.', '文书下载'],
  ['export.', '导出'],
  ['user.', '用户管理'],
  ['session.', '届次会议'],
  ['calendar.', '工作日历'],
  ['unit.', '承办单位'],
  ['body.', '党派团体'],
  ['member.', '委员代表'],
  ['leader.', '督办领导'],
  ['attachment.', '附件'],
  ['notification.', '消息'],
  ['task', '重点工作'],
  ['reply_', '答复模板与草稿'],
];

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  proposal: '提案',
  proposer: '提案人',
  assignment: '交办',
  reply: '答复',
  contact: '沟通',
  co_opinion: '会办意见',
  follow_up: '落实情况',
  supervision_activity: '督办活动',
  attachment: '附件',
  notification: '消息',
  user: '用户',
  unit: '承办单位',
  body: '党派团体',
  member: '委员代表',
  leader: '督办领导',
  session: '届次会议',
  calendar: '工作日历',
  task: '重点工作任务',
  task_list: '任务清单',
  task_period: '报告期',
  task_report: '完成情况报告',
  proposal_list: '提案列表',
  request: '请求',
  audit_log: '审计日志',
  admin_request: '双人审批申请',
  security_alert: '安全告警',
  security_settings: '安全设置',
  reply_template: '答复模板',
  reply_draft: '答复草稿',
};

/** Field names seen in before/after, in Chinese. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  status: '状态', sequence: '轮次', title: '案由', body: '正文', category: '类别', number: '编号', version: '版本', deadline: '办理期限',
  isKey: '重点提案', published: '公开', mergedInto: '并入', assignmentMode: '交办方式', submittedAt: '提交时间',
  submittedDuring: '提出时间', updatedAt: '修改时间', overdue: '逾期', dueSoon: '即将到期', evaluationOverdue: '测评逾期',
  name: '名称', displayName: '姓名', username: '用户名', roles: '角色', unitId: '承办单位', bodyId: '团体', phone: '电话',
  contactName: '联系人', contactPhone: '联系电话', active: '启用', locked: '锁定', failedLogins: '连续失败次数',
  mustChangePassword: '须修改密码', kind: '类型', sector: '界别', party: '党派', workplace: '工作单位及职务', userId: '登录账户',
  term: '届次', meeting: '会议次数', year: '年度', isCurrent: '当前会议', replyMonths: '办理期限（月）', locale: '界面语言',
  fileName: '文件名', mimeType: '文件类型', size: '大小', purpose: '用途', query: '查询条件', reason: '理由', comment: '意见',
  decision: '决定', state: '状态', method: '请求方法', route: '接口', path: '路径', message: '提示', failed: '失败次数',
  resultClass: '答复类别', disclosure: '公开属性', signerName: '签发人', progress: '进展', scannedOn: '扫描日期', dueDate: '截止日期',
};

export const auditActionLabel = (a: string) => AUDIT_ACTION_LABELS[a] ?? a;
export const auditEntityLabel = (e: string) => AUDIT_ENTITY_LABELS[e] ?? e;
export const auditFieldLabel = (f: string) => AUDIT_FIELD_LABELS[f] ?? f;

/** An address as people read it: the IPv4 inside an IPv4-mapped IPv6 address, loopback named. */
export function readableAddress(ip: string | null): string {
  if (!ip) return '—';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  if (v4 === '127.0.0.1' || v4 === '::1') return `${v4}（本机）`;
  return v4;
}

/**
 * The history's and the audit log's action names in English, keyed by their Chinese label (the web
 * app looks Chinese labels up in its English dictionary). The lifecycle actions' English is in the
 * web app's dictionary with the action buttons (src/web/lib/i18n-en.ts).
 */
export const AUDIT_ACTION_ENGLISH: Record<string, string> = {
  新建提案: 'Created', 期限扫描: 'Deadline scan', 取消重点提案: 'No longer a key proposal', 延期: 'Extended',
  提交会办意见: 'Co-unit opinion sent', 登记督办活动: 'Supervision recorded', 登录: 'Signed in', 退出登录: 'Signed out',
  '登录失败（密码错误）': 'Sign-in failed (wrong password)', '登录失败（用户名不存在或已停用）': 'Sign-in failed (unknown or disabled user)',
  账户锁定: 'Account locked', 修改密码: 'Password changed', 新建用户: 'User created', 修改用户: 'User changed',
  重置密码: 'Password reset', 解除锁定: 'Unlocked', 切换语言: 'Language changed', 新增承办单位: 'Unit added',
  修改承办单位: 'Unit changed', 新增团体: 'Body added', 修改团体: 'Body changed', '新增委员/代表': 'Member added',
  '修改委员/代表': 'Member changed', 新增督办领导: 'Leader added', 修改督办领导: 'Leader changed', 新增届次会议: 'Session added',
  修改届次会议: 'Session changed', 修改工作日历: 'Calendar changed', 签收: 'Signed for', 申请调整: 'Change requested',
  审定调整申请: 'Change request decided', 上传附件: 'Attachment added', 删除附件: 'Attachment deleted', 下载附件: 'Attachment downloaded',
  阅读消息: 'Notification read', 全部已读: 'All notifications read', 下载答复函: 'Reply letter downloaded',
  生成重点提案公示: 'Key proposals notice generated', 生成重点提案督办综述: 'Key proposals review generated', 生成提案汇编: 'Compilation generated',
  导出提案列表: 'Proposal list exported', 下载后台任务生成的文件: 'Job file downloaded', 导出承办单位统计表: 'Unit figures exported',
  导出重点工作完成情况表: 'Key task reports exported', 导出审计日志: 'Audit log exported', 校验日志完整性: 'Log integrity checked',
  越权访问被拒绝: 'Forbidden access refused', '安全校验（CSRF）失败': 'Security check (CSRF) failed', 请求过于频繁被限制: 'Rate limited',
  修改重点工作任务: 'Key task changed', 关联提案与任务: 'Proposal linked to a task', 取消提案与任务关联: 'Proposal unlinked from a task',
  新建任务清单: 'Task list created', 导入任务清单: 'Task list imported', 开启报告期: 'Reporting period opened', 修改报告期: 'Reporting period changed',
  催报: 'Report reminder', 报告期临近提醒: 'Period due-soon notice', 报告期逾期提醒: 'Period overdue notice', 保存完成情况: 'Report saved',
  报送完成情况: 'Report submitted', 采用完成情况: 'Report accepted', 退回完成情况: 'Report returned', 上传佐证材料: 'Evidence uploaded',
  下载佐证材料: 'Evidence downloaded', 重置双重验证: 'Second factor reset', '密码正确，待二次验证': 'Password verified, second factor pending',
  二次验证失败: 'Second factor failed', 开始启用双重验证: 'Second factor enrolment started', 启用双重验证: 'Second factor enabled',
  重新生成恢复码: 'Recovery codes renewed', 结束会话: 'Session ended', 提出审批申请: 'Approval requested', 驳回审批申请: 'Approval rejected',
  修改安全设置: 'Security settings changed', 阅读安全告警: 'Security alert read', 代录纸质提案: 'Paper proposal entered',
  导出逾期清单: 'Overdue list exported', '往届数据导入（提案）': 'Past session import (proposal)', 往届数据导入: 'Past session import',
  '导入委员/代表名册': 'Member roster imported', 导入承办单位名册: 'Unit roster imported', 导入账户名册: 'Account roster imported',
  // the history's own words (办理过程)
  起草: 'Drafted', 联名确认: 'Co-signing confirmed', 期限提醒: 'Deadline notice', 代录测评: 'Evaluation recorded on paper',
  修改后重新提交答复: 'Reply sent again after revision', 系统: 'System',
};
