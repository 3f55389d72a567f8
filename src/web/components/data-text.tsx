import type { ReactNode } from 'react';

// Data (titles, names, unit names, body text) stays in the language it was written in, whatever
// the interface language: it is marked so (data-content), which tells a reader, a screen reader and
// the English test (e2e/english.e2e.ts) that Chinese there is content, not an untranslated label.

export function Data({ children }: { children: ReactNode }) {
  return <bdi data-content="">{children}</bdi>;
}

// In an English message, quoted parts and any run of Chinese (a name, a unit) are data.
const QUOTED = /(「[^」]*」|“[^”]*”|[\u3400-\u9fff][\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*)/;

/**
 * A message built from a template and data: the quoted parts (「title」, “title”) are data, the
 * rest is the template's language. A message that has only Chinese is marked Chinese as a whole.
 */
export function MessageText({ text, chinese }: { text: string; chinese?: boolean }) {
  if (chinese) return <span lang="zh-CN">{text}</span>;
  return <>{text.split(QUOTED).map((part, i) => (i % 2 === 1 ? <Data key={i}>{part}</Data> : part))}</>;
}
