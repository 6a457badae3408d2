import { describe, expect, it } from 'vitest';
import { clock, count, income, rate, short } from './expected-text.ts';

describe('expected text', () => {
  it('writes short figures as BAR does', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [999, '999'],
      [999.6, '1.0k'],
      [1234, '1.2k'],
      [9999, '10k'],
      [12345, '12k'],
      [999_499, '999k'],
      [999_999, '1.0m'],
      [1_234_567, '1.2m'],
      [2.5e9, '2.5b'],
      [-1234, '-1.2k'],
      [-0.2, '0'],
    ];
    expect(cases.map(([n]) => short(n))).toEqual(cases.map(([, text]) => text));
  });

  it('writes rates, incomes, counts and clocks', () => {
    expect([rate(34.46), rate(0), rate(-0.04), rate(-3.25), rate(99.94), rate(99.96)]).toEqual([
      '+34.5/s',
      '+0.0/s',
      '+0.0/s',
      '-3.3/s',
      '+99.9/s',
      '+100/s',
    ]);
    expect([rate(1234), income(12.34), income(-5)]).toEqual(['+1.2k/s', '+12.3', '-5.0']);
    expect([count(7), count(9999), count(12345)]).toEqual(['7', '9999', '12k']);
    expect([short(null), rate(null), income(undefined), count(null)]).toEqual(['–', '–', '–', '–']);
    expect([clock(0), clock(65.9), clock(3599), clock(3600), clock(3725)]).toEqual([
      '0:00',
      '1:05',
      '59:59',
      '1:00:00',
      '1:02:05',
    ]);
  });
});
