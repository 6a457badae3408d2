// A single-panel page fills the browser source's width: its rem is the source width divided by
// the panel's width token, so every size in the theme scales together. The full layout scales in
// CSS (app.css) and needs nothing here.
import type { Route } from './route.ts';
import type { ThemeTokens } from './tokens.ts';

export function singlePanelFontSize(route: Route, tokens: ThemeTokens): string | null {
  if (!route.single) return null;
  const width =
    route.story === 'graph'
      ? tokens.graphWidthRem[route.strip ? 'strip' : 'lowerThird']
      : tokens.panelWidthRem[route.panels[0]!];
  return `calc(100vw / ${width})`;
}

export function applyScale(root: HTMLElement, route: Route, tokens: ThemeTokens): void {
  root.dataset.layout = route.single ? 'single' : 'full';
  root.style.fontSize = singlePanelFontSize(route, tokens) ?? '';
}
