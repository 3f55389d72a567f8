import type { KeyboardEvent } from 'react';

/**
 * What makes an element that reacts to a click (a card, a table row) reachable and operable by
 * keyboard too (WCAG 2.1.1): it takes the focus (Tab, with the visible ring of lib/a11y.css) and
 * Enter or Space act as the click. Spread it on the element: `<Card {...clickable(pick)} />`.
 */
export function clickable(onActivate: () => void) {
  return {
    tabIndex: 0,
    onClick: onActivate,
    onKeyDown: (e: KeyboardEvent) => {
      // Only keys on the element itself: a button inside it handles its own.
      if (e.target !== e.currentTarget) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onActivate();
      }
    },
  };
}

/**
 * A box that scrolls on its own (a reply inside the 测评 dialog, the proposal beside the review
 * form): focusable so that the arrow keys scroll it, and named for screen readers (WCAG 2.1.1).
 */
export function scrollRegion(label: string) {
  return { tabIndex: 0, role: 'region', 'aria-label': label } as const;
}
