// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseColor, readableOn } from './color.ts';
import { cssColor } from './css-color.ts';

describe('cssColor', () => {
  it('resolves colours parseColor cannot read through the browser', () => {
    expect(parseColor(cssColor('navy'))).toEqual({ r: 0, g: 0, b: 128 });
    expect(parseColor(cssColor('white'))).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseColor(cssColor('hsl(120, 100%, 25%)'))).toEqual({ r: 0, g: 128, b: 0 });
  });

  it('keeps what parseColor reads, and what is no colour', () => {
    expect(cssColor('#0c1016e6')).toBe('#0c1016e6');
    expect(cssColor('rgb(255 128 0 / 50%)')).toBe('rgb(255 128 0 / 50%)');
    expect(cssColor('not-a-colour')).toBe('not-a-colour');
    expect(cssColor('')).toBe('');
  });

  it('leaves no probe behind', () => {
    const before = document.body.childElementCount;
    cssColor('teal');
    expect(document.body.childElementCount).toBe(before);
  });

  it('lets a named theme colour steer team text like a hex one', () => {
    expect(readableOn('#1a1a80', cssColor('black'))).toBe(readableOn('#1a1a80', '#000000'));
  });
});
