import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  '审查队列': 'Review queue',
  '待审查 {n} 件，按提交时间先后排列': '{n} awaiting review, oldest first',
  '提交时间': 'Submitted',
  '提案人': 'Proposer',
  '类别': 'Category',
  '届次': 'Session',
  '操作': 'Actions',
  '审查': 'Review',
  '搜索案由或正文': 'Search title or text',
  '重置': 'Reset',
  '暂无待审查的提案': 'Nothing awaits review',
  '等{n}人': 'and {n} others',
  '大会期间': 'During plenary',
  '平时': 'Interim',
  '并案': 'Merge',
});
