// Shared by the *.release.test.ts files: unpacking a built archive into an empty folder, and a
// PATH with the system's programs but no Node.js, as on a caster's machine.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** Unpacks a .zip or .tar.gz into a new empty folder; returns the archive's one top folder. */
export async function unpack(archive: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bar-livedata-unpacked-'));
  if (archive.endsWith('.zip')) await run('unzip', ['-q', archive, '-d', dir]);
  else await run('tar', ['-xzf', archive, '-C', dir]);
  const entries = await readdir(dir);
  if (entries.length !== 1)
    throw new Error(`${archive} holds ${entries.join(', ')}, not one folder`);
  return path.join(dir, entries[0]!);
}

const NODE_PROGRAMS = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack']);

/**
 * A folder of links to everything in /usr/bin and /bin except Node.js and its tools (Debian puts
 * node in /usr/bin), to use as the whole PATH. Returns it with a folder for extra programs.
 */
export async function nodelessPath(): Promise<{ path: string; extra: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bar-livedata-path-'));
  const links = path.join(dir, 'bin');
  const extra = path.join(dir, 'extra');
  await mkdir(links);
  await mkdir(extra);
  for (const source of ['/usr/bin', '/bin']) {
    for (const name of await readdir(source).catch(() => [])) {
      if (NODE_PROGRAMS.has(name)) continue;
      await symlink(path.join(source, name), path.join(links, name)).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        },
      );
    }
  }
  return { path: `${extra}:${links}`, extra };
}

/** Milliseconds since `started`, as "1234 ms". */
export const since = (started: number): string => `${Math.round(performance.now() - started)} ms`;
