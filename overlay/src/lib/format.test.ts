import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatClock,
  formatCount,
  formatPercent,
  formatRate,
  formatShort,
} from './format.ts';

describe('formatShort (BAR short numbers)', () => {
  it.each([
    [0, '0'],
    [7.4, '7'],
    [999, '999'],
    [999.4, '999'],
    [999.5, '1.0k'],
    [1234, '1.2k'],
    [5420, '5.4k'],
    [9949, '9.9k'],
    [9950, '10k'],
    [9999, '10k'],
    [12345, '12k'],
    [999_499, '999k'],
    [999_500, '1.0m'],
    [1_234_567, '1.2m'],
    [48_000_000, '48m'],
    [2_500_000_000, '2.5b'],
    [-1234, '-1.2k'],
    [-0.2, '0'],
  ])('%s → %s', (value, text) => {
    expect(formatShort(value)).toBe(text);
  });

  it('prints a dash for unreadable values', () => {
    expect(formatShort(null)).toBe(MISSING);
    expect(formatShort(undefined)).toBe(MISSING);
    expect(formatShort(Number.NaN)).toBe(MISSING);
    expect(formatShort(Infinity)).toBe(MISSING);
  });
});

describe('formatRate', () => {
  it.each([
    [34.46, '+34.5/s'],
    [24.35, '+24.4/s'],
    [0, '+0.0/s'],
    [-0.01, '+0.0/s'],
    [99.94, '+99.9/s'],
    [99.96, '+100/s'],
    [612.8, '+613/s'],
    [1234, '+1.2k/s'],
    [-3.25, '-3.3/s'],
  ])('%s → %s', (value, text) => {
    expect(formatRate(value)).toBe(text);
  });

  it('takes another suffix and a dash for null', () => {
    expect(formatRate(5, '')).toBe('+5.0');
    expect(formatRate(null)).toBe(MISSING);
  });
});

describe('formatCount, formatPercent', () => {
  it('keeps counts exact below 10k', () => {
    expect(formatCount(143)).toBe('143');
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(12_345)).toBe('12k');
    expect(formatCount(null)).toBe(MISSING);
  });
  it('rounds shares to whole percent', () => {
    expect(formatPercent(0.5349)).toBe('53%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe(MISSING);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [59.9, '0:59'],
    [420, '7:00'],
    [754, '12:34'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
  it('prints a placeholder for no clock', () => {
    expect(formatClock(null)).toBe('–:––');
  });
});
