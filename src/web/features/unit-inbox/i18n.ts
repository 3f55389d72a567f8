import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  待签收: 'To sign',
  办理中: 'In handling',
  已答复: 'Replied',
  跟踪落实: 'Follow-up',
  已办结: 'Closed',
  本单位待办: 'My unit’s work',
  确认签收该提案: 'Sign for this proposal?',
  '签收后即开始办理。': 'Signing starts the handling.',
  '{n}件调整申请等待审定：': '{n} change request(s) awaiting decision: ',
  剩余时间: 'Time left',
  '逾期{n}天': '{n} days overdue',
  '剩余{n}天': '{n} days left',
  今日到期: 'Due today',
  '当前不能执行「{action}」，请刷新后查看': '“{action}” is no longer possible; reload to see why',
  '当前账户未关联承办单位': 'This account is not linked to a handling unit',
  '暂无待签收的提案': 'Nothing to sign',
  '暂无办理中的提案': 'Nothing in handling',
  '暂无提案': 'No proposals',
  承办方式: 'Role',
  '已签收': 'Signed',
});
