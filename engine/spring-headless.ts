// Runs one spring-headless game to its end (the scenario quits a moment after game over). Its
// console comes line by line (through stdbuf: the engine's stdout is block-buffered into a pipe),
// so a test can act on what the widget says mid-game. ~2 GB of memory per run: one at a time.
//
//   const game = startSpringHeadless(run);
//   await game.waitForLine(/\[livedata\] CONNECTING -> RECONNECTING/);
//   const { code, ms, infolog } = await game.done;
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SPRING_HEADLESS, type EngineRun } from './test-game.ts';

export interface EngineResult {
  code: number | null;
  /** Wall time of the run. */
  ms: number;
  infolog: string;
}

export interface EngineGame {
  done: Promise<EngineResult>;
  /** Resolves with the first console line matching, once the engine printed it. */
  waitForLine(pattern: RegExp): Promise<string>;
}

export function startSpringHeadless(run: EngineRun, timeoutMs = 120_000): EngineGame {
  const started = Date.now();
  // HOME in the write dir: the engine's downloader keeps its own folder under ~/.spring.
  const child = spawn('stdbuf', ['-oL', SPRING_HEADLESS, ...run.args], {
    env: { ...process.env, HOME: run.writeDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const infolog = (): string => (existsSync(run.infolog) ? readFileSync(run.infolog, 'utf8') : '');
  const done = new Promise<EngineResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `spring-headless did not end in ${timeoutMs} ms; it printed:\n${lines.slice(-60).join('\n')}`,
        ),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - started, infolog: infolog() });
    });
  });
  return {
    done,
    waitForLine(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return Promise.race([
        new Promise<string>((resolve) => waiters.push({ pattern, resolve })),
        done.then((): never => {
          throw new Error(`spring-headless ended without printing ${pattern}`);
        }),
      ]);
    },
  };
}
