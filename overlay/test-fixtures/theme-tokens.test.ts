// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseThemeCss, rgba, themeTokens } from './theme-tokens.ts';

describe('rgba', () => {
  it('reads hex and rgb() colours with their alpha', () => {
    expect(rgba('#fff')).toEqual([255, 255, 255, 255]);
    expect(rgba('#fff8')).toEqual([255, 255, 255, 136]);
    expect(rgba('#0b1017e0')).toEqual([11, 16, 23, 224]);
    expect(rgba('rgb(1, 2, 3)')).toEqual([1, 2, 3, 255]);
    expect(rgba('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 128]);
    expect(rgba('rgb(1 2 3 / 50%)')).toEqual([1, 2, 3, 128]);
  });
  it('knows no other syntax', () => {
    expect(rgba('oklch(70% 0.1 200)')).toBeNull();
    expect(rgba('red')).toBeNull();
  });
});

describe('theme files', () => {
  it('parses only custom properties in :root', () => {
    expect(parseThemeCss(':root { /* c */ --a: #fff; --b: 1rem }')).toEqual(
      new Map([
        ['--a', '#fff'],
        ['--b', '1rem'],
      ]),
    );
    expect(() => parseThemeCss('body { --a: #fff }')).toThrow(/only :root/);
    expect(() => parseThemeCss(':root { color: red }')).toThrow(/not a custom property/);
    expect(() => parseThemeCss(':root { --a: 1 } --b: 2')).toThrow(/outside/);
  });

  it('gives a theme its parents’ tokens, overridden by its own', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'theme-tokens-'));
    try {
      const theme = (name: string, json: object, css: string) => {
        mkdirSync(path.join(dir, name));
        writeFileSync(path.join(dir, name, 'theme.json'), JSON.stringify(json));
        writeFileSync(path.join(dir, name, 'theme.css'), css);
      };
      theme('base', { name: 'Base' }, ':root { --a: 1; --b: 2 }');
      theme('child', { name: 'Child', parent: 'base' }, ':root { --b: 3 }');
      expect(themeTokens(dir, 'child')).toEqual(
        new Map([
          ['--a', '1'],
          ['--b', '3'],
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
