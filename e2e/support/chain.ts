// The whole chain in one call: the real `bar-livedata` command (recording what it receives) on
// free ports, an overlay page in each given browser, and fake games with the real widget playing
// against it. Everything lives in one temporary folder and stops with close().
//
//   const browser = await launchBrowser('chromium-103');           // test-support/browsers.ts
//   const chain = await startChain({ browsers: [browser] });
//   const game = chain.play({ shape: '2x8', duration: 40, speed: 4 }); // --trace --truth on
//   await waitFor(..., () => readOverlay(chain.pages[0]!));           // overlay-page.ts
//   chain.bridge.child.kill('SIGKILL'); await chain.restartBridge();  // same ports, same data
//   chain.records();  chain.feeds[0].relayed();  await chain.counters();
//   await chain.api('PUT', 'api/match', match);
//   await chain.close();
//
// The browsers belong to the caller (launching one takes a while; a test file shares them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridgeProcess, type BridgeProcess } from '../../test-support/bridge-process.ts';
import {
  startFakeGame,
  type FakeGame,
  type FakeGameOptions,
} from '../../widget/fake-game-process.ts';
import { openOverlay } from './overlay-page.ts';
import { watchFeed, type Feed } from './page-feed.ts';
import { readRecordings, type Recorded } from '../../test-support/records.ts';

export interface ChainOptions {
  /** One overlay page (the full layout) is opened in each (default none). */
  browsers?: Browser[];
}

export interface Chain {
  /** The temporary folder: data/ (match data), record-N.jsonl per bridge run. */
  readonly dir: string;
  /** The running bridge; restartBridge() replaces it. */
  readonly bridge: BridgeProcess;
  /** One overlay page per browser, in the order given. */
  readonly pages: Page[];
  /** What each page received over its WebSocket (page-feed.ts), watched from before it loaded. */
  readonly feeds: Feed[];
  /** The games play() started. */
  readonly games: FakeGame[];
  /** The recording of each bridge run so far. */
  readonly recordings: string[];
  /** Starts the real widget in a fake game against the bridge; defaults: trace and truth lines,
   * half a second of lobby, one second of linger after game over. */
  play(options?: Partial<FakeGameOptions>): FakeGame;
  /** After the caller killed or stopped the bridge: waits for it to exit, then starts a new one on
   * the same ports with the same data folder and a new recording. */
  restartBridge(): Promise<BridgeProcess>;
  /** Every recorded widget message of every bridge run (sources "RUN:ID"). */
  records(): Recorded[];
  /** The bridge's counters (`/status`). */
  counters(): Promise<Record<string, number>>;
  /** A JSON request to the bridge (`route` relative, e.g. 'api/match'); throws unless 2xx. */
  api<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

async function stopBridge(b: BridgeProcess): Promise<void> {
  const { child } = b;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGCONT'); // a test may have stopped it
  const exited = b.stop();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startChain(options: ChainOptions = {}): Promise<Chain> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bar-e2e-'));
  const recordings: string[] = [];
  const games: FakeGame[] = [];
  const pages: Page[] = [];
  const feeds: Feed[] = [];

  const launch = async (ports: string[]): Promise<BridgeProcess> => {
    const record = path.join(dir, `record-${recordings.length}.jsonl`);
    recordings.push(record);
    const flags = ['--data-dir', path.join(dir, 'data'), '--record', record];
    return startBridgeProcess([...flags, '--log-level', 'warn', ...ports]);
  };

  let bridge = await launch([]);
  const chain: Chain = {
    dir,
    get bridge() {
      return bridge;
    },
    pages,
    feeds,
    games,
    recordings,
    play(gameOptions = {}) {
      const game = startFakeGame({
        port: bridge.tcpPort,
        lobby: 0.5,
        linger: 1,
        trace: true,
        truth: true,
        ...gameOptions,
      });
      games.push(game);
      return game;
    },
    async restartBridge() {
      const old = bridge;
      if (old.child.exitCode === null && old.child.signalCode === null) {
        await new Promise((resolve) => old.child.once('exit', resolve));
      }
      bridge = await launch([
        '--tcp-port',
        String(old.tcpPort),
        '--http-port',
        String(old.httpPort),
      ]);
      return bridge;
    },
    records: () => readRecordings(recordings),
    async counters() {
      const status = (await chain.api('GET', 'status')) as { counters: Record<string, number> };
      return status.counters;
    },
    async api<T>(method: string, route: string, body?: unknown): Promise<T> {
      const res = await fetch(new URL(route, bridge.httpUrl), {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} /${route}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    },
    async close() {
      for (const game of games) game.stop();
      await Promise.all(pages.map((p) => p.close().catch(() => {})));
      await stopBridge(bridge);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const browser of options.browsers ?? []) {
      const page = await openOverlay(browser, bridge.httpUrl, {
        beforeLoad: (p) => {
          feeds.push(watchFeed(p));
        },
      });
      pages.push(page);
    }
  } catch (err) {
    await chain.close();
    throw err;
  }
  return chain;
}
