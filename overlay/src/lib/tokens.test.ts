// @vitest-environment node
// The theme tokens that scripts read (durations, widths, the plate style), with their fallbacks.
import { describe, expect, it } from 'vitest';
import { parseDuration, parseRem, readTokens } from './tokens.ts';

describe('tokens', () => {
  it('parses durations', () => {
    expect(parseDuration('250ms', 1)).toBe(250);
    expect(parseDuration(' .4s', 1)).toBe(400);
    expect(parseDuration('0s', 1)).toBe(0);
    expect(parseDuration('fast', 1)).toBe(1);
  });

  it('reads the script-facing tokens with fallbacks', () => {
    const values: Record<string, string> = {
      '--size-resources-width': '480px',
      '--motion-tween': '0ms',
      '--team-plate': ' fill',
      '--color-panel-bg': '#101010e6',
    };
    const tokens = readTokens({ getPropertyValue: (n: string) => values[n] ?? '' });
    expect(tokens).toMatchObject({
      tweenMs: 0,
      teamPlate: 'fill',
      panelBg: '#101010e6',
      enterMs: 300,
    });
    expect(tokens.panelWidthRem).toEqual({
      scoreboard: 72,
      resources: 30,
      compare: 42,
      events: 26,
    });
  });

  it('parses widths in rem or px', () => {
    expect(parseRem('28rem', 1)).toBe(28);
    expect(parseRem('448px', 1)).toBe(28);
    expect(parseRem('50%', 1)).toBe(1);
    expect(parseRem('0rem', 1)).toBe(1);
  });
});
