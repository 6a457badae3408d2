import { describe, expect, it } from 'vitest';
import { contrast, inkOn, parseColor, readableOn, toHex } from './color.ts';

describe('parseColor', () => {
  it('reads the forms themes use', () => {
    expect(parseColor('#0b62e8')).toEqual({ r: 11, g: 98, b: 232 });
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseColor(' #0c1016e6 ')).toEqual({ r: 12, g: 16, b: 22 });
    expect(parseColor('#abcd')).toEqual({ r: 170, g: 187, b: 204 });
    expect(parseColor('rgba(12, 16, 22, 0.9)')).toEqual({ r: 12, g: 16, b: 22 });
    expect(parseColor('rgb(255 128 0 / 50%)')).toEqual({ r: 255, g: 128, b: 0 });
  });
  it('refuses what it cannot read', () => {
    expect(parseColor('oklch(70% 0.1 200)')).toBeNull();
    expect(parseColor('#12345')).toBeNull();
    expect(parseColor('red')).toBeNull();
  });
});

describe('readableOn', () => {
  const dark = '#0c1016';
  const light = '#ffffff';

  it('keeps a colour that already reads well', () => {
    expect(readableOn('#4cc3ff', dark)).toBe('#4cc3ff');
  });

  it('brightens a dark team colour on a dark panel', () => {
    const out = readableOn('#1a1a80', dark);
    expect(out).not.toBe('#1a1a80');
    expect(contrast(parseColor(out)!, parseColor(dark)!)).toBeGreaterThanOrEqual(3);
  });

  it('darkens a yellow team colour on a white panel', () => {
    const out = readableOn('#ffe600', light);
    expect(contrast(parseColor(out)!, parseColor(light)!)).toBeGreaterThanOrEqual(3);
    expect(parseColor(out)!.r).toBeLessThan(255);
  });

  it('passes unparseable input through', () => {
    expect(readableOn('#1a1a80', 'var(--x)')).toBe('#1a1a80');
  });
});

describe('inkOn, toHex', () => {
  it('picks black on yellow and white on navy', () => {
    expect(inkOn('#ffe600')).toBe('#000000');
    expect(inkOn('#1a1a80')).toBe('#ffffff');
  });
  it('round-trips hex', () => {
    expect(toHex(parseColor('#0B62E8')!)).toBe('#0b62e8');
  });
});
