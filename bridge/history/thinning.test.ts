import { describe, expect, it } from 'vitest';
import { pick, thinnedIndices } from './thinning.ts';

describe('thinnedIndices', () => {
  it('keeps the first point, one per step, and the newest', () => {
    expect(thinnedIndices([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([0, 4, 8, 10]);
  });

  it('measures the step from the last kept point when the times are uneven', () => {
    expect(thinnedIndices([0, 1, 3, 4, 7, 9, 10], 3)).toEqual([0, 2, 4, 6]);
  });

  it('keeps the newest point even when it is closer than a step to the one before', () => {
    expect(thinnedIndices([0, 1, 2, 3, 4, 5], 4)).toEqual([0, 4, 5]);
  });

  it('keeps short series whole', () => {
    expect(thinnedIndices([], 8)).toEqual([]);
    expect(thinnedIndices([5], 8)).toEqual([0]);
    expect(thinnedIndices([5, 6], 8)).toEqual([0, 1]);
  });

  it('picks the values at the kept indices', () => {
    expect(pick(['a', 'b', 'c', 'd'], [0, 2, 3])).toEqual(['a', 'c', 'd']);
  });
});
