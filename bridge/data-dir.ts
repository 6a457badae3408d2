// Where the bridge keeps what it must remember (match data, uploaded logos) unless --data-dir says
// otherwise: the per-user application data folder of each platform.
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
