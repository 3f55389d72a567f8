import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  下载答复函: 'Download reply letter',
});
