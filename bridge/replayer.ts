// `--replay FILE [--speed X] [--loop]`: plays a recording (recorder.ts format) back to the bridge's
// own intake over TCP, one connection (a LoopbackFeed) per recorded source, with the recorded
// spacing divided by speed. Gaps longer than maxGapMs (between two recording sessions appended to
// one file) are shortened, well below the intake's 10 s stale limit. A line that is cut short or
// not a record is reported by line number and skipped. Each pass of a looped replay opens new
// connections, so the overlays follow it as a new game.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoopbackSource } from './loopback-source.ts';
import { LoopbackFeed } from './loopback-feed.ts';
import { validateWidgetMessage } from '../protocol/validate.ts';
import type { Logger } from './logger.ts';
import type { Counters } from './counters.ts';
import type { WidgetMessage } from '../protocol/types.ts';

export interface ReplayOptions {
  file: string;
  speed: number;
  loop: boolean;
  /** Opens one widget-side connection to the bridge's intake. */
  connect(): Promise<LoopbackSource>;
  logger: Logger;
  counters: Counters;
  /** Longest silence on a connection while the next message is due: below the stale limit. */
  keepAliveMs: number;
  /** Longest recorded gap played (default 3 s), before the speed divides it. */
  maxGapMs?: number;
  /** Pause between two passes of a looped replay. */
  loopPauseMs?: number;
}

export interface Replay {
  /** Resolves when the replay has played out (never for --loop until close()). */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

interface ReplayRecord {
  at: number;
  source: string;
  message: WidgetMessage;
}

/** One line → a record, or the reason it is not one. */
export function parseRecordLine(line: string): ReplayRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not JSON (${(error as Error).message}), maybe cut short`;
  }
  if (typeof value !== 'object' || value === null) return 'not a record object';
  const { at, source, message } = value as { at?: unknown; source?: unknown; message?: unknown };
  if (typeof at !== 'number' || !Number.isFinite(at)) return 'no numeric "at"';
  const checked = validateWidgetMessage(message);
  if (!checked.ok) return `invalid message: ${checked.error}`;
  return { at, source: typeof source === 'string' ? source : 'replay', message: checked.value };
}

export function startReplay(options: ReplayOptions): Replay {
  const { file, logger, counters } = options;
  const maxGapMs = options.maxGapMs ?? 3_000;
  const abort = new AbortController();
  const feeds = new Map<string, LoopbackFeed>();

  const closeConnections = async (): Promise<void> => {
    await Promise.all([...feeds.values()].map((feed) => feed.close()));
  };

  const feed = (source: string): LoopbackFeed => {
    let found = feeds.get(source);
    if (!found) {
      found = new LoopbackFeed(options.connect, options.keepAliveMs);
      feeds.set(source, found);
    }
    return found;
  };

  /** One pass over the file; returns how many messages it sent. */
  const playOnce = async (): Promise<number> => {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let lineNumber = 0;
    let sent = 0;
    let lastAt: number | null = null;
    let due = performance.now();
    try {
      for await (const line of lines) {
        lineNumber += 1;
        if (abort.signal.aborted) break;
        if (line.trim() === '') continue;
        const record = parseRecordLine(line);
        if (typeof record === 'string') {
          counters.inc('replay_lines_skipped');
          logger.warn(`replay ${file}:${lineNumber}: ${record}; line skipped`);
          continue;
        }
        if (lastAt !== null) {
          due += Math.min(Math.max(record.at - lastAt, 0), maxGapMs) / options.speed;
          const wait = due - performance.now();
          if (wait > 0) await feed(record.source).wait(wait, abort.signal);
        }
        lastAt = record.at;
        await feed(record.source).send(record.message);
        sent += 1;
      }
    } finally {
      lines.close();
      await closeConnections();
    }
    return sent;
  };

  const run = async (): Promise<void> => {
    logger.info(`replaying ${file} at ${options.speed}x${options.loop ? ', looped' : ''}`);
    for (;;) {
      const sent = await playOnce();
      if (sent === 0) {
        logger.error(`replay ${file}: no valid messages in the file`);
        return;
      }
      if (!options.loop || abort.signal.aborted) break;
      await sleep(options.loopPauseMs ?? 3_000, undefined, { signal: abort.signal });
    }
    logger.info(`replay ${file} finished`);
  };

  const done = run().catch((error: unknown) => {
    if (abort.signal.aborted) return;
    logger.error(`replay ${file}: ${(error as Error).message}`);
  });

  return {
    done,
    async close() {
      abort.abort();
      await done;
      await closeConnections();
    },
  };
}
