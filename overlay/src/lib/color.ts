// Team colours come from the game and can be anything; theme backgrounds can be dark or light.
// These helpers keep a team colour readable as text on the theme's panel, the way BAR's own
// Ecostats brightens dark team colours, and pick black or white ink for text on a team colour.

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB_FN = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+[\d.]+%?)?\s*\)$/i;

/** Parses #rgb, #rgba, #rrggbb, #rrggbbaa, rgb() and rgba(); alpha is ignored. Null otherwise. */
export function parseColor(text: string): Rgb | null {
  const value = text.trim();
  const hex = HEX.exec(value);
  if (hex) {
    let digits = hex[1];
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    return {
      r: parseInt(digits.slice(0, 2), 16),
      g: parseInt(digits.slice(2, 4), 16),
      b: parseInt(digits.slice(4, 6), 16),
    };
  }
  const fn = RGB_FN.exec(value);
  if (fn) {
    const [r, g, b] = [fn[1], fn[2], fn[3]].map((n) => Math.min(255, Math.round(Number(n))));
    return { r, g, b };
  }
  return null;
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance, 0 (black) .. 1 (white). */
export function luminance({ r, g, b }: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio, 1 .. 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return {
    r: from.r + (to.r - from.r) * amount,
    g: from.g + (to.g - from.g) * amount,
    b: from.b + (to.b - from.b) * amount,
  };
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };

/**
 * The team colour, moved toward white (on a dark background) or black (on a light one) just far
 * enough to reach `minContrast` against the background. Unparseable input comes back unchanged.
 */
export function readableOn(color: string, background: string, minContrast = 3): string {
  const fg = parseColor(color);
  const bg = parseColor(background);
  if (!fg || !bg) return color;
  if (contrast(fg, bg) >= minContrast) return toHex(fg);
  const target = luminance(bg) < 0.5 ? WHITE : BLACK;
  for (let step = 1; step <= 10; step += 1) {
    const candidate = mix(fg, target, step / 10);
    if (contrast(candidate, bg) >= minContrast) return toHex(candidate);
  }
  return toHex(target);
}

/** Black or white, whichever reads better on the given colour. */
export function inkOn(color: string): string {
  const bg = parseColor(color);
  if (!bg) return '#ffffff';
  return contrast(WHITE, bg) >= contrast(BLACK, bg) ? '#ffffff' : '#000000';
}
