import { describe, expect, it } from 'vitest';
import { niceCeil, timeSpan } from './graph-drawing.ts';

describe('the graph’s scales', () => {
  it('reach the next round value', () => {
    expect([0, 1, 1.2, 14, 16, 2500, 3100, 74_000, 76_000].map(niceCeil)).toEqual([
      1, 1, 1.5, 15, 20, 3000, 5000, 75_000, 100_000,
    ]);
  });

  it('end the time axis at the next span the game has not reached', () => {
    expect([0, 120, 121, 1000, 3599, 3601, 11_000].map(timeSpan)).toEqual([
      120, 120, 300, 1200, 3600, 5400, 14_400,
    ]);
  });
});
