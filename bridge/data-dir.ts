// Where the bridge keeps what it must remember (match data, uploaded logos) unless --data-dir says
// otherwise: the per-user application data folder of each platform.
import { constants, existsSync } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'bar-livedata';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg =
    env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : '';
  return path.posix.join(xdg || path.posix.join(home, '.local', 'share'), APP_NAME);
}

/** The marker file a caster puts in the program folder to keep the data beside the program. */
export const PORTABLE_MARKER = 'portable';

/**
 * The downloaded archive's rule: with a `portable` file in its program folder, the data lives in
 * `data/` there (a USB stick moves with its data); without one, null: the per-user folder is used
 * and nothing is written into the program folder.
 */
export function portableDataDir(programDir: string | null): string | null {
  if (programDir === null || !existsSync(path.join(programDir, PORTABLE_MARKER))) return null;
  return path.join(programDir, 'data');
}

/** The first existing part of `dir`'s path that is not a folder, if any. */
async function fileInPath(dir: string): Promise<string | null> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const info = await stat(at).catch(() => null);
    if (info) return info.isDirectory() ? null : at;
    if (path.dirname(at) === at) return null;
  }
}

/**
 * Creates the data folder when it is missing and checks that it can be written, before anything
 * is stored there. Rejects with the reason in words.
 */
export async function prepareDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new Error(await reason(dir, error as NodeJS.ErrnoException), { cause: error });
  }
}

/** What stopped the data folder, in words. */
async function reason(dir: string, error: NodeJS.ErrnoException): Promise<string> {
  const file = error.code === 'ENOTDIR' || error.code === 'EEXIST' ? await fileInPath(dir) : null;
  if (file) {
    return file === path.resolve(dir)
      ? 'is a file, not a folder'
      : `${file} is a file, not a folder`;
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'not allowed to create or write it';
  if (error.code === 'EROFS') return 'is on a read-only file system';
  return error.message;
}
