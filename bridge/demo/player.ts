// Plays demo games to the bridge's own widget intake, in real time divided by speed, as a widget
// would: one TCP connection per game, framed JSON. It steps aside while a real game is connected
// (any source whose hello is not the demo's) and starts a fresh game once that game has gone.
// Each game is a LoopbackFeed: a lost connection is reopened with the game's hello, and a slowed
// game keeps its connection fresh.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoopbackSource } from '../loopback-source.ts';
import { LoopbackFeed } from '../loopback-feed.ts';
import { demoGames, type DemoStep } from './game.ts';
import type { DemoShape } from './roster.ts';
import type { Logger } from '../logger.ts';

export interface DemoOptions {
  shape: DemoShape;
  seed: number;
  speed: number;
  /** Opens one widget-side connection to the bridge's intake. */
  connect(): Promise<LoopbackSource>;
  logger: Logger;
  /** True while a real widget (not the demo) is connected with a hello. */
  realGameConnected(): boolean;
  /** Longest silence on the demo's connection: below the intake's stale limit. */
  keepAliveMs: number;
  /** How often to look again whether the real game has gone (ms). */
  yieldPollMs?: number;
}

export interface DemoPlayer {
  close(): Promise<void>;
}

export function startDemo(options: DemoOptions): DemoPlayer {
  const { logger } = options;
  const abort = new AbortController();
  const { signal } = abort;
  let source: LoopbackFeed | null = null;

  const disconnect = async (): Promise<void> => {
    const current = source;
    source = null;
    await current?.close();
  };

  /** Plays one game; returns early (false) when a real game shows up. */
  const play = async (steps: Iterable<DemoStep>): Promise<boolean> => {
    let due = performance.now();
    for (const step of steps) {
      due += step.waitMs / options.speed;
      const wait = due - performance.now();
      if (wait > 0) await (source ? source.wait(wait, signal) : sleep(wait, undefined, { signal }));
      else if (wait < -1000) due = performance.now(); // the process stalled: do not rush to catch up
      if (options.realGameConnected()) return false;
      if (step.kind === 'connect') source = new LoopbackFeed(options.connect, options.keepAliveMs);
      else if (step.kind === 'disconnect') await disconnect();
      else await source?.send(step.message);
    }
    return true;
  };

  const run = async (): Promise<void> => {
    logger.info(
      `demo: playing ${options.shape} games (seed ${options.seed}, speed ${options.speed}x)`,
    );
    for (const game of demoGames(options.seed, options.shape)) {
      if (await play(game)) continue;
      await disconnect();
      logger.info('demo: a real game is connected; the demo waits until it has gone');
      while (options.realGameConnected())
        await sleep(options.yieldPollMs ?? 1_000, undefined, { signal });
      logger.info('demo: the real game has gone; starting a new demo game');
    }
  };

  const done = run().catch((error: unknown) => {
    if (signal.aborted) return;
    logger.error(`demo stopped: ${(error as Error).message}`);
  });

  return {
    async close() {
      abort.abort();
      await done;
      await disconnect();
    },
  };
}
