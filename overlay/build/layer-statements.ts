// Chromium 103 (OBS 28–30) hangs the page for good when it reloads a stylesheet from its memory
// cache that holds an `@layer` statement (`@layer a, b;`) and an `@media` rule: the overlay never
// comes back after OBS's refresh or the caster's "reload overlays". Tailwind's output has one
// (`@layer components;`, the empty layer). An empty layer block declares the same layer at the
// same place in the layer order and does not trip it, so the build writes those instead.

/** `@layer a, b;` → `@layer a{}@layer b{}`; everything else unchanged. */
export function expandLayerStatements(css: string): string {
  return css.replace(
    /(^|[{};]\s*)@layer\s+([\w-]+(?:\.[\w-]+)*(?:\s*,\s*[\w-]+(?:\.[\w-]+)*)*)\s*;/g,
    (_all, before: string, names: string) =>
      before +
      names
        .split(',')
        .map((name) => `@layer ${name.trim()}{}`)
        .join(''),
  );
}

interface CssAsset {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}

/** Vite plugin: rewrites every emitted stylesheet with expandLayerStatements. */
export function layerStatementsForChrome103() {
  return {
    name: 'bar-livedata:layer-statements-for-chrome-103',
    enforce: 'post' as const,
    generateBundle(_options: unknown, bundle: Record<string, { type: string }>) {
      for (const output of Object.values(bundle)) {
        const asset = output as CssAsset;
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css')) continue;
        const text =
          typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
        asset.source = expandLayerStatements(text);
      }
    },
  };
}
