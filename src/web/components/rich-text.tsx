import { createElement, useMemo, type ReactNode } from 'react';
import { Typography } from 'antd';
import { looksLikeHtml, RICH_TEXT_TAGS } from '../../shared/rich-text.js';

// Headings inside a body are section titles, smaller than the page's own headings.
const CSS = `
.duban-rich-text h3 { font-size: 17px; margin: 1em 0 .5em; }
.duban-rich-text h4 { font-size: 15px; margin: .8em 0 .4em; }
.duban-rich-text p { margin: 0 0 .7em; }
.duban-rich-text ol, .duban-rich-text ul { margin: 0 0 .7em; padding-inline-start: 1.8em; }
.duban-rich-text li p { margin: 0 0 .2em; }
.duban-rich-text blockquote { margin: 0 0 .7em; padding-inline-start: .8em; border-inline-start: 3px solid #e0e0e0; color: #555; }
`;

const ALLOWED = new Set<string>(RICH_TEXT_TAGS);
/** Elements dropped with everything inside them; other unknown elements are unwrapped (their text kept). */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select', 'svg', 'math', 'head', 'title']);

/**
 * Turns sanitized-on-the-server HTML into React elements, keeping only the allow-listed tags and
 * no attributes at all. Nothing is ever put into the page as raw HTML, so whatever the body holds
 * cannot run script here.
 */
function toReact(node: Node, key: string): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = (node as Element).tagName.toLowerCase();
  if (DROPPED.has(tag)) return null;
  const children = Array.from(node.childNodes).map((c, i) => toReact(c, `${key}.${i}`));
  if (!ALLOWED.has(tag)) return children.length ? createElement('span', { key }, ...children) : null;
  if (tag === 'br') return createElement('br', { key });
  return createElement(tag, { key }, ...children);
}

/** A proposal body (or any long text): HTML from the rich-text editor, or plain text with its line breaks. */
export function RichText({ value }: { value: string | null | undefined }) {
  const html = !!value && looksLikeHtml(value);
  const content = useMemo(() => {
    if (!value || !html || typeof DOMParser === 'undefined') return null;
    const doc = new DOMParser().parseFromString(value, 'text/html');
    return Array.from(doc.body.childNodes).map((c, i) => toReact(c, String(i)));
  }, [value, html]);
  if (!value) return null;
  if (!html || content === null) return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{value}</Typography.Paragraph>;
  return (
    <Typography className="duban-rich-text" style={{ overflowWrap: 'anywhere' }}>
      <style>{CSS}</style>
      {content}
    </Typography>
  );
}
