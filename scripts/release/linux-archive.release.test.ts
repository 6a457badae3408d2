// The Linux download as a caster uses it: unpacked alone into an empty folder, run with a PATH
// that has no Node.js, no repository and no node_modules around it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chmod, mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../test-support/browsers.ts';
import {
  runBridgeCommand,
  startBridgeProcess,
  type BridgeProcess,
  type SpawnOptions,
} from '../../test-support/bridge-process.ts';
import type { BridgeStatus } from '../../protocol/types.ts';
import { nodelessPath, run, since, unpack } from './release-testing.ts';

const release = inject('release');
let root: string;
let home: string;
let command: SpawnOptions['command'];
let env: NodeJS.ProcessEnv;
let extraBin: string;

/** Every file under the program folder, to show that running it wrote nothing there. */
async function programFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.sort();
}

beforeAll(async () => {
  const started = performance.now();
  root = await unpack(release.archives['linux-x64']);
  console.log(
    `linux-x64: ${(release.sizes['linux-x64'] / 1024 ** 2).toFixed(2)} MB, unpacked in ${since(started)}`,
  );
  home = await mkdtemp(path.join(tmpdir(), 'bar-livedata-home-'));
  const pathDirs = await nodelessPath();
  extraBin = pathDirs.extra;
  env = { PATH: pathDirs.path, HOME: home, LANG: 'C.UTF-8' };
  command = { file: path.join(root, 'bar-livedata'), cwd: root };
});

describe('the Linux archive', () => {
  it('is unpacked where no Node.js is on PATH', async () => {
    await expect(run('sh', ['-c', 'command -v node'], { env })).rejects.toThrow();
    expect(existsSync(path.join(root, '..', 'node_modules'))).toBe(false);
  });

  it('prints its version and the commit it was built from', async () => {
    const { code, stdout } = await runBridgeCommand(['--version'], env, command);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `bar-livedata ${release.version} (commit ${release.commit.slice(0, 12)})\n`,
    );
  });

  describe('running the demo', () => {
    let bridge: BridgeProcess;
    let browser: Browser;
    let before: string[];

    beforeAll(async () => {
      before = await programFiles();
      const started = performance.now();
      bridge = await startBridgeProcess(['--demo', '--speed', '4'], { env, command });
      console.log(`linux-x64: --demo ready ${since(started)} after start`);
      browser = await launchBrowser('chromium-103');
    });

    afterAll(async () => {
      await browser?.close();
      expect(await bridge?.stop()).toBe(0);
    });

    it('answers /status with its version and commit', async () => {
      const status = (await (await fetch(`${bridge.httpUrl}status`)).json()) as BridgeStatus;
      expect(status.build).toEqual({ version: release.version, commit: release.commit });
      const home = await (await fetch(bridge.httpUrl)).text();
      expect(home).toContain(`Version ${release.version} (commit ${release.commit.slice(0, 12)})`);
    });

    it('shows the caster’s team names in Chromium 103 without a console error', async () => {
      for (const [team, name] of [
        [0, 'Blue Wolves'],
        [1, 'Red Foxes'],
      ] as const) {
        const res = await fetch(`${bridge.httpUrl}api/teams/${team}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        expect(res.status).toBe(200);
      }
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${bridge.httpUrl}overlay/`);
      // A string: it runs in the page, which this file's types do not describe.
      await page.waitForFunction(
        `['Blue Wolves', 'Red Foxes'].every((n) => document.body.innerText.includes(n))`,
        undefined,
        { timeout: 20_000 },
      );
      expect(errors).toEqual([]);
    });

    it('keeps its data in the per-user folder and writes nothing into the program folder', async () => {
      // The team names set above were saved there.
      const saved = await readFile(
        path.join(home, '.local', 'share', 'bar-livedata', 'match.json'),
        'utf8',
      );
      expect(saved).toContain('"Blue Wolves"');
      expect(await programFiles()).toEqual(before);
    });

    it('refuses a port already in use with one line and exit 1', async () => {
      const { code, stdout, stderr } = await runBridgeCommand(
        ['--tcp-port', '0', '--http-port', String(bridge.httpPort)],
        env,
        command,
      );
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `bar-livedata: --http-port ${bridge.httpPort}: 127.0.0.1:${bridge.httpPort} is already in use (another bridge running?)\n`,
      );
    });
  });

  it('keeps its data in data/ beside a portable marker', async () => {
    await writeFile(path.join(root, 'portable'), '');
    try {
      const bridge = await startBridgeProcess([], { env, command });
      const res = await fetch(`${bridge.httpUrl}api/match`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tournament: 'USB Cup' }),
      });
      expect(res.status).toBe(200);
      expect(await bridge.stop()).toBe(0);
      expect(await readFile(path.join(root, 'data', 'match.json'), 'utf8')).toContain('"USB Cup"');
    } finally {
      await run('rm', ['-rf', path.join(root, 'portable'), path.join(root, 'data')]);
    }
  });

  it('opens its page in the default browser with --open', async () => {
    // The desktop's browser cannot run here: a stand-in xdg-open records the URL it was given.
    const opened = path.join(home, 'opened.txt');
    const xdgOpen = path.join(extraBin, 'xdg-open');
    await writeFile(xdgOpen, `#!/bin/sh\necho "$@" > ${opened}\n`);
    await chmod(xdgOpen, 0o755);
    const bridge = await startBridgeProcess(['--open'], { env, command });
    await expect
      .poll(() => readFile(opened, 'utf8').catch(() => ''), { timeout: 10_000 })
      .toBe(`${bridge.httpUrl}\n`);
    expect(await bridge.stop()).toBe(0);
  });

  it('install-widget copies the widget into a BAR data folder', async () => {
    const bar = await mkdtemp(path.join(tmpdir(), 'bar-data-'));
    await writeFile(path.join(bar, 'springsettings.cfg'), '');
    const { code, stdout } = await runBridgeCommand(['install-widget', bar], env, command);
    expect(code).toBe(0);
    const installed = path.join(bar, 'LuaUI', 'Widgets', 'api_livedata_export.lua');
    expect(stdout).toContain(`Installed Live Data Export: ${installed}`);
    const shipped = await readFile(
      new URL('../../widget/api_livedata_export.lua', import.meta.url),
    );
    expect((await readFile(installed)).equals(shipped)).toBe(true);
    const empty = await mkdtemp(path.join(tmpdir(), 'not-bar-'));
    await mkdir(path.join(empty, 'x'));
    expect((await runBridgeCommand(['install-widget', empty], env, command)).code).toBe(1);
  });
});
