// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { barTransform, fill } from './fill.ts';

describe('fill', () => {
  it('clamps and rounds the fraction', () => {
    expect(barTransform(0.12345)).toBe('scaleX(0.123)');
    expect(barTransform(1.7)).toBe('scaleX(1)');
    expect(barTransform(-1)).toBe('scaleX(0)');
    expect(barTransform(null)).toBe('scaleX(0)');
    expect(barTransform(Number.NaN)).toBe('scaleX(0)');
  });

  it('sets the transform and updates it', () => {
    const bar = document.createElement('div');
    const action = fill(bar, 0.5);
    expect(bar.style.transform).toBe('scaleX(0.5)');
    action.update(0.25);
    expect(bar.style.transform).toBe('scaleX(0.25)');
  });
});
