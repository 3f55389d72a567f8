import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  预览: 'Preview',
  下载: 'Download',
  关闭: 'Close',
  '该类型不支持预览，请下载': 'This type cannot be previewed; please download it',
  '预览加载失败，请下载查看': 'The preview could not be loaded; please download the file',
  预览附件: 'Preview attachment',
  '预览 {name}': 'Preview {name}',
});
