// Runs widget/spec/support/play_fake_game.lua (the real widget inside a scripted fake BAR game,
// in real time, over real LuaSocket) as a child process, for tests that need a live game:
//
//   const game = startFakeGame({ port: bridge.tcpPort, shape: '2x8', duration: 40, speed: 4, trace: true });
//   await game.done;                      // exit code; game.lines('queued') etc. while it runs
//
// Every output line is "<kind> <payload>" (see play_fake_game.lua); lines() returns the payloads
// of one kind, parsed for the JSON kinds. `lua: 'float'` runs it under the 32-bit-float Lua the
// engine has (scripts/float-lua/with-float-lua.sh, which builds it on first use).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PLAY_FAKE_GAME = path.join(here, 'spec', 'support', 'play_fake_game.lua');
export const WITH_FLOAT_LUA = path.join(here, '..', 'scripts', 'float-lua', 'with-float-lua.sh');

/** Output kinds whose payload is JSON; the others ("status", "echo", "mem") are text. */
const JSON_KINDS = new Set(['truth', 'queued', 'sent', 'wrote', 'done']);

export interface FakeGameOptions {
  port: number;
  /** Debian's lua5.1 (default) or the engine's 32-bit-float build of it. */
  lua?: 'stock' | 'float';
  /** 1v1, 4v4, 2x8, ffa16 ... */
  shape?: string;
  ai?: number;
  spectators?: number;
  /** Wall seconds before the game starts. */
  lobby?: number;
  /** Game seconds until game over. */
  duration?: number;
  /** Wall seconds after game over before the widget shuts down. */
  linger?: number;
  speed?: number;
  /** [game second, wall seconds] pairs. */
  pauses?: Array<[number, number]>;
  queueSize?: number;
  notable?: number;
  /** The widget's log_level: error, warn, info or debug (what --log prints). */
  logLevel?: string;
  sndbuf?: number;
  truth?: boolean;
  trace?: boolean;
  log?: boolean;
  /** "mem <kb>" lines every game minute. */
  mem?: boolean;
}

export interface FakeGame {
  readonly child: ChildProcess;
  /** Resolves with the exit code when the game has ended and the widget shut down. */
  readonly done: Promise<number | null>;
  /** Payloads of the output lines of one kind, in order. */
  lines(kind: string): unknown[];
  /** Everything written to stderr so far. */
  stderr(): string;
  stop(): void;
}

function flags(o: FakeGameOptions): string[] {
  const args = ['--port', String(o.port)];
  const value = (flag: string, v: string | number | undefined): void => {
    if (v !== undefined) args.push(flag, String(v));
  };
  value('--shape', o.shape);
  value('--ai', o.ai);
  value('--spectators', o.spectators);
  value('--lobby', o.lobby);
  value('--duration', o.duration);
  value('--linger', o.linger);
  value('--speed', o.speed);
  value('--queue-size', o.queueSize);
  value('--notable', o.notable);
  value('--log-level', o.logLevel);
  value('--sndbuf', o.sndbuf);
  for (const [at, wall] of o.pauses ?? []) args.push('--pause-at', `${at}:${wall}`);
  if (o.truth) args.push('--truth');
  if (o.trace) args.push('--trace');
  if (o.log) args.push('--log');
  if (o.mem) args.push('--mem');
  return args;
}

export function startFakeGame(options: FakeGameOptions): FakeGame {
  // with-float-lua.sh ends in exec: the child is the interpreter itself, so signals reach it.
  const command = options.lua === 'float' ? ['bash', WITH_FLOAT_LUA, 'lua5.1'] : ['lua5.1'];
  const child = spawn(command[0]!, [...command.slice(1), PLAY_FAKE_GAME, ...flags(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parsed: Array<{ kind: string; payload: unknown }> = [];
  let pending = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const space = line.indexOf(' ');
      const kind = space < 0 ? line : line.slice(0, space);
      const text = space < 0 ? '' : line.slice(space + 1);
      parsed.push({ kind, payload: JSON_KINDS.has(kind) ? (JSON.parse(text) as unknown) : text });
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const done = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  return {
    child,
    done,
    lines: (kind) => parsed.filter((l) => l.kind === kind).map((l) => l.payload),
    stderr: () => err,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
