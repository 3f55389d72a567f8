import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  期限看板: 'Deadline board',
  即将到期: 'Due soon',
  已逾期: 'Overdue',
  待测评: 'Awaiting evaluation',
  重新办理: 'Re-handling',
  承办单位: 'Handling units',
  剩余时间: 'Time left',
  '逾期{n}天': '{n} days overdue',
  '剩余{n}天': '{n} days left',
  今日到期: 'Due today',
  '3个工作日内到期、尚未答复的提案': 'Not yet replied, due within 3 working days',
  '已过办理期限、尚未答复的提案': 'Past the deadline and not yet replied',
  '已答复、等待提案人测评的提案': 'Replied, waiting for the proposer’s evaluation',
  '测评不满意、正在重新办理的提案': 'Re-handled after an unsatisfied evaluation',
  '当前不能执行「{action}」，请刷新后查看': '“{action}” is no longer possible; reload to see why',
  '暂无提案': 'No proposals',
  '答复日期': 'Replied on',
});
