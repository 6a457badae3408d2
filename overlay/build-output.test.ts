// The built overlay must run in OBS 28–30's Chromium 103. lightningcss lowers most of Tailwind
// v4's output for `cssTarget: chrome103`, but not everything; this checks what it leaves.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = fileURLToPath(new URL('../dist/overlay/assets/', import.meta.url));

function built(ext: string): { file: string; text: string }[] {
  if (!existsSync(assets)) throw new Error('dist/overlay is missing: run `npx vite build` first');
  return readdirSync(assets)
    .filter((f) => f.endsWith(ext))
    .map((file) => ({ file, text: readFileSync(path.join(assets, file), 'utf8') }));
}

interface Finding {
  where: string;
  what: string;
}

/** Walks minified CSS block by block, giving each declaration list with its enclosing preludes. */
function scanCss(
  css: string,
  visit: (declarations: string, preludes: string[]) => void,
  enter: (prelude: string) => void,
): void {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const stack: string[] = [];
  let buffer = '';
  for (const ch of text) {
    if (ch === '{') {
      const parts = buffer.split(';');
      const prelude = parts.pop()!.trim();
      visit(parts.join(';'), stack);
      enter(prelude);
      stack.push(prelude);
      buffer = '';
    } else if (ch === '}') {
      visit(buffer, stack);
      stack.pop();
      buffer = '';
    } else {
      buffer += ch;
    }
  }
}

const MODERN_COLOR = /\b(oklch|oklab|lab|lch|color-mix)\(/g;

/** An @supports condition without its `not (…)` parts: what a browser must support to apply it. */
function requiredFeatures(prelude: string): string {
  let text = prelude.replace(/^@supports\s*/, '');
  for (let at = text.search(/\bnot\s*\(/); at !== -1; at = text.search(/\bnot\s*\(/)) {
    let depth = 0;
    let end = text.indexOf('(', at);
    do {
      if (text[end] === '(') depth += 1;
      else if (text[end] === ')') depth -= 1;
      end += 1;
    } while (depth > 0 && end < text.length);
    text = text.slice(0, at) + text.slice(end);
  }
  return text;
}

/** Modern colour functions a declaration uses that no enclosing @supports tests for. */
function unguardedColors(declaration: string, preludes: string[]): string[] {
  const tested = new Set(
    preludes
      .filter((p) => p.startsWith('@supports'))
      .flatMap((p) => [...requiredFeatures(p).matchAll(MODERN_COLOR)].map((m) => m[1])),
  );
  return [...declaration.matchAll(MODERN_COLOR)].map((m) => m[1]).filter((f) => !tested.has(f));
}

function compatProblems(css: string): Finding[] {
  const found: Finding[] = [];
  const enter = (prelude: string) => {
    if (/^@(media|container)/.test(prelude) && /\([^)]*[<>=][^)]*\)/.test(prelude)) {
      found.push({ where: prelude, what: 'media range syntax' });
    }
  };
  scanCss(
    css,
    (declarations, preludes) => {
      for (const decl of declarations.split(';')) {
        const d = decl.trim();
        if (!d) continue;
        // A guard counts only when it tests the very function: Chromium 103 has none of them, and
        // an @supports on anything else would let it apply the declaration and draw nothing.
        if (unguardedColors(d, preludes).length > 0) {
          found.push({ where: preludes.join(' > ') || 'top level', what: `unguarded ${d}` });
        }
        // Chromium 103 hangs reloading a cached sheet with one (overlay/build/layer-statements.ts).
        if (/^@layer\b/.test(d)) {
          found.push({ where: preludes.join(' > ') || 'top level', what: `layer statement ${d}` });
        }
        if (/^(translate|scale|rotate)\s*:/.test(d)) {
          found.push({ where: preludes.join(' > '), what: `individual transform property ${d}` });
        }
      }
    },
    enter,
  );
  return found;
}

describe('the checker', () => {
  it('finds what Chromium 103 cannot use and lets guarded fallbacks pass', () => {
    const css =
      '@layer a, b;.a{color:#fff;color:oklch(70% .1 200)}@supports (color:lab(0% 0 0)){.b{color:lab(50% 0 0)}}' +
      '.c{translate:0 10px}.d{--tw-translate-x:1px;transform:translateX(1px)}' +
      '@media (width>=40rem){.e{color:red}}@media (min-width:40rem){.f{color:color-mix(in srgb,red,blue)}}';
    expect(compatProblems(css).map((f) => f.what)).toEqual([
      'layer statement @layer a, b',
      'unguarded color:oklch(70% .1 200)',
      'individual transform property translate:0 10px',
      'media range syntax',
      'unguarded color:color-mix(in srgb,red,blue)',
    ]);
  });

  it('counts an @supports as a guard only when it tests the function used', () => {
    const passes = [
      // What Tailwind and lightningcss emit.
      '@supports (color:color-mix(in lab, red, red)){::placeholder{color:color-mix(in oklab, currentcolor 50%, transparent)}}',
      '@supports (color:lab(0% 0 0)){:root,:host{--color-red-600:lab(48.4% 77.4 61.5)}}',
      '@supports (color:oklch(0 0 0)){@media (min-width:1px){.a{color:oklch(70% .1 200)}}}',
      '@supports (color:oklch(0 0 0)) and (color:color-mix(in srgb,red,red)){.b{color:color-mix(in srgb,oklch(70% .1 200),red)}}',
    ];
    for (const css of passes) expect(compatProblems(css), css).toEqual([]);
    const fails = [
      '@supports (display:grid){.a{color:oklch(70% .1 200)}}',
      '@supports (color:lab(0% 0 0)){.b{color:oklch(70% .1 200)}}',
      '@supports (color:lab(0% 0 0)){.c{color:oklab(70% .1 .1)}}',
      '@supports not (color:oklch(0 0 0)){.d{color:oklch(70% .1 200)}}',
      '@supports (display:grid) and (not (color:lch(0 0 0))){.e{color:lch(70% 40 200)}}',
      '@supports (color:color-mix(in lab, red, red)){.f{color:color-mix(in srgb,oklch(70% .1 200),red)}}',
      '@supports (color:oklch(0 0 0)){}.g{color:oklch(70% .1 200)}',
    ];
    for (const css of fails) {
      expect(
        compatProblems(css).map((f) => f.what.split(' ')[0]),
        css,
      ).toEqual(['unguarded']);
    }
  });
});

describe('built overlay (dist/overlay)', () => {
  it.each(built('.css').map((c) => [c.file, c.text]))(
    '%s has nothing Chromium 103 lacks',
    (_f, text) => {
      expect(compatProblems(text)).toEqual([]);
    },
  );

  it('calls no script API newer than Chromium 103', () => {
    const newer = [
      /\.toSorted\(/,
      /\.toReversed\(/,
      /\.toSpliced\(/,
      /Promise\.withResolvers/,
      /Promise\.try\b/,
      /Array\.fromAsync/,
      /Object\.groupBy/,
      /Map\.groupBy/,
      /URL\.canParse/,
      /\.isWellFormed\(/,
      /\.checkVisibility\(/,
    ];
    for (const { file, text } of built('.js')) {
      for (const pattern of newer) expect(pattern.test(text), `${file}: ${pattern}`).toBe(false);
    }
  });
});
