// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { applyScale, singlePanelFontSize } from './scale.ts';
import { parseRoute } from './route.ts';
import { FALLBACK_TOKENS } from './tokens.ts';

const route = (path: string) => parseRoute(new URL(path, 'http://127.0.0.1:9877'));

describe('scale', () => {
  it('sizes a single-panel page from its width token', () => {
    const tokens = {
      ...FALLBACK_TOKENS,
      panelWidthRem: { ...FALLBACK_TOKENS.panelWidthRem, resources: 30 },
    };
    expect(singlePanelFontSize(route('/overlay/resources'), tokens)).toBe('calc(100vw / 30)');
    expect(singlePanelFontSize(route('/overlay/'), tokens)).toBeNull();
  });

  it('marks the layout on the root element and leaves the full layout to CSS', () => {
    const root = document.createElement('html');
    applyScale(root, route('/overlay/compare'), FALLBACK_TOKENS);
    expect(root.dataset.layout).toBe('single');
    expect(root.style.fontSize).toMatch(/^calc\(2\.38\d*vw\)$/); // 100vw / 42, as jsdom keeps it
    applyScale(root, route('/overlay/?panels=compare'), FALLBACK_TOKENS);
    expect(root.dataset.layout).toBe('full');
    expect(root.style.fontSize).toBe('');
  });
});
