import sanitizeHtml from 'sanitize-html';
import { looksLikeHtml, RICH_TEXT_TAGS } from '../../shared/rich-text.js';
import { invalid } from '../errors.js';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...RICH_TEXT_TAGS],
  allowedAttributes: {},
  // The content of these goes with them; anything else unknown is unwrapped and its text kept.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title'],
  disallowedTagsMode: 'discard',
};

/**
 * The body to store: an HTML body keeps only the allowed tags, without attributes; a plain-text
 * body is stored as it is (it is always shown as text). A body that is empty once cleaned is refused.
 */
export function cleanBody(body: string, field = 'body.body'): string {
  if (!looksLikeHtml(body)) return body;
  const clean = sanitizeHtml(body, OPTIONS).trim();
  const text = sanitizeHtml(clean, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;/g, ' ').trim();
  if (!text) throw invalid(field, '正文不能为空');
  return clean;
}
