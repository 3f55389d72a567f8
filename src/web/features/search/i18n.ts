import { extendEnglish } from '../../lib/i18n.js';

extendEnglish({
  全文检索: 'Full-text search',
  '检索案由、正文、答复和落实情况': 'Search titles, texts, replies and follow-ups',
  请输入检索词: 'Type what to search for',
  检索: 'Search',
  届次: 'Session',
  年度: 'Year',
  状态: 'Status',
  承办单位: 'Handling unit',
  类别: 'Category',
  答复类别: 'Reply class',
  重点: 'Key',
  重置: 'Reset',
  '共 {n} 条': '{n} results',
  '约 {n} 条': 'About {n} results',
  '前 {n} 条按相关度排列，其后按时间从新到旧；可用筛选缩小范围': 'The first {n} are ordered by relevance, the rest newest first; filters narrow the results',
  '未找到与「{q}」相关的提案': 'No proposals match “{q}”',
  '输入关键词开始检索，例如：养老、河长制': 'Type a word to search, e.g. 养老 or 河长制',
  主办: 'Lead',
  '{cls}类': 'Class {cls}',
});
