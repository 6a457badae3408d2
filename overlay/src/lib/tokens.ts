// The few theme tokens the overlay's scripts need (animation timing, how team plates are drawn,
// the panel colour team names must stay readable on, panel widths), read from the applied
// stylesheets.
import { LAYOUT_PANELS, type LayoutPanel } from '../../../protocol/panels.ts';
import { cubicIn, cubicOut } from 'svelte/easing';
import { parseEasing, type Easing } from './easing.ts';
import { cssColor } from './css-color.ts';

export interface ThemeTokens {
  enterMs: number;
  exitMs: number;
  enterEase: Easing;
  exitEase: Easing;
  /** How far panels, toasts and the banner slide, in rem. */
  distanceRem: number;
  tweenMs: number;
  toastHoldMs: number;
  panelBg: string;
  /** "tint": team colour as an accent on the panel; "fill": plates filled with the team colour. */
  teamPlate: 'tint' | 'fill';
  /** Each panel's width in rem: a single-panel page fits it to the browser source's width. */
  panelWidthRem: Record<LayoutPanel, number>;
  /** The graph page's design widths: a lower third and a full-width strip. */
  graphWidthRem: { lowerThird: number; strip: number };
}

export const FALLBACK_TOKENS: ThemeTokens = {
  enterMs: 300,
  exitMs: 250,
  enterEase: cubicOut,
  exitEase: cubicIn,
  distanceRem: 1.5,
  tweenMs: 600,
  toastHoldMs: 6000,
  panelBg: '#000000',
  teamPlate: 'tint',
  panelWidthRem: { scoreboard: 72, resources: 28, compare: 42, events: 26 },
  graphWidthRem: { lowerThird: 40, strip: 120 },
};

/** "250ms" → 250, ".4s" → 400; the fallback for anything else. */
export function parseDuration(text: string, fallback: number): number {
  const m = /^\s*(\d*\.?\d+)\s*(ms|s)\s*$/.exec(text);
  if (!m) return fallback;
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/** "28rem" → 28, "448px" → 28 (16px to the rem); the fallback for anything else. */
export function parseRem(text: string, fallback: number): number {
  const m = /^\s*(\d*\.?\d+)\s*(rem|px)\s*$/.exec(text);
  if (!m || Number(m[1]) <= 0) return fallback;
  return Number(m[1]) / (m[2] === 'px' ? 16 : 1);
}

export function readTokens(style: Pick<CSSStyleDeclaration, 'getPropertyValue'>): ThemeTokens {
  const get = (name: string) => style.getPropertyValue(name).trim();
  const plate = get('--team-plate');
  return {
    enterMs: parseDuration(get('--motion-enter'), FALLBACK_TOKENS.enterMs),
    exitMs: parseDuration(get('--motion-exit'), FALLBACK_TOKENS.exitMs),
    enterEase: parseEasing(get('--ease-enter'), FALLBACK_TOKENS.enterEase),
    exitEase: parseEasing(get('--ease-exit'), FALLBACK_TOKENS.exitEase),
    distanceRem: parseRem(get('--motion-distance'), FALLBACK_TOKENS.distanceRem),
    tweenMs: parseDuration(get('--motion-tween'), FALLBACK_TOKENS.tweenMs),
    toastHoldMs: parseDuration(get('--motion-toast-hold'), FALLBACK_TOKENS.toastHoldMs),
    panelBg: cssColor(get('--color-panel-bg')) || FALLBACK_TOKENS.panelBg,
    teamPlate: plate === 'fill' ? 'fill' : 'tint',
    panelWidthRem: Object.fromEntries(
      LAYOUT_PANELS.map((p) => [
        p,
        parseRem(get(`--size-${p}-width`), FALLBACK_TOKENS.panelWidthRem[p]),
      ]),
    ) as Record<LayoutPanel, number>,
    graphWidthRem: {
      lowerThird: parseRem(get('--size-graph-width'), FALLBACK_TOKENS.graphWidthRem.lowerThird),
      strip: parseRem(get('--size-graph-strip-width'), FALLBACK_TOKENS.graphWidthRem.strip),
    },
  };
}
