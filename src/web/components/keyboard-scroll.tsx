import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Wraps a table that scrolls inside its own box (Ant Design's `.ant-table-body` under scroll.y):
 * the box becomes focusable and named, so that the arrow keys scroll it (WCAG 2.1.1; axe
 * scrollable-region-focusable). The table draws the box itself, hence the effect after each render.
 */
export function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('.ant-table-body').forEach((box) => {
      box.tabIndex = 0;
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', label);
    });
  });
  return <div ref={ref}>{children}</div>;
}
