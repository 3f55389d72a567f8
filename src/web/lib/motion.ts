// People who ask their system for less motion get none: no Ant Design transitions and no chart
// animations (WCAG 2.3.3). Browser tests ask for it too, so pictures are taken of still screens.
export const prefersReducedMotion = (): boolean =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
