import { Fragment, type ReactNode } from 'react';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * A snippet from the search API (escaped text whose only markup is <mark>…</mark>) as React
 * nodes: the text is rendered as text, never as HTML, so nothing in a proposal can inject markup.
 */
export function Highlighted({ html }: { html: string }) {
  const parts = html.split(/(<mark>|<\/mark>)/);
  const out: ReactNode[] = [];
  let marked = false;
  parts.forEach((part, i) => {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push(marked ? <mark key={i}>{unescape(part)}</mark> : <Fragment key={i}>{unescape(part)}</Fragment>);
  });
  return <>{out}</>;
}
