// Theme easing tokens (CSS timing functions) as functions for Svelte's transitions, which sample
// their easing in script.

export type Easing = (t: number) => number;

/** A CSS cubic-bezier(x1, y1, x2, y2) curve: solves x(s) = t for s, returns y(s). */
export function cubicBezier(x1: number, y1: number, x2: number, y2: number): Easing {
  const coord = (s: number, p1: number, p2: number) =>
    3 * p1 * s * (1 - s) ** 2 + 3 * p2 * s * s * (1 - s) + s ** 3;
  const slope = (s: number, p1: number, p2: number) =>
    3 * p1 * (1 - s) ** 2 + 6 * (p2 - p1) * s * (1 - s) + 3 * (1 - p2) * s * s;
  return (t) => {
    if (t <= 0 || t >= 1) return t <= 0 ? 0 : 1;
    let s = t;
    for (let i = 0; i < 8; i += 1) {
      const dx = coord(s, x1, x2) - t;
      const d = slope(s, x1, x2);
      if (Math.abs(dx) < 1e-6 || d === 0) break;
      s = Math.min(1, Math.max(0, s - dx / d));
    }
    return coord(s, y1, y2);
  };
}

const KEYWORDS: Record<string, [number, number, number, number]> = {
  linear: [0, 0, 1, 1],
  ease: [0.25, 0.1, 0.25, 1],
  'ease-in': [0.42, 0, 1, 1],
  'ease-out': [0, 0, 0.58, 1],
  'ease-in-out': [0.42, 0, 0.58, 1],
};

/** Parses a timing-function token (a keyword or cubic-bezier(...)); the fallback otherwise. */
export function parseEasing(text: string, fallback: Easing): Easing {
  const value = text.trim();
  const keyword = KEYWORDS[value];
  if (keyword) return cubicBezier(...keyword);
  const m = /^cubic-bezier\(([^)]*)\)$/.exec(value);
  if (!m) return fallback;
  const n = m[1].split(',').map(Number);
  if (
    n.length !== 4 ||
    n.some((x) => !Number.isFinite(x)) ||
    n[0] < 0 ||
    n[0] > 1 ||
    n[2] < 0 ||
    n[2] > 1
  ) {
    return fallback;
  }
  return cubicBezier(n[0], n[1], n[2], n[3]);
}
