import { describe, expect, it } from 'vitest';
import { cubicBezier, parseEasing } from './easing.ts';

describe('cubicBezier', () => {
  it('is linear for the linear curve and fixed at the ends', () => {
    const linear = cubicBezier(0, 0, 1, 1);
    for (const t of [0, 0.25, 0.5, 0.9, 1]) expect(linear(t)).toBeCloseTo(t, 5);
  });
  it('matches known points of CSS ease-out', () => {
    const easeOut = cubicBezier(0, 0, 0.58, 1);
    // Reference: bisection on x(s) = 0.5 for this curve gives y = 0.68464.
    expect(easeOut(0.5)).toBeCloseTo(0.68464, 4);
    expect(easeOut(0.25)).toBeGreaterThan(0.25);
  });
  it('overshoots when the curve does', () => {
    const back = cubicBezier(0.2, 1.2, 0.4, 1);
    expect(Math.max(...[0.5, 0.6, 0.7, 0.8].map(back))).toBeGreaterThan(1);
  });
});

describe('parseEasing', () => {
  const fallback = (t: number) => t * t;
  it('reads keywords and cubic-bezier()', () => {
    expect(parseEasing('ease-in', fallback)(0.5)).toBeCloseTo(0.3154, 3);
    expect(parseEasing(' cubic-bezier(0.16, 1, 0.3, 1) ', fallback)(0.5)).toBeGreaterThan(0.9);
  });
  it('falls back on anything else', () => {
    for (const bad of ['', 'steps(4)', 'cubic-bezier(2, 0, 1, 1)', 'cubic-bezier(a,b,c,d)']) {
      expect(parseEasing(bad, fallback)).toBe(fallback);
    }
  });
});
