import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  '批量交办': 'Bulk assignment',
  '交办会上一次把多件提案交给同一组承办单位；全部成功或全部不交办。':
    'Assign many proposals to the same units at once; all succeed or none is assigned.',
  '已立案待交办': 'Filed, to assign',
  '已选 {n} 件': '{n} selected',
  '清空选择': 'Clear selection',
  '交办设置': 'Assignment',
  '请先在左侧选择要交办的提案': 'Select proposals on the left first',
  '请选择要交办的提案': 'Select the proposals to assign',
  '确认交办': 'Confirm assignment',
  '确认交办 {n} 件提案？': 'Assign {n} proposals?',
  '交办后将通知承办单位签收，并开始计算办理期限。': 'The units are notified to sign for them, and the deadlines start.',
  '已交办 {n} 件提案': '{n} proposals assigned',
  '{no}「{title}」交办失败': '{no} “{title}” could not be assigned',
  '本次未交办任何提案，请处理后重试。': 'Nothing was assigned; fix this and try again.',
  '确定': 'OK',
  '取消': 'Cancel',
  '届次': 'Session',
  '类别': 'Category',
  '搜索案由或正文': 'Search title or text',
  '重置': 'Reset',
  '选择本页全部': 'Select this page',
  '暂无待交办的提案': 'Nothing awaits assignment',
});
