import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  调整申请: 'Change requests',
  '承办单位申请调整（退出或改由其他单位承办），待审定': 'Units asking to leave or be replaced, awaiting a decision',
  提案: 'Proposal',
  申请单位: 'Requesting unit',
  申请理由: 'Reason',
  建议承办单位: 'Suggested unit',
  申请时间: 'Requested on',
  交办日期: 'Assigned on',
  '主办（须指定新主办单位）': 'Lead (needs a replacement)',
  暂无待审定的调整申请: 'No change requests to decide',
  '当前不能执行「{action}」，请刷新后查看': '“{action}” is no longer possible; reload to see why',
});
