// Every setting a caster can get wrong, checked once, before anything listens or is written: the
// token in force, the themes folder, the replay and record files. Each problem is one line naming
// the flag of that setting; the command only reports it.
import { stat } from 'node:fs/promises';
import { resolveToken } from './auth.ts';
import type { BridgeOptions } from './bridge.ts';
import { themesDirProblem } from './themes.ts';

/** A start-up problem a caster can fix, naming the flag concerned. */
export class BridgeStartError extends Error {
  readonly flag: string;
  /** The value itself is wrong (the command exits 2, as for a bad flag), not what it names. */
  readonly usage: boolean;
  constructor(flag: string, message: string, usage = false) {
    super(message);
    this.flag = flag;
    this.usage = usage;
  }
}

/** The options with what the checks resolved: the address and the token in force. */
export type CheckedOptions = BridgeOptions & { host: string; token: string | null };

type Kind = 'file' | 'dir' | 'other' | null;
const kindOf = (file: string): Promise<Kind> =>
  stat(file).then(
    (info) => (info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other'),
    () => null,
  );

/** True when both name one existing file, however spelt (relative, symlinked, hard-linked). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  return !!x && !!y && x.dev === y.dev && x.ino === y.ino;
}

/** Checks the settings; throws a BridgeStartError for the first problem. */
export async function checkStart(options: BridgeOptions): Promise<CheckedOptions> {
  const host = options.host ?? '127.0.0.1';
  let token: string | null;
  try {
    token = resolveToken(host, options.token).token;
  } catch (error) {
    throw new BridgeStartError('--token', (error as Error).message, true);
  }
  const { replay, record, themesDir } = options;
  if (replay && (await kindOf(replay.file)) !== 'file') {
    throw new BridgeStartError('--replay', `--replay ${replay.file}: no such file`, true);
  }
  if (record && ['dir', 'other'].includes((await kindOf(record)) ?? '')) {
    throw new BridgeStartError('--record', `--record ${record}: is not a file`, true);
  }
  if (themesDir) {
    const problem = await themesDirProblem(themesDir);
    if (problem)
      throw new BridgeStartError('--themes-dir', `--themes-dir ${themesDir}: ${problem}`);
  }
  if (record && replay && (await sameFile(record, replay.file))) {
    throw new BridgeStartError(
      '--record',
      `--record ${record} and --replay ${replay.file} are the same file: the replay would record itself`,
    );
  }
  return { ...options, host, token };
}
