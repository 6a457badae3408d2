// Theme files as tests read them: theme.css parsed strictly (custom properties in :root blocks,
// nothing else), a theme's tokens after its parent chain, and a token's colour as RGBA bytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseColor } from '../src/lib/color.ts';

/** The custom properties of a theme.css; throws on anything else in it. */
export function parseThemeCss(css: string): Map<string, string> {
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const blocks = [...body.matchAll(/([^{}]*)\{([^{}]*)\}/g)];
  const found = new Map<string, string>();
  for (const [, selector, declarations] of blocks) {
    if (selector.trim() !== ':root')
      throw new Error(`only :root blocks allowed, found "${selector.trim()}"`);
    for (const decl of declarations
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)) {
      const m = /^(--[a-z0-9-]+)\s*:\s*([\s\S]+)$/.exec(decl);
      if (!m) throw new Error(`not a custom property: "${decl}"`);
      found.set(m[1], m[2].trim());
    }
  }
  if (body.replace(/([^{}]*)\{([^{}]*)\}/g, '').trim())
    throw new Error('text outside :root blocks');
  return found;
}

/** Every token a theme in `dir` ends up with: its parents' first, then its own. */
export function themeTokens(dir: string, name: string): Map<string, string> {
  const read = (file: string) => readFileSync(path.join(dir, name, file), 'utf8');
  const { parent } = JSON.parse(read('theme.json')) as { parent?: string | null };
  const tokens = parent ? themeTokens(dir, parent) : new Map<string, string>();
  for (const [token, value] of parseThemeCss(read('theme.css'))) tokens.set(token, value);
  return tokens;
}

export type Rgba = [r: number, g: number, b: number, a: number];

const HEX_ALPHA = /^#(?:[0-9a-f]{3}([0-9a-f])|[0-9a-f]{6}([0-9a-f]{2}))$/i;
const FN_ALPHA = /^rgba?\([^,/)]+[\s,]+[^,/)]+[\s,]+[^,/)]+?\s*[,/]\s*([\d.]+)(%?)\s*\)$/i;

/** A hex or rgb()/rgba() colour as 0–255 channels, alpha included; null for anything else. */
export function rgba(value: string): Rgba | null {
  const rgb = parseColor(value);
  if (!rgb) return null;
  const hex = HEX_ALPHA.exec(value.trim());
  const fn = FN_ALPHA.exec(value.trim());
  let alpha = 255;
  if (hex) alpha = parseInt(hex[1] ? hex[1] + hex[1] : hex[2], 16);
  else if (fn) alpha = Math.round((Number(fn[1]) / (fn[2] ? 100 : 1)) * 255);
  return [rgb.r, rgb.g, rgb.b, alpha];
}
