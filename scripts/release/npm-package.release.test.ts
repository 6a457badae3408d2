// The npm package: `npm install ./bar-livedata-VERSION.tgz` into an empty folder brings only the
// runtime dependencies, and `npx bar-livedata --demo` runs there on the machine's Node.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridgeProcess } from '../../test-support/bridge-process.ts';
import type { BridgeStatus } from '../../protocol/types.ts';
import { run, since } from './release-testing.ts';

const release = inject('release');
let dir: string;

beforeAll(async () => {
  console.log(`npm: ${(release.sizes.npm / 1024 ** 2).toFixed(2)} MB`);
  dir = await mkdtemp(path.join(tmpdir(), 'bar-livedata-npm-'));
  const started = performance.now();
  await run(
    'npm',
    ['install', release.archives.npm, '--no-audit', '--no-fund', '--prefer-offline'],
    {
      cwd: dir,
    },
  );
  console.log(`npm: installed in ${since(started)}`);
});

describe('the npm package', () => {
  it('installs the bridge with only its runtime dependencies', async () => {
    const installed = (await readdir(path.join(dir, 'node_modules'))).filter(
      (n) => !n.startsWith('.'),
    );
    // ajv, ws and obs-websocket-js (the scene automation), with what they need.
    expect(installed.sort()).toEqual([
      '@msgpack',
      'ajv',
      'bar-livedata',
      'crypto-js',
      'debug',
      'eventemitter3',
      'fast-deep-equal',
      'fast-uri',
      'isomorphic-ws',
      'json-schema-traverse',
      'ms',
      'obs-websocket-js',
      'require-from-string',
      'type-fest',
      'ws',
    ]);
  });

  it('runs with npx bar-livedata --demo', async () => {
    const started = performance.now();
    const bridge = await startBridgeProcess(['--demo'], {
      command: { file: 'npx', args: ['bar-livedata'], cwd: dir },
      env: {
        PATH: process.env.PATH,
        HOME: await mkdtemp(path.join(tmpdir(), 'bar-livedata-home-')),
      },
    });
    console.log(`npm: npx bar-livedata --demo ready ${since(started)} after start`);
    const status = (await (await fetch(`${bridge.httpUrl}status`)).json()) as BridgeStatus;
    expect(status.build).toEqual({ version: release.version, commit: release.commit });
    expect((await fetch(`${bridge.httpUrl}overlay/`)).status).toBe(200);
    // npm itself dies of the Ctrl-C; the bridge under it closes its ports.
    await bridge.stop();
    await expect
      .poll(() =>
        fetch(`${bridge.httpUrl}status`).then(
          () => 'open',
          () => 'closed',
        ),
      )
      .toBe('closed');
  });
});
