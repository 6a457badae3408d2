// @vitest-environment node
// Themes are tokens only, in colours Chromium 103 draws; the default theme defines every token the
// overlay uses; docs/themes.md lists every token.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseThemeCss as tokens } from './test-fixtures/theme-tokens.ts';

const top = fileURLToPath(new URL('..', import.meta.url));
const themesDir = path.join(top, 'themes');
const themes = readdirSync(themesDir).sort();

const readTheme = (name: string) => readFileSync(path.join(themesDir, name, 'theme.css'), 'utf8');
const defaults = tokens(readTheme('default'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(svelte|css|ts)$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

describe.each(themes)('theme %s', (name) => {
  const own = tokens(readTheme(name));

  it('holds only custom properties, all of them known tokens', () => {
    expect(own.size).toBeGreaterThan(0);
    for (const token of own.keys()) expect(defaults.has(token), token).toBe(true);
  });

  it('gives colours as hex or rgb()', () => {
    for (const [token, value] of own) {
      if (!token.startsWith('--color-')) continue;
      expect(value, token).toMatch(
        /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\([\d\s.,%/]+\))$/i,
      );
    }
  });
});

describe('default theme and docs', () => {
  it('defines every token the overlay reads', () => {
    const local = new Set(['--team', '--team-text', '--team-ink', '--left', '--right']);
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(top, 'overlay', 'src'))) {
      if (file.includes(`${path.sep}control`)) continue;
      const text = readFileSync(file, 'utf8');
      for (const [, name] of text.matchAll(/var\((--[a-z0-9-]+)/g)) used.add(name);
      // Tokens scripts read by name (tokens.ts); "--size-${p}-width" stands for the four widths.
      for (const [, name] of text.matchAll(/get\(\s*[`'"](--[a-z0-9-]+)(?![a-z0-9-]|\$)/g))
        used.add(name);
    }
    const missing = [...used].filter(
      (t) => !local.has(t) && !t.startsWith('--tw-') && !defaults.has(t),
    );
    expect(missing).toEqual([]);
    // And nothing in the default theme is dead weight.
    const unused = [...defaults.keys()].filter((t) => !used.has(t));
    expect(unused).toEqual([]);
  });

  it('docs/themes.md lists every token', () => {
    const docs = readFileSync(path.join(top, 'docs', 'themes.md'), 'utf8');
    const undocumented = [...defaults.keys()].filter((t) => !docs.includes(`\`${t}\``));
    expect(undocumented).toEqual([]);
  });
});
