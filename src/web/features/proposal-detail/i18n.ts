import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  下载答复函: 'Download reply letter',
  // 会办 before 答复, per-unit evaluation, 答复审核
  新的会办意见: 'New opinion',
  已提交: 'given',
  '待提交（期限至{day}）': 'awaited (window ends {day})',
  '期限已过，未提交': 'window passed, none given',
  答复后收到: 'Received after the reply',
  '退回理由：': 'Returned because: ',
  已送达: 'Sent',
  待审核: 'Under review',
  已退回修改: 'Returned for revision',
  会办单位测评: 'Co-units’ evaluations',
  '纸质测评表，由{name}代录': 'paper form, entered by {name}',
  代录测评: 'Paper evaluation entered',
  修改后重新提交答复: 'Reply revised and sent again',
  满意: 'Satisfied',
  基本满意: 'Basically satisfied',
  不满意: 'Unsatisfied',
  办理态度: 'Attitude',
  办理结果: 'Result',
  代录: 'Entered by the office',
  '纸质提案，由{name}代录': 'Paper proposal, entered by {name}',
  '纸质签名（{name}代录）': 'paper signature (entered by {name})',
});
