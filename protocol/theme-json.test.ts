// Resolves the shipped themes from the real files on disk, and broken ones built in memory.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ThemeError,
  resolveThemeChain,
  validateThemeJson,
  type ThemeJsonSource,
} from './theme-json.ts';
import { validateThemeJsonFile } from './validate.ts';

const themesDir = fileURLToPath(new URL('../themes/', import.meta.url));
const fromDisk: ThemeJsonSource = async (id) =>
  JSON.parse(readFileSync(path.join(themesDir, id, 'theme.json'), 'utf8')) as unknown;
const fromMemory =
  (themes: Record<string, unknown>): ThemeJsonSource =>
  async (id) => {
    if (!(id in themes)) throw new ThemeError(`${id}/theme.json not found (HTTP 404)`);
    return themes[id];
  };

describe('shipped themes', () => {
  const ids = readdirSync(themesDir);

  it('ships at least three', () => {
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toContain('default');
  });

  it.each(readdirSync(themesDir))('%s resolves to a chain rooted at default', async (id) => {
    const chain = await resolveThemeChain(id, fromDisk);
    expect(chain[0].id).toBe('default');
    expect(chain.at(-1)!.id).toBe(id);
    expect(chain.every((t) => t.description.length > 0)).toBe(true);
  });
});

describe('resolveThemeChain', () => {
  it('orders root → leaf', async () => {
    const source = fromMemory({
      a: { name: 'A' },
      b: { name: 'B', parent: 'a' },
      c: { name: 'C', parent: 'b', description: 'leaf' },
    });
    const chain = await resolveThemeChain('c', source);
    expect(chain.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(chain[2]).toEqual({ id: 'c', name: 'C', description: 'leaf', parent: 'b' });
  });

  it('names a parent loop', async () => {
    const source = fromMemory({ a: { name: 'A', parent: 'b' }, b: { name: 'B', parent: 'a' } });
    await expect(resolveThemeChain('a', source)).rejects.toThrow('parent loop: a → b → a');
  });

  it('names a missing parent', async () => {
    const source = fromMemory({ a: { name: 'A', parent: 'gone' } });
    await expect(resolveThemeChain('a', source)).rejects.toThrow('gone/theme.json not found');
  });

  it('refuses unsafe names before fetching anything', async () => {
    await expect(resolveThemeChain('../x', fromMemory({}))).rejects.toThrow(
      'not a valid theme name',
    );
  });

  it('stops very deep chains', async () => {
    const themes: Record<string, unknown> = {};
    for (let i = 0; i < 12; i += 1) themes[`t${i}`] = { name: `T${i}`, parent: `t${i + 1}` };
    await expect(resolveThemeChain('t0', fromMemory(themes))).rejects.toThrow('parent levels');
  });
});

describe('validateThemeJson', () => {
  it.each([
    [[], 'must be a JSON object'],
    [{ description: 'x' }, 'needs a "name"'],
    [{ name: 'x', description: 3 }, '"description" must be a string'],
    [{ name: 'x', parent: '../up' }, '"parent" must be'],
  ])('%j is refused', (value, message) => {
    expect(() => validateThemeJson('x', value)).toThrow(message);
  });
});

describe("theme.json schema (what theme authors' editors check)", () => {
  it.each(readdirSync(themesDir))('%s/theme.json names it and passes it', (id) => {
    const json = JSON.parse(readFileSync(path.join(themesDir, id, 'theme.json'), 'utf8'));
    expect(json.$schema).toBe('../../protocol/schemas/theme-json.schema.json');
    expect(validateThemeJsonFile(json)).toMatchObject({ ok: true });
  });

  const cases: [string, unknown][] = [
    ['a name only', { name: 'Neon' }],
    ['every field', { name: 'Neon', description: 'Bright', parent: 'default' }],
    ['a null parent', { name: 'Neon', parent: null }],
    ['an unknown field', { name: 'Neon', author: 'me' }],
    ['no name', { description: 'x' }],
    ['a blank name', { name: '  ' }],
    ['a number as name', { name: 3 }],
    ['a description that is not text', { name: 'Neon', description: 1 }],
    ['a parent that is not a folder name', { name: 'Neon', parent: 'Dark Theme' }],
    ['an array', [{ name: 'Neon' }]],
    ['null', null],
  ];
  it.each(cases)('agrees with the rules the overlay and bridge apply: %s', (_what, value) => {
    let accepted = true;
    try {
      validateThemeJson('neon', value);
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error;
      accepted = false;
    }
    expect(validateThemeJsonFile(value).ok).toBe(accepted);
  });
});
