import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBridgeCommand } from '../test-support/bridge-process.ts';
import {
  WIDGET_FILE,
  WIDGET_SOURCE,
  candidateFolders,
  runInstallWidget,
  type InstallContext,
} from './install-widget.ts';

let root: string;
let out: string[];
let err: string[];

function context(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}): InstallContext {
  return { platform, env, out: (l) => out.push(l), err: (l) => err.push(l) };
}

/** A folder laid out like a BAR data folder, with the given markers. */
function barData(dir: string, markers: string[] = ['springsettings.cfg']): string {
  mkdirSync(dir, { recursive: true });
  for (const m of markers) {
    if (m.endsWith('.cfg')) writeFileSync(path.join(dir, m), 'XResolution = 1920\n');
    else mkdirSync(path.join(dir, m), { recursive: true });
  }
  return dir;
}

const widget = readFileSync(WIDGET_SOURCE);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bar-install-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('install-widget', () => {
  it('copies the widget into LuaUI/Widgets of the folder given, creating it, and says what next', async () => {
    const data = barData(path.join(root, 'data'));
    expect(await runInstallWidget([data], context('linux'))).toBe(0);
    const target = path.join(data, 'LuaUI', 'Widgets', WIDGET_FILE);
    expect(readFileSync(target).equals(widget)).toBe(true);
    expect(readdirSync(path.dirname(target))).toEqual([WIDGET_FILE]); // no temp file left
    expect(out[0]).toBe(`Installed Live Data Export: ${target}`);
    expect(out.join('\n')).toContain('/luaui enablewidget Live Data Export');
    expect(out.join('\n')).toContain('F11');
    expect(err).toEqual([]);
  });

  it('accepts each marker of a BAR data folder and keeps the folder case it finds', async () => {
    for (const marker of ['engine', 'games', 'LuaUI']) {
      const data = barData(path.join(root, marker), [marker]);
      expect(await runInstallWidget([data], context('linux'))).toBe(0);
    }
    const lower = barData(path.join(root, 'lower'), ['luaui/widgets']);
    expect(await runInstallWidget([lower], context('linux'))).toBe(0);
    expect(existsSync(path.join(lower, 'luaui', 'widgets', WIDGET_FILE))).toBe(true);
    expect(existsSync(path.join(lower, 'LuaUI'))).toBe(false);
  });

  it('replaces an older copy, and leaves an identical one alone', async () => {
    const data = barData(path.join(root, 'data'), ['LuaUI/Widgets']);
    const target = path.join(data, 'LuaUI', 'Widgets', WIDGET_FILE);
    writeFileSync(target, '-- an old version\n');
    expect(await runInstallWidget([data], context('linux'))).toBe(0);
    expect(readFileSync(target).equals(widget)).toBe(true);
    expect(out[0]).toBe(`Updated Live Data Export: ${target}`);
    out = [];
    expect(await runInstallWidget([data], context('linux'))).toBe(0);
    expect(out[0]).toBe(`Live Data Export is already up to date in ${path.dirname(target)}`);
  });

  it('refuses, with one line and without writing, a folder that is not a BAR data folder', async () => {
    const home = barData(path.join(root, 'home'), ['Documents']);
    expect(await runInstallWidget([home], context('linux'))).toBe(1);
    expect(err).toEqual([
      `bar-livedata: ${home} does not look like a BAR data folder (no springsettings.cfg, engine/, games/ or LuaUI/ in it)`,
    ]);
    expect(readdirSync(home)).toEqual(['Documents']);
    err = [];
    expect(await runInstallWidget([path.join(root, 'nowhere')], context('linux'))).toBe(1);
    expect(err).toEqual([`bar-livedata: ${path.join(root, 'nowhere')} does not exist`]);
    expect(existsSync(path.join(root, 'nowhere'))).toBe(false);
  });

  it('points from the install folder to its data folder', async () => {
    const install = path.join(root, 'Beyond-All-Reason');
    barData(path.join(install, 'data'));
    expect(await runInstallWidget([install], context('win32'))).toBe(1);
    expect(err[0]).toMatch(/; did you mean .*Beyond-All-Reason[/\\]data\?$/);
  });

  it("finds the launcher's data folder on Linux and Windows when none is given", async () => {
    const linux = barData(path.join(root, '.local', 'state', 'Beyond All Reason'));
    expect(await runInstallWidget([], context('linux', { HOME: root }))).toBe(0);
    expect(existsSync(path.join(linux, 'LuaUI', 'Widgets', WIDGET_FILE))).toBe(true);

    const xdg = barData(path.join(root, 'xdg', 'Beyond All Reason'));
    expect(
      await runInstallWidget(
        [],
        context('linux', { HOME: root, XDG_STATE_HOME: path.join(root, 'xdg') }),
      ),
    ).toBe(0);
    expect(existsSync(path.join(xdg, 'LuaUI', 'Widgets', WIDGET_FILE))).toBe(true);

    const local = path.join(root, 'AppData', 'Local');
    const windows = barData(path.join(local, 'Programs', 'Beyond-All-Reason', 'data'), ['engine']);
    expect(await runInstallWidget([], context('win32', { LOCALAPPDATA: local }))).toBe(0);
    expect(existsSync(path.join(windows, 'LuaUI', 'Widgets', WIDGET_FILE))).toBe(true);
  });

  it('says where it looked when it finds nothing', async () => {
    expect(await runInstallWidget([], context('linux', { HOME: root }))).toBe(1);
    expect(err).toEqual([
      `bar-livedata: no BAR data folder found (looked in ${path.join(root, '.local', 'state', 'Beyond All Reason')}); name it: bar-livedata install-widget FOLDER`,
    ]);
    expect(candidateFolders('win32', {})).toEqual([]);
  });

  it('rejects extra arguments and options with the usage', async () => {
    expect(await runInstallWidget(['a', 'b'], context('linux'))).toBe(2);
    expect(await runInstallWidget(['--force'], context('linux'))).toBe(2);
    expect(err).toEqual([
      'bar-livedata: too many arguments; usage: bar-livedata install-widget [BAR data folder]',
      'bar-livedata: unknown option --force; usage: bar-livedata install-widget [BAR data folder]',
    ]);
  });

  it('runs as `bar-livedata install-widget FOLDER`', async () => {
    const data = barData(path.join(root, 'data'));
    const run = await runBridgeCommand(['install-widget', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Installed Live Data Export');
    expect(readFileSync(path.join(data, 'LuaUI', 'Widgets', WIDGET_FILE)).equals(widget)).toBe(
      true,
    );
  });
});
