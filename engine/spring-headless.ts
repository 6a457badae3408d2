// Runs one spring-headless game to its end (the scenario quits a moment after game over) and
// returns its infolog. ~2 GB of memory per run: the lane runs one at a time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { SPRING_HEADLESS, type EngineRun } from './test-game.ts';

export interface EngineResult {
  code: number | null;
  /** Wall time of the run. */
  ms: number;
  infolog: string;
}

export function runSpringHeadless(run: EngineRun, timeoutMs = 120_000): Promise<EngineResult> {
  const started = Date.now();
  // HOME in the write dir: the engine's downloader keeps its own folder under ~/.spring.
  const child = spawn(SPRING_HEADLESS, run.args, {
    env: { ...process.env, HOME: run.writeDir },
    stdio: 'ignore',
  });
  const infolog = (): string => (existsSync(run.infolog) ? readFileSync(run.infolog, 'utf8') : '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `spring-headless did not end in ${timeoutMs} ms; infolog ends:\n${infolog().slice(-4000)}`,
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
}
