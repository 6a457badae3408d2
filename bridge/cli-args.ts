// Command-line flags → what to run. Pure (no I/O) so every bad flag or value can be tested; each
// error names the flag. cli.ts does the checks that need the file system.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEMO_SHAPES, type DemoShape } from './demo/roster.ts';
import { LOG_LEVELS, type LogLevel } from './logger.ts';
import { DEFAULT_MAX_FRAME } from './frame-decoder.ts';
import { MAX_DELAY_S, parseDelaySeconds } from '../protocol/delay.ts';

export class UsageError extends Error {}

export interface RunArgs {
  host: string;
  tcpPort: number;
  httpPort: number;
  maxFrame: number;
  token: string | null;
  demo: { shape: DemoShape; seed: number | undefined; speed: number } | null;
  record: string | null;
  replay: { file: string; speed: number; loop: boolean } | null;
  themesDir: string | null;
  dataDir: string | null;
  logLevel: LogLevel;
  /** Open the home page in the default browser once ready (what the download's launcher does). */
  open: boolean;
  /** Bridge-wide data delay in seconds. */
  delay: number;
  /** OBS WebSocket URL (obs-websocket 5) for scene automation, or null. */
  obs: string | null;
  /** Its password (--obs-password, else the environment's BAR_LIVEDATA_OBS_PASSWORD), or null. */
  obsPassword: string | null;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'install-widget'; args: string[] }
  | { kind: 'run'; args: RunArgs };

const FLAGS = {
  'tcp-port': { type: 'string' },
  'http-port': { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'max-frame': { type: 'string' },
  demo: { type: 'boolean' },
  'demo-shape': { type: 'string' },
  seed: { type: 'string' },
  record: { type: 'string' },
  replay: { type: 'string' },
  speed: { type: 'string' },
  loop: { type: 'boolean' },
  'themes-dir': { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
  open: { type: 'boolean' },
  delay: { type: 'string' },
  obs: { type: 'string' },
  'obs-password': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];
type Flag = keyof typeof FLAGS;

export const USAGE = `Usage: bar-livedata [flags]
       bar-livedata install-widget [BAR data folder]

Relays live Beyond All Reason game data from the widget to OBS overlays.

Flags:
  --tcp-port N         widget TCP port (default 9876)
  --http-port N        overlay HTTP and WebSocket port (default 9877)
  --host ADDRESS       address to listen on (default 127.0.0.1); any other needs --token
  --token SECRET       secret for writes, the control page and WebSockets (12+ characters);
                       with a non-loopback --host one is generated and printed when not given
  --max-frame BYTES    largest widget frame accepted, e.g. 1048576 or 2MiB (default 1MiB)
  --demo               play generated BAR games while no real game is connected
  --demo-shape SHAPE   1v1, 2v2, 4v4, 8v8 or ffa16 (default 8v8)
  --seed N             demo seed: the same seed plays the same games (default random)
  --record FILE        append every valid widget message to FILE (JSON lines)
  --replay FILE        play a recording back as if the game were live
  --speed X            demo or replay speed (default 1; 4 plays four times as fast)
  --loop               start the replay over when it ends
  --themes-dir DIR     your own themes, used before the built-in ones and watched for edits
  --data-dir DIR       where match data and logos are kept (default: your app data folder)
  --log-level LEVEL    error, warn, info or debug (default info)
  --open               open the bridge's page in the default browser once it is ready
  --delay SECONDS      hold all game data that long before anything leaves the bridge
                       (0 to 600, e.g. 120 for a 2-minute stream delay; default 0)
  --obs URL            switch OBS scenes on game events: obs-websocket address,
                       e.g. ws://127.0.0.1:4455 (the scenes are set on the control page)
  --obs-password PASS  its password (or set BAR_LIVEDATA_OBS_PASSWORD, or the control page)
  -h, --help           show this help
  --version            show the version

Open the overlay URL it prints for the list of OBS browser-source URLs.`;

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag} ${text}: must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function bytes(flag: string, text: string): number {
  const match = /^(\d+)\s*(k|kib|m|mib)?$/i.exec(text);
  const unit = match?.[2]?.toLowerCase() ?? '';
  const value = match
    ? Number(match[1]) * (unit.startsWith('m') ? 1024 ** 2 : unit ? 1024 : 1)
    : NaN;
  // The widget never builds a frame of 16 MiB or more (its numbers are 32-bit floats).
  if (!(value >= 1024 && value < 16 * 1024 ** 2)) {
    throw new UsageError(`--${flag} ${text}: must be from 1024 bytes to just under 16MiB`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} ${text}: must be one of ${allowed.join(', ')}`);
  }
  return text as T;
}

function speed(text: string): number {
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && value <= 1000)) {
    throw new UsageError(`--speed ${text}: must be a number above 0, at most 1000`);
  }
  return value;
}

function delaySeconds(text: string): number {
  const seconds = parseDelaySeconds(text);
  if (seconds === null) {
    throw new UsageError(`--delay ${text}: must be a number of seconds from 0 to ${MAX_DELAY_S}`);
  }
  return seconds;
}

function obsUrl(text: string): string {
  if (!/^wss?:\/\/[^\s/]+(\/\S*)?$/.test(text)) {
    throw new UsageError(`--obs ${text}: must be a WebSocket address such as ws://127.0.0.1:4455`);
  }
  return text;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`--${flag} must not be empty`);
  return text;
}

/** The flag named in one of parseArgs's errors, e.g. `--tcp-port` from "Option '--tcp-port <value>' argument missing". */
function flagIn(error: Error): string {
  return /'(-[^' =]*)/.exec(error.message)?.[1] ?? '';
}

/** parseArgs with every flag, its errors as one-line UsageErrors naming the flag. */
function parseStrict(args: string[]) {
  try {
    return parseArgs({
      args,
      options: FLAGS,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    const flag = flagIn(error as Error);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag ${flag}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const takesNone = (error as Error).message.includes('does not take');
      throw new UsageError(`${flag} ${takesNone ? 'takes no value' : 'needs a value'}`);
    }
    throw error;
  }
}

/** Splits argv into flag values; rejects unknown, repeated and value-less flags. */
function scan(argv: string[]): {
  values: Partial<Record<Flag, string | true>>;
  positionals: string[];
} {
  // parseArgs (strict) takes "--seed -1" for a forgotten value; passed as "--seed=-1" the number
  // reaches its own check, whose message says what is wrong with it.
  const args: string[] = [];
  for (const arg of argv) {
    const flag = args.at(-1)?.startsWith('--') ? args.at(-1)!.slice(2) : '';
    const takesValue = Object.hasOwn(FLAGS, flag) && FLAGS[flag as Flag].type === 'string';
    if (takesValue && /^-[^-]/.test(arg)) args[args.length - 1] = `--${flag}=${arg}`;
    else args.push(arg);
  }
  const parsed = parseStrict(args);
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    // "--" would end the flags; the bridge takes no arguments after it.
    if (token.kind === 'option-terminator') throw new UsageError('unknown flag --');
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} given twice`);
    seen.add(token.name);
  }
  return {
    values: parsed.values as Partial<Record<Flag, string | true>>,
    positionals: parsed.positionals,
  };
}

export function parseCli(argv: string[], env: Record<string, string | undefined> = {}): Command {
  if (argv[0] === 'install-widget') return { kind: 'install-widget', args: argv.slice(1) };
  const { values: v, positionals } = scan(argv);
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const text = (flag: Flag): string | undefined =>
    typeof v[flag] === 'string' ? v[flag] : undefined;
  /** The flag's parsed value, or the default when it was not given. */
  const opt = <T>(flag: Flag, parse: (text: string) => T, fallback: T): T => {
    const given = text(flag);
    return given === undefined ? fallback : parse(given);
  };
  const stringFlag = (flag: Flag): string | null => opt(flag, (t) => nonEmpty(flag, t), null);

  const demo = v.demo === true;
  const replayFile = stringFlag('replay');
  if (demo && replayFile !== null)
    throw new UsageError('--demo and --replay cannot be used together');
  for (const flag of ['demo-shape', 'seed'] as const) {
    if (v[flag] !== undefined && !demo) throw new UsageError(`--${flag} needs --demo`);
  }
  if (v.loop && replayFile === null) throw new UsageError('--loop needs --replay');
  if (v.speed !== undefined && !demo && replayFile === null) {
    throw new UsageError('--speed needs --demo or --replay');
  }
  const pace = opt('speed', speed, 1);
  const obs = opt('obs', obsUrl, null);
  if (v['obs-password'] !== undefined && obs === null) {
    throw new UsageError('--obs-password needs --obs');
  }

  return {
    kind: 'run',
    args: {
      host: opt('host', (t) => nonEmpty('host', t), '127.0.0.1'),
      tcpPort: opt('tcp-port', (t) => integer('tcp-port', t, 0, 65535), 9876),
      httpPort: opt('http-port', (t) => integer('http-port', t, 0, 65535), 9877),
      maxFrame: opt('max-frame', (t) => bytes('max-frame', t), DEFAULT_MAX_FRAME),
      token: stringFlag('token'),
      demo: demo
        ? {
            shape: opt(
              'demo-shape',
              (t) => oneOf('demo-shape', t, DEMO_SHAPES),
              '8v8' as DemoShape,
            ),
            seed: opt(
              'seed',
              (t): number | undefined => integer('seed', t, 0, 2 ** 32 - 1),
              undefined,
            ),
            speed: pace,
          }
        : null,
      record: stringFlag('record'),
      replay: replayFile === null ? null : { file: replayFile, speed: pace, loop: v.loop === true },
      themesDir: stringFlag('themes-dir'),
      dataDir: stringFlag('data-dir'),
      logLevel: opt('log-level', (t) => oneOf('log-level', t, LOG_LEVELS), 'info' as LogLevel),
      open: v.open === true,
      delay: opt('delay', delaySeconds, 0),
      obs,
      obsPassword: text('obs-password') ?? (env.BAR_LIVEDATA_OBS_PASSWORD || null),
    },
  };
}
