import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Themes } from './themes.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import { waitFor } from '../test-support/wait.ts';

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
  await writeFile(
    path.join(user, 'neon', 'theme.json'),
    '{"name":"Neon Nights","description":"Neon","parent":"default"}',
  );
  await writeFile(path.join(builtin, 'default', 'theme.css'), ':root{}');
  await writeFile(path.join(builtin, 'default', 'theme.json'), '{"name":"Default"}');
  return { user, builtin };
}

describe('Themes', () => {
  it('finds files in nested folders, user folder first; ignores bad names', async () => {
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
      { name: 'default', display_name: 'Default', description: '', parent: null },
      { name: 'neon', display_name: 'Neon Nights', description: 'Neon', parent: 'default' },
    ]);
  });

  it('leaves out a theme the overlay would refuse, with one log line naming it and why', async () => {
    const { user, builtin } = await themeDirs();
    const theme = async (name: string, json: string | null): Promise<void> => {
      await mkdir(path.join(user, name));
      await writeFile(path.join(user, name, 'theme.css'), ':root{}');
      if (json !== null) await writeFile(path.join(user, name, 'theme.json'), json);
    };
    await theme('nameless', '{"description":"no name"}');
    await theme('blank', '{"name":"  "}');
    await theme('bad-parent', '{"name":"Bad","parent":"../x"}');
    await theme('orphan', '{"name":"Orphan","parent":"gone"}');
    await theme('child', '{"name":"Child","parent":"nameless"}');
    await theme('cut', '{"name":"Cut');
    await theme('no-json', null);
    const logger = capturingLogger();
    const themes = new Themes([user, builtin], logger);
    expect((await themes.list()).map((t) => t.name)).toEqual(['default', 'neon']);
    const lines = logger.lines.filter((l) => l.includes('is not listed'));
    const problems = Object.fromEntries(
      lines.map((l) => /theme (\S+) is not listed: (.*)$/m.exec(l)!.slice(1, 3)),
    );
    expect(problems).toEqual({
      'bad-parent': 'bad-parent/theme.json "parent" must be a theme folder name or null',
      blank: 'blank/theme.json needs a "name" string',
      child: 'nameless/theme.json needs a "name" string',
      cut: expect.stringMatching(/cut\/theme\.json is not valid JSON \(/),
      nameless: 'nameless/theme.json needs a "name" string',
      'no-json': 'no-json/theme.json not found',
      orphan: 'gone/theme.json not found',
    });
    expect(lines).toHaveLength(7);
    await themes.list();
    expect(logger.lines.filter((l) => l.includes('is not listed'))).toHaveLength(7);
    await writeFile(path.join(user, 'nameless', 'theme.json'), '{"name":"Named now"}');
    expect((await themes.list()).map((t) => t.name)).toEqual([
      'child',
      'default',
      'nameless',
      'neon',
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
    await waitFor('the first change', () => changes.length === 1);
    await writeFile(`${css}.tmp`, ':root{--a:3}');
    await rename(`${css}.tmp`, css);
    await writeFile(path.join(builtin, 'default', 'theme.css'), ':root{--b:1}');
    await waitFor('two more changes', () => changes.length === 3);
    expect(changes.sort()).toEqual(['default', 'neon', 'neon']);
  });
});
