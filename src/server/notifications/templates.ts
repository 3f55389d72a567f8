import type { Rendered } from './channels.js';

/** The subject line per message kind; the text is the notice's own message. */
const SUBJECTS: Record<string, string> = {
  'proposal.assign': '新的交办任务',
  'assignment.unsigned': '交办任务尚未签收',
  'deadline.due_soon': '办理期限即将到期',
  'deadline.overdue': '办理已超期',
  'proposal.reply': '提案已答复，请测评',
  'proposal.remind': '催办通知',
  'task.remind': '重点工作催报',
  'task.period_open': '重点工作报告期开始填报',
  'task.period_closed': '重点工作报告期已截止',
  'task.due_soon': '重点工作报送即将截止',
  'task.overdue': '重点工作报送已逾期',
  'security.account_locked': '安全告警：账户被锁定',
  'evaluation.overdue': '测评期已过',
};

const SUBJECTS_EN: Record<string, string> = {
  'proposal.assign': 'New assignment',
  'assignment.unsigned': 'Assignment not yet signed for',
  'deadline.due_soon': 'Deadline approaching',
  'deadline.overdue': 'Handling overdue',
  'proposal.reply': 'Reply received, please evaluate',
  'proposal.remind': 'Reminder',
  'task.remind': 'Key task reminder',
  'task.period_open': 'Key task reporting open',
  'task.period_closed': 'Key task reporting closed',
  'task.due_soon': 'Key task report due soon',
  'task.overdue': 'Key task report overdue',
  'security.account_locked': 'Security alert: account locked',
  'evaluation.overdue': 'Evaluation period over',
};

/** Kinds that reach a person even in their quiet hours. */
export const URGENT_KINDS = new Set(['security.account_locked']);

const SMS_MAX = 120;

/** Renders a notice for the external channels: subject, full text with a link, and a short form. */
export function render(
  n: { kind: string; message: string; messageEn?: string | null; proposalId: number | null },
  publicUrl?: string,
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
): Rendered {
  const link = publicUrl && n.proposalId ? `${publicUrl.replace(/\/$/, '')}/proposals/${n.proposalId}` : publicUrl;
  // In the recipient's language where the notice was written in it (messageEn), else in Chinese.
  if (locale === 'en-US' && n.messageEn) {
    const title = SUBJECTS_EN[n.kind] ?? SUBJECTS_EN[n.kind.split('.')[0]!] ?? 'Notice from Duban';
    const text = `${n.messageEn}${link ? `\n\nDetails: ${link}` : ''}\n\n(Sent automatically by Duban; please do not reply.)`;
    const short = n.messageEn.length > SMS_MAX ? `${n.messageEn.slice(0, SMS_MAX - 1)}…` : n.messageEn;
    return { kind: n.kind, subject: `[Duban] ${title}`, text, short };
  }
  const title = SUBJECTS[n.kind] ?? SUBJECTS[n.kind.split('.')[0]!] ?? '督办平台消息';
  const text = `${n.message}${link ? `\n\n查看详情：${link}` : ''}\n\n（本邮件由督办平台自动发送，请勿直接回复。）`;
  const short = n.message.length > SMS_MAX ? `${n.message.slice(0, SMS_MAX - 1)}…` : n.message;
  return { kind: n.kind, subject: `【督办】${title}`, text, short };
}
