import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  下载答复函: 'Download reply letter',
  代录: 'Entered by the office',
  '纸质提案，由{name}代录': 'Paper proposal, entered by {name}',
  '纸质签名（{name}代录）': 'paper signature (entered by {name})',
});
