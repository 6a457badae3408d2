// Bars: a Svelte action that scales an element to `fraction` (0..1) along x with a plain transform,
// which the compositor animates (the theme's --motion-bar transition) without layout or paint.
// It writes the style only when the rounded value changes.

export function barTransform(fraction: number | null): string {
  const f = fraction == null || !Number.isFinite(fraction) ? 0 : Math.min(1, Math.max(0, fraction));
  return `scaleX(${Math.round(f * 1000) / 1000})`;
}

export function fill(node: HTMLElement, fraction: number | null) {
  let shown = '';
  const set = (next: number | null) => {
    const transform = barTransform(next);
    if (transform !== shown) {
      shown = transform;
      node.style.transform = transform;
    }
  };
  set(fraction);
  return { update: set };
}
