// Runs the real `bar-livedata` command as a child process, the way a caster does, for tests of the
// CLI and end-to-end tests. Both ports default to 0 (free ports); the ready line tells which.
//
//   const bridge = await startBridgeProcess(['--demo', '--speed', '10']);
//   await fetch(`${bridge.httpUrl}status`);   // bridge.tcpPort, bridge.httpPort too
//   const code = await bridge.stop();         // Ctrl-C (SIGINT), then waits for the exit
//
//   const { code, stdout, stderr } = await runBridgeCommand(['--tcp-port', 'x']);  // short runs
//   const port = await freePort();   // for a bridge started later on --tcp-port port
//
// Unless the flags name one, each started bridge gets a fresh temporary --data-dir, so tests never
// touch the caster's real match data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(top, 'bin', 'bar-livedata.js');
const READY = /^bar-livedata ready: widget tcp (\S+):(\d+), overlay (http:\/\/\S+\/)$/m;

export interface BridgeProcess {
  readonly child: ChildProcess;
  readonly tcpPort: number;
  readonly httpPort: number;
  /** e.g. http://127.0.0.1:40123/ */
  readonly httpUrl: string;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Sends SIGINT and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  /** How long to wait for the ready line (default 30 s). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Node arguments before the flags (default: bin/bar-livedata.js). The relay benchmark runs its
   * bare baseline relay, which prints the same ready line, this way. */
  entry?: string[];
  /** Another program to run, e.g. an unpacked release's ./bar-livedata or npx, with `env` as its
   * whole environment and `cwd` as its folder. It keeps its own data folder unless the flags name
   * one, and runs in a process group of its own: stop() sends Ctrl-C's SIGINT to the whole group,
   * as a terminal does (npx passes it on to nobody otherwise). */
  command?: { file: string; args?: string[]; cwd: string };
}

function spawnCli(flags: string[], options: SpawnOptions = {}): ChildProcess {
  const { command } = options;
  const file = command ? command.file : process.execPath;
  const args = command ? (command.args ?? []) : (options.entry ?? [BIN]);
  return spawn(file, [...args, ...flags], {
    cwd: command ? command.cwd : top,
    env: command ? options.env : { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !!command,
  });
}

export async function startBridgeProcess(
  flags: string[] = [],
  options: SpawnOptions = {},
): Promise<BridgeProcess> {
  const ports = [
    ...(flags.includes('--tcp-port') ? [] : ['--tcp-port', '0']),
    ...(flags.includes('--http-port') ? [] : ['--http-port', '0']),
    ...(flags.includes('--data-dir') || options.entry || options.command
      ? []
      : ['--data-dir', mkdtempSync(path.join(tmpdir(), 'bar-livedata-data-'))]),
  ];
  const child = spawnCli([...ports, ...flags], options);
  const signal = (name: NodeJS.Signals): void => {
    if (options.command) process.kill(-child.pid!, name);
    else child.kill(name);
  };
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`bar-livedata did not get ready in time; stderr:\n${err}`));
    }, options.timeoutMs ?? 30_000);
    const check = (): void => {
      const match = READY.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bar-livedata exited with ${code} before it was ready; stderr:\n${err}`));
    });
  });

  return {
    child,
    tcpPort: Number(ready[2]),
    httpPort: Number(new URL(ready[3]!).port),
    httpUrl: ready[3]!,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) signal('SIGINT');
      return exited;
    },
  };
}

/** A loopback TCP port free right now, for a bridge started later (a widget meets it refused first). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs the command to completion (for --help and flag errors). */
export async function runBridgeCommand(
  args: string[],
  env?: NodeJS.ProcessEnv,
  command?: SpawnOptions['command'],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, { env, command });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) =>
    child.once('close', (c) => resolve(c)),
  );
  return { code, stdout, stderr };
}
