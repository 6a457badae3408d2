// The Windows download under wine64 (Debian's, from setup:test): node.exe from the unpacked zip
// runs the bridge and Linux reaches its pages on 127.0.0.1; the .cmd launchers run under wine's
// cmd; install-widget finds BAR where the Windows installer puts it inside the wine prefix.
// Under this wine, node.exe's stdout and stderr only work redirected to files.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import type { BridgeStatus } from '../../protocol/types.ts';
import { WIDGET_FILE } from '../../bridge/install-widget.ts';
import { run, since, unpack } from './release-testing.ts';

const WINE = '/usr/lib/wine/wine64';
const WINESERVER = '/usr/lib/wine/wineserver64';
const READY = /bar-livedata ready: widget tcp \S+:(\d+), overlay (http:\/\/\S+\/)/;
const release = inject('release');
let root: string;
let prefix: string;
let env: NodeJS.ProcessEnv;
let logs: string;

/** Where the prefix keeps the Windows user's folders (C:\users\NAME). */
const userDir = (): string => path.join(prefix, 'drive_c', 'users', userInfo().username);

/** Starts a Windows program under wine with stdout and stderr in files; `done` is its exit code. */
function wine(
  args: string[],
  name: string,
): { child: ChildProcess; out: string; err: string; done: Promise<number | null> } {
  const out = path.join(logs, `${name}.out`);
  const err = path.join(logs, `${name}.err`);
  const [o, e] = [openSync(out, 'w'), openSync(err, 'w')];
  const child = spawn(WINE, args, { cwd: root, env, stdio: ['ignore', o, e] });
  closeSync(o);
  closeSync(e);
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, err, done };
}

async function wineRun(
  args: string[],
  name: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const started = wine(args, name);
  const code = await started.done;
  return {
    code,
    stdout: await readFile(started.out, 'utf8'),
    stderr: await readFile(started.err, 'utf8'),
  };
}

const NODE = ['app\\node.exe', 'app\\bin\\bar-livedata.js'];

/** Runs a wine tool to its end with no pipes: the services it leaves to the wineserver would hold
 * them open, and a pipe reader would wait for those too. */
async function quietly(file: string, args: string[]): Promise<void> {
  const child = spawn(file, args, { env, stdio: 'ignore' });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited with ${String(code)}`);
}

/** Keeps the prefix's wineserver up until `wineserver -k`. */
const persistentWineserver = (): Promise<void> => quietly(WINESERVER, ['-p']);

beforeAll(async () => {
  root = await unpack(release.archives['win-x64']);
  console.log(`win-x64: ${(release.sizes['win-x64'] / 1024 ** 2).toFixed(2)} MB`);
  prefix = await mkdtemp(path.join(tmpdir(), 'bar-livedata-wine-'));
  logs = await mkdtemp(path.join(tmpdir(), 'bar-livedata-wine-logs-'));
  // Wine hands a URL a Windows program opens to the desktop's xdg-open: a stand-in records it
  // instead of starting a browser here.
  const fakeBin = await mkdtemp(path.join(tmpdir(), 'bar-livedata-wine-bin-'));
  const opener = `#!/bin/sh\necho "$@" > ${path.join(logs, 'opened.txt')}\n`;
  await writeFile(path.join(fakeBin, 'xdg-open'), opener, { mode: 0o755 });
  // No Mono or Gecko install prompts, no menu entries; no wine debug noise in the captured output.
  env = {
    ...process.env,
    PATH: `${fakeBin}:${process.env.PATH}`,
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=,winemenubuilder.exe=d',
  };
  // One wineserver for the whole file: each wine start then takes about a second, not several.
  await persistentWineserver();
  let started = performance.now();
  await quietly(WINE, ['wineboot', '-i']);
  console.log(`win-x64: fresh wine prefix in ${since(started)}`);
  started = performance.now();
  // Node 22 refuses Windows older than 8.1; wine's prefix starts as Windows 7.
  await quietly(WINE, ['winecfg', '-v', 'win10']);
  console.log(`win-x64: prefix set to Windows 10 in ${since(started)}`);
}, 300_000);

afterAll(async () => {
  if (env) await run(WINESERVER, ['-k'], { env }).catch(() => undefined);
});

describe('the Windows archive under wine', () => {
  it('holds what a caster double-clicks', async () => {
    expect((await readdir(root)).sort()).toEqual([
      'README.txt',
      'app',
      'bar-livedata.cmd',
      'install-widget.cmd',
    ]);
    const cmd = await readFile(path.join(root, 'bar-livedata.cmd'), 'utf8');
    expect(cmd).toContain('\r\n');
    expect(cmd.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('bar-livedata.cmd runs the bundled node.exe: --version shows version and commit', async () => {
    const { code, stdout } = await wineRun(
      ['cmd', '/c', 'bar-livedata.cmd', '--version'],
      'version',
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      `bar-livedata ${release.version} (commit ${release.commit.slice(0, 12)})`,
    );
  });

  describe('node.exe running the demo', () => {
    let bridge: ReturnType<typeof wine>;
    let httpUrl: string;
    let before: string[];

    beforeAll(async () => {
      before = (await readdir(root, { recursive: true })).sort();
      const started = performance.now();
      bridge = wine([...NODE, '--demo', '--tcp-port', '0', '--http-port', '0'], 'demo');
      const ready = await waitForLine(bridge.out, READY, bridge.done);
      httpUrl = ready[2]!;
      console.log(`win-x64: --demo ready ${since(started)} after start under wine`);
    }, 120_000);

    afterAll(async () => {
      bridge?.child.kill('SIGTERM');
      await bridge?.done;
    });

    it('serves /status and /overlay/ to Linux', async () => {
      const status = (await (await fetch(`${httpUrl}status`)).json()) as BridgeStatus;
      expect(status.build).toEqual({ version: release.version, commit: release.commit });
      const overlay = await fetch(`${httpUrl}overlay/`);
      expect(overlay.status).toBe(200);
      expect(await overlay.text()).toContain('<script type="module"');
    });

    it('keeps the match data in %APPDATA%\\bar-livedata, nothing in the program folder', async () => {
      const res = await fetch(`${httpUrl}api/teams/0`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Blue Wolves' }),
      });
      expect(res.status).toBe(200);
      const saved = path.join(userDir(), 'AppData', 'Roaming', 'bar-livedata', 'match.json');
      expect(await readFile(saved, 'utf8')).toContain('"Blue Wolves"');
      expect((await readdir(root, { recursive: true })).sort()).toEqual(before);
    });

    it('says in one line that a port is taken, and exits 1', async () => {
      const port = new URL(httpUrl).port;
      const { code, stderr } = await wineRun(
        [...NODE, '--tcp-port', '0', '--http-port', port],
        'taken',
      );
      expect(code).toBe(1);
      expect(stderr).toBe(
        `bar-livedata: --http-port ${port}: 127.0.0.1:${port} is already in use (another bridge running?)\n`,
      );
    });
  });

  it('bar-livedata.cmd starts the bridge and opens its page in the default browser', async () => {
    const started = performance.now();
    const launched = wine(['cmd', '/c', 'bar-livedata.cmd', '--tcp-port', '0', '--http-port', '0'], 'launcher');
    const [, , httpUrl] = await waitForLine(launched.out, READY, launched.done);
    const opened = path.join(logs, 'opened.txt');
    await expect.poll(() => readFile(opened, 'utf8').catch(() => ''), { timeout: 30_000 }).toBe(`${httpUrl}\n`);
    console.log(`win-x64: bar-livedata.cmd ready and browser asked to open in ${since(started)}`);
    expect((await fetch(`${httpUrl!}status`)).status).toBe(200);
    // cmd and node.exe are two wine processes: end both, then bring back the one wineserver.
    await run(WINESERVER, ['-k'], { env });
    await launched.done;
    await persistentWineserver();
  });

  describe('install-widget', () => {
    it('finds BAR in %LOCALAPPDATA%\\Programs\\Beyond-All-Reason\\data (install-widget.cmd)', async () => {
      const data = path.join(
        userDir(),
        'AppData',
        'Local',
        'Programs',
        'Beyond-All-Reason',
        'data',
      );
      await mkdir(data, { recursive: true });
      await writeFile(path.join(data, 'springsettings.cfg'), '');
      const { code, stdout } = await wineRun(
        ['cmd', '/c', 'install-widget.cmd'],
        'install-default',
      );
      expect(stdout).toContain('Installed Live Data Export: C:\\users\\');
      expect(code).toBe(0);
      const installed = await readFile(path.join(data, 'LuaUI', 'Widgets', WIDGET_FILE));
      expect(installed.equals(await readFile(path.join(root, 'app', 'widget', WIDGET_FILE)))).toBe(
        true,
      );
    });

    it('takes a folder on another drive, as the README shows (D:\\Games\\Beyond-All-Reason\\data)', async () => {
      const drive = await mkdtemp(path.join(tmpdir(), 'bar-livedata-drive-d-'));
      await symlink(drive, path.join(prefix, 'dosdevices', 'd:'));
      const data = path.join(drive, 'Games', 'Beyond-All-Reason', 'data');
      await mkdir(path.join(data, 'games'), { recursive: true });
      const { code } = await wineRun(
        [...NODE, 'install-widget', 'D:\\Games\\Beyond-All-Reason\\data'],
        'install-d',
      );
      expect(code).toBe(0);
      expect(existsSync(path.join(data, 'LuaUI', 'Widgets', WIDGET_FILE))).toBe(true);
    });
  });
});

/** Polls a log file until `pattern` shows, or fails with the file's text when the program exits. */
async function waitForLine(
  file: string,
  pattern: RegExp,
  exited: Promise<number | null>,
): Promise<RegExpExecArray> {
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  for (;;) {
    const text = await readFile(file, 'utf8');
    const match = pattern.exec(text);
    if (match) return match;
    if (code !== undefined) throw new Error(`exited with ${code} before it was ready:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
