import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  答复审核: 'Reply review',
  '待审核答复 {n} 件：审核通过后送达提案人，也可退回承办单位修改': '{n} replies to review: approved ones go to the proposer; you may return one to its unit',
  暂无待审核的答复: 'No reply is waiting for review',
  审核: 'Review',
  操作: 'Actions',
});
