// What this bridge is: its version and the commit it was built from (for --version, the home page
// and /status), and, in a downloaded archive, the program folder the caster unpacked. A release
// build writes build-info.json beside package.json; a git checkout asks git for its commit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BridgeStatus } from '../protocol/types.ts';

/** The folder that holds package.json, bridge/, themes/, widget/ and dist/ (here or in a release). */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_INFO_FILE = 'build-info.json';

export type BuildInfo = BridgeStatus['build'];

/** What a release build writes into build-info.json. */
export interface BuildInfoFile {
  commit: string;
  /** True in the Windows and Linux archives, whose program folder is the parent of the app folder. */
  archive: boolean;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** HEAD's full hash in the git checkout at `root`, or null outside one. */
export function gitCommit(root: string): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{40}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

export interface AppIdentity {
  build: BuildInfo;
  /** The archive's top folder (where the launchers sit), null outside an archive. */
  programDir: string | null;
}

let cached: AppIdentity | undefined;

export function appIdentity(root: string = APP_ROOT): AppIdentity {
  if (root === APP_ROOT && cached) return cached;
  const { version } = readJson<{ version: string }>(path.join(root, 'package.json')) ?? {
    version: '0.0.0',
  };
  const file = readJson<BuildInfoFile>(path.join(root, BUILD_INFO_FILE));
  const identity: AppIdentity = {
    build: { version, commit: file ? file.commit : gitCommit(root) },
    programDir: file?.archive ? path.dirname(root) : null,
  };
  if (root === APP_ROOT) cached = identity;
  return identity;
}

/** "0.1.0 (commit 0123456789ab)", or "0.1.0 (commit unknown)" outside git and a release. */
export function describeBuild({ version, commit }: BuildInfo): string {
  return `${version} (commit ${commit ? commit.slice(0, 12) : 'unknown'})`;
}
