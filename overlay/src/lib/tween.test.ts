// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showsSteps, tween } from './tween.ts';
import { formatCount, formatRate, formatShort } from './format.ts';

describe('showsSteps', () => {
  it('counts when there is something to show in between', () => {
    expect(showsSteps(0, 1000, formatCount)).toBe(true);
    expect(showsSteps(5400, 9400, formatShort)).toBe(true);
  });
  it('switches when the text would go straight from one end to the other', () => {
    expect(showsSteps(3.6, 3.7, formatRate)).toBe(false);
    expect(showsSteps(9420, 9460, formatShort)).toBe(false);
    expect(showsSteps(12, 12, formatCount)).toBe(false);
  });
});

describe('tween action', () => {
  afterEach(() => vi.useRealTimers());

  it('counts to the new value over the duration, then stays there', () => {
    // Fake timers fake performance.now and requestAnimationFrame too: 700 ms pass at once.
    vi.useFakeTimers();
    const span = document.createElement('span');
    const action = tween(span, { value: 0, format: formatCount, duration: 400 });
    expect(span.textContent).toBe('0');
    action.update({ value: 1000, format: formatCount, duration: 400 });
    const seen = new Set<string>();
    for (let ms = 0; ms < 700; ms += 20) {
      seen.add(span.textContent!);
      vi.advanceTimersByTime(20);
    }
    expect(span.textContent).toBe('1000');
    const between = [...seen].map(Number).filter((n) => n > 0 && n < 1000);
    expect(between.length).toBeGreaterThanOrEqual(2);
    action.destroy();
  });

  it('jumps with duration 0, for null, and from null', () => {
    const span = document.createElement('span');
    const action = tween(span, { value: null, format: formatCount, duration: 400 });
    expect(span.textContent).toBe('–');
    action.update({ value: 50, format: formatCount, duration: 400 });
    expect(span.textContent).toBe('50');
    action.update({ value: 900, format: formatCount, duration: 0 });
    expect(span.textContent).toBe('900');
    action.update({ value: null, format: formatCount, duration: 400 });
    expect(span.textContent).toBe('–');
    action.destroy();
  });

  it('reformats at once when only the format changes', () => {
    const span = document.createElement('span');
    const action = tween(span, { value: 1234, format: formatCount, duration: 400 });
    action.update({ value: 1234, format: formatShort, duration: 400 });
    expect(span.textContent).toBe('1.2k');
    action.destroy();
  });
});
