import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Themes } from './themes.ts';
import { capturingLogger, waitFor } from './testing.ts';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

async function themeDirs(): Promise<{ user: string; builtin: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'bar-themes-'));
  const user = path.join(root, 'user');
  const builtin = path.join(root, 'builtin');
  await mkdir(path.join(user, 'neon', 'fonts'), { recursive: true });
  await mkdir(path.join(builtin, 'default'), { recursive: true });
  await writeFile(path.join(user, 'neon', 'theme.css'), ':root{}');
  await writeFile(path.join(user, 'neon', 'fonts', 'a.woff2'), 'font');
  await writeFile(path.join(user, 'neon', 'theme.json'), '{"description":"Neon","parent":"../x"}');
  await writeFile(path.join(builtin, 'default', 'theme.css'), ':root{}');
  await writeFile(path.join(builtin, 'default', 'theme.json'), '{"description":"Default"}');
  return { user, builtin };
}

describe('Themes', () => {
  it('finds files in nested folders, user folder first; ignores bad names and bad parents', async () => {
    const { user, builtin } = await themeDirs();
    const themes = new Themes([user, builtin], capturingLogger());
    expect(await themes.resolveFile('neon', ['fonts', 'a.woff2'])).toBe(
      path.join(user, 'neon', 'fonts', 'a.woff2'),
    );
    expect(await themes.resolveFile('default', ['theme.css'])).toBe(
      path.join(builtin, 'default', 'theme.css'),
    );
    expect(await themes.resolveFile('Neon', ['theme.css'])).toBeNull();
    expect(await themes.resolveFile('neon', ['fonts'])).toBeNull();
    expect(await themes.list()).toEqual([
      { name: 'default', description: 'Default', parent: null },
      { name: 'neon', description: 'Neon', parent: null },
    ]);
  });

  it('reports one change per burst of edits, including a save by rename', async () => {
    const { user, builtin } = await themeDirs();
    const themes = new Themes([user, builtin, path.join(user, 'missing')], capturingLogger());
    const changes: string[] = [];
    stops.push(themes.watch((name) => changes.push(name), 80));
    const css = path.join(user, 'neon', 'theme.css');
    await writeFile(css, ':root{--a:1}');
    await writeFile(css, ':root{--a:2}');
    await waitFor(() => changes.length === 1, 'the first change');
    await writeFile(`${css}.tmp`, ':root{--a:3}');
    await rename(`${css}.tmp`, css);
    await writeFile(path.join(builtin, 'default', 'theme.css'), ':root{--b:1}');
    await waitFor(() => changes.length === 3, 'two more changes');
    expect(changes.sort()).toEqual(['default', 'neon', 'neon']);
  });
});
