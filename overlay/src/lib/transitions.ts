// Enter/leave transitions for panels, toasts and the banner, shaped by the theme's motion tokens.
import type { TransitionConfig } from 'svelte/transition';
import type { Easing } from './easing.ts';

export interface SlideParams {
  duration: number;
  /** How far the element travels, in rem (the theme's --motion-distance). */
  distance: number;
  axis?: 'x' | 'y';
  /** 1 comes from the right/bottom, -1 from the left/top. */
  direction?: 1 | -1;
  easing: Easing;
}

/** Fades and slides with a plain `transform` (Chromium 103 has no `translate` property). */
export function slide(_node: Element, p: SlideParams): TransitionConfig {
  const axis = p.axis === 'x' ? 'X' : 'Y';
  const direction = p.direction ?? -1;
  return {
    duration: p.duration,
    easing: p.easing,
    css: (t, u) =>
      `opacity:${t};transform:translate${axis}(${(u * direction * p.distance).toFixed(4)}rem)`,
  };
}
