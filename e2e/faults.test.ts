// The chain under the faults a broadcast meets, each with the real widget (lua5.1 in the fake
// game), the real `bar-livedata` command and the built overlay in Chromium 103 (OBS 28–30):
// a bridge that crashes and comes back, a bridge that stalls, an overlay page that reloads, and a
// flood of garbage on the widget port. What is lost is checked by `seq` against the widget's own
// trace; what the overlay shows is checked against the fake game's own figures.
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test-support/browsers.ts';
import { clock } from '../test-support/expected-text.ts';
import type { FakeGame } from '../widget/fake-game-process.ts';
import { startChain, type Chain } from './support/chain.ts';
import { readOverlay, type OverlayView } from './support/overlay-page.ts';
import { showsTruth } from './support/overlay-truth.ts';
import type { Truth } from './support/expected.ts';
import {
  auditSeqs,
  byConnection,
  expectConnectionsInOrder,
  queuedEvents,
  recordedEvents,
  type Recorded,
  type Wrote,
} from '../test-support/records.ts';
import { waitFor } from '../test-support/wait.ts';
import { snap } from './support/artifacts.ts';
import { startGarbageFlood } from './support/garbage-flood.ts';
import { wsMessageTap } from './support/ws-tap.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser('chromium-103');
});

afterAll(async () => {
  await browser?.close();
});

interface Queued {
  kind: string;
  seq: number | null;
  body: string;
  queue: number;
}

interface Done {
  messages: number;
  dropped: number;
  coalesced: number;
  errors: number;
  partial_frames: number;
  unsent_at_exit: number;
}

const truths = (game: FakeGame) => game.lines('truth') as Truth[];
const done = (game: FakeGame) => game.lines('done')[0] as Done;

/** The recordings once the bridge has written down the widget's goodbye (the game is over). */
async function settledRecords(chain: Chain): Promise<Recorded[]> {
  await waitFor(
    'the goodbye in the recording',
    () => chain.records().some((r) => r.message.type === 'goodbye'),
    { timeoutMs: 20_000, intervalMs: 100 },
  );
  return chain.records();
}

/** Waits until the page's clock shows a game second past `seconds` with no status pill. */
async function liveAfter(page: Page, seconds: number, timeoutMs = 15_000): Promise<OverlayView> {
  let last: OverlayView | null = null;
  return waitFor(
    `the overlay to be live past ${clock(seconds)}`,
    async () => {
      last = await readOverlay(page);
      const [m, s] = (last.clock ?? '').split(':').map(Number);
      return last.status === null && m! * 60 + s! > seconds ? last : undefined;
    },
    { intervalMs: 100, timeoutMs, seen: () => last },
  );
}

/** The end of every scenario: the game over in the overlay, figures and banner as in the game. */
async function expectFinal(expect: ExpectStatic, page: Page, game: FakeGame): Promise<void> {
  const final = truths(game).at(-1)!;
  expect(final.over).toBe(true);
  const view = await showsTruth(page, final);
  expect(view.banner?.title).toBe('Victory');
  expect(view.status).toBeNull();
}

/** Runs a scenario on its own chain; screenshots the page if it fails. */
async function scenario(
  name: string,
  body: (chain: Chain, page: Page) => Promise<void>,
): Promise<void> {
  const chain = await startChain({ browsers: [browser] });
  const page = chain.pages[0]!;
  try {
    await body(chain, page);
    await snap(page, `faults-${name}-end`);
  } catch (err) {
    await snap(page, `faults-${name}-FAILED`);
    throw err;
  } finally {
    await chain.close();
  }
}

describe('the chain under faults', () => {
  it('bridge killed (SIGKILL) and restarted: widget backs off and reconnects, overlay recovers, only states lost', async ({
    expect,
  }) => {
    await scenario('bridge-killed', async (chain, page) => {
      const game = chain.play({
        shape: '2x2',
        duration: 48,
        speed: 4,
        notable: 50,
        log: true,
        logLevel: 'debug',
      });
      await liveAfter(page, 12);
      const before = await readOverlay(page);
      // The crash comes between two game seconds, right after a state went through: what the
      // bridge had received but not yet read when it died would die with it (neither TCP nor
      // the protocol lets the widget know what the bridge read), so no frame may be in flight.
      const feed = chain.feeds[0]!;
      const seen = feed.relayed().length;
      await waitFor(
        'a state relayed to the overlay',
        () =>
          feed
            .relayed()
            .slice(seen)
            .some((r) => r.message.type === 'state'),
        { timeoutMs: 20_000, intervalMs: 2 },
      );
      chain.bridge.child.kill('SIGKILL');
      const killedAt = truths(game).at(-1)!.frame / 30;

      // Down long enough for two failed attempts (retry after 1 s, then after 2 s).
      await waitFor(
        'the widget to retry twice',
        () => (game.lines('echo') as string[]).filter((l) => /retry in \d+ s/.test(l)).length >= 2,
        { intervalMs: 100, timeoutMs: 10_000 },
      );
      // Meanwhile the overlay keeps the last values on screen.
      const during = await readOverlay(page);
      expect(during.allies.map((a) => a.name)).toEqual(before.allies.map((a) => a.name));
      expect(during.teams.length).toBe(before.teams.length);
      expect(during.clock).not.toBeNull();
      await snap(page, 'faults-bridge-killed-down');

      await chain.restartBridge();
      await liveAfter(page, killedAt + 2);
      expect(await game.done, game.stderr()).toBe(0);
      await expectFinal(expect, page, game);

      // Backoff: 1 s, then 2 s, then connected again.
      const echoes = game.lines('echo') as string[];
      const delays = echoes.flatMap((l) => /retry in (\d+) s/.exec(l)?.[1] ?? []).map(Number);
      expect(delays.slice(0, 2)).toEqual([1, 2]);
      const secondRetry = echoes.findIndex((l) => /retry in 2 s/.test(l));
      expect(echoes.slice(secondRetry).some((l) => /-> CONNECTED/.test(l))).toBe(true);

      // By seq: every event the widget wrote arrived (in the recordings or, for what the killed
      // bridge had no time to write down, relayed to the overlay); what is missing is states
      // written as the bridge died, never one from before.
      const records = await settledRecords(chain);
      expectConnectionsInOrder(expect, records);
      const audit = auditSeqs(game.lines('wrote') as Wrote[], [...records, ...feed.relayed()]);
      expect(audit.problems).toEqual([]);
      expect(audit.lostEvents).toEqual([]);
      expect(audit.connections).toBeGreaterThanOrEqual(2);
      // The states lost are those written into the dead connection before the widget saw it
      // reset: it writes one a game second and sees the reset at its next send.
      expect(audit.lostStates.length).toBeLessThanOrEqual(2);
      for (const lost of audit.lostStates) {
        expect(lost.seq).toBeGreaterThan(audit.lastArrived[lost.connection]!);
      }
      // Nothing was dropped: the only gaps in seq are states replaced by newer ones while queued.
      expect(audit.skipped.length).toBeLessThanOrEqual(done(game).coalesced);
      // And by content: every event the game made arrived exactly once, in order.
      expect(recordedEvents(records)).toEqual(queuedEvents(game));
      expect(done(game)).toMatchObject({ dropped: 0, errors: 0, unsent_at_exit: 0 });
      expect(await chain.counters()).toMatchObject({
        framing_errors: 0,
        frames_bad_utf8: 0,
        frames_bad_json: 0,
        messages_invalid: 0,
      });
    });
  });

  it('bridge stalled (SIGSTOP, SIGCONT): the queue stays within its cap, drops are counted, overlay recovers', async ({
    expect,
  }) => {
    const cap = 16; // the smallest queue_size the widget takes
    await scenario('bridge-stalled', async (chain, page) => {
      const game = chain.play({
        shape: 'ffa16',
        spectators: 200,
        duration: 48,
        speed: 4,
        notable: 50,
        sndbuf: 4096,
        queueSize: cap,
        linger: 3,
      });
      const liveAt = await liveAfter(page, 8);
      expect(liveAt.allies).toHaveLength(16);
      chain.bridge.child.kill('SIGSTOP');
      try {
        // The overlay says the game is gone (4 s without a state) and keeps the last values; the
        // widget's queue fills to its cap.
        const stalled = await waitFor(
          'the overlay to report the stall',
          async () => {
            const view = await readOverlay(page);
            return view.status?.kind === 'disconnected' ? view : undefined;
          },
          { intervalMs: 100, timeoutMs: 10_000 },
        );
        expect(stalled.status!.text).toMatch(/last values shown/);
        expect(stalled.allies.map((a) => a.name)).toEqual(liveAt.allies.map((a) => a.name));
        await waitFor(
          'the widget queue to reach its cap',
          () => (game.lines('queued') as Queued[]).some((q) => q.queue === cap),
          { intervalMs: 100, timeoutMs: 10_000 },
        );
        await snap(page, 'faults-bridge-stalled');
      } finally {
        chain.bridge.child.kill('SIGCONT');
      }
      await liveAfter(page, truths(game).at(-1)!.frame / 30);
      expect(await game.done, game.stderr()).toBe(0);
      await expectFinal(expect, page, game);

      const queued = game.lines('queued') as Queued[];
      expect(Math.max(...queued.map((q) => q.queue))).toBe(cap);
      const report = done(game);
      expect(report.dropped).toBeGreaterThan(0);
      expect(report).toMatchObject({ errors: 0, unsent_at_exit: 0 });

      // Nothing written was lost, nothing arrived twice; the events that never arrived are the
      // dropped ones, and they are gone from the middle, never out of order.
      const records = await settledRecords(chain);
      expectConnectionsInOrder(expect, records);
      const audit = auditSeqs(game.lines('wrote') as Wrote[], records);
      expect(audit).toMatchObject({ connections: 1, lostEvents: [], lostStates: [], problems: [] });
      const sent = queuedEvents(game);
      const got = recordedEvents(records);
      expect(sent.length - got.length).toBeGreaterThan(0);
      expect(sent.length - got.length).toBeLessThanOrEqual(report.dropped);
      // Drops and states coalesced while connected left gaps in seq; the bridge counted the same.
      expect(audit.skipped.length).toBeGreaterThan(0);
      expect(audit.skipped.length).toBeLessThanOrEqual(report.dropped + report.coalesced);
      expect((await chain.counters()).messages_missed).toBe(audit.skipped.length);
      let at = 0;
      for (const event of got) {
        at = sent.indexOf(event, at) + 1;
        expect(at, `${event} arrived but was not queued in that order`).toBeGreaterThan(0);
      }
      expect(await chain.counters()).toMatchObject({ framing_errors: 0, messages_invalid: 0 });
    });
  });

  it('overlay page reloaded mid-game: the snapshot restores it before any new state', async ({
    expect,
  }) => {
    await scenario('overlay-reloaded', async (chain, page) => {
      // Notes, in the page, each WebSocket message's type and when the clock first appeared.
      await page.addInitScript(PROBE);
      const game = chain.play({ shape: '2x2', duration: 40, speed: 4, pauses: [[16, 6]] });
      const paused = await waitFor('the pause', () => truths(game).find((t) => t.paused), {
        intervalMs: 100,
        timeoutMs: 20_000,
      });
      await showsTruth(page, paused, { timeoutMs: 4_000 });

      // OBS's "refresh browser when scene becomes active", while the game is paused.
      await page.reload();
      await showsTruth(page, paused, { timeoutMs: 4_000 });
      expectRestoredBySnapshot(expect, await probe(page));

      // The caster's "reload overlays" (control page / API) while the game runs.
      await liveAfter(page, paused.frame / 30 + 4);
      const loaded = page.waitForEvent('load');
      await chain.api('POST', 'api/overlays/reload');
      await loaded;
      const restored = await waitFor(
        'the overlay to come back',
        async () => {
          const view = await readOverlay(page);
          return view.clock && view.teams.length === 4 ? view : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      expect(restored.allies).toHaveLength(2);
      expectRestoredBySnapshot(expect, await probe(page));

      expect(await game.done, game.stderr()).toBe(0);
      await expectFinal(expect, page, game);
    });
  });

  it('garbage flood on the widget port: the real stream is unaffected, framing errors counted', async ({
    expect,
  }) => {
    await scenario('garbage-flood', async (chain, page) => {
      const game = chain.play({ shape: '2x8', duration: 40, speed: 4, notable: 100 });
      await liveAfter(page, 4);
      const flood = startGarbageFlood(chain.bridge.tcpPort, { connections: 16, seed: 6 });
      let clocks = new Set<string>();
      try {
        // The overlay keeps counting with the game while the flood goes on.
        clocks = await waitFor(
          'the overlay to keep updating during the flood',
          async () => {
            const view = await readOverlay(page);
            if (view.clock && view.status === null) clocks.add(view.clock);
            return clocks.size >= 10 ? clocks : undefined;
          },
          { intervalMs: 100, timeoutMs: 15_000, seen: () => [...clocks] },
        );
        await snap(page, 'faults-garbage-flood');
      } finally {
        const report = await flood.stop();
        expect(report.connections).toBeGreaterThan(100);
        for (const count of Object.values(report.kinds)) expect(count).toBeGreaterThan(0);
      }
      expect(await game.done, game.stderr()).toBe(0);
      await expectFinal(expect, page, game);

      const counters = await chain.counters();
      expect(counters.framing_errors).toBeGreaterThan(10);
      expect(counters.frames_bad_utf8).toBeGreaterThan(10);
      expect(counters.frames_bad_json).toBeGreaterThan(10);
      expect(counters.messages_invalid).toBeGreaterThan(10);

      // The widget's one connection: every frame it wrote arrived valid, in order, once.
      const records = await settledRecords(chain);
      expect(byConnection(records)).toHaveLength(1);
      expectConnectionsInOrder(expect, records);
      const audit = auditSeqs(game.lines('wrote') as Wrote[], records);
      expect(audit).toMatchObject({ connections: 1, lostEvents: [], lostStates: [], problems: [] });
      expect(recordedEvents(records)).toEqual(queuedEvents(game));
      expect(done(game)).toMatchObject({ dropped: 0, errors: 0, unsent_at_exit: 0 });
    });
  });
});

// Runs in the page before its scripts (a string: see support/ws-tap.ts). Records the type of every
// WebSocket message and, the first time the clock shows, the types received until then.
const PROBE = `(() => {
  const probe = { messages: [], firstShown: null };
  window.__probe = probe;
  ${wsMessageTap(`(data) => {
    const type = /^\\{"type":"(\\w+)"/.exec(typeof data === 'string' ? data : '');
    probe.messages.push(type ? type[1] : '?');
  }`)}
  new MutationObserver(() => {
    if (probe.firstShown) return;
    const clock = document.querySelector('[data-field="clock"]');
    const names = document.querySelectorAll('[data-panel="resources"] [data-team] [data-field="name"]');
    if (clock && names.length) probe.firstShown = { clock: clock.textContent, messages: probe.messages.slice() };
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

interface Probe {
  messages: string[];
  firstShown: { clock: string; messages: string[] } | null;
}

async function probe(page: Page): Promise<Probe> {
  return (await page.evaluate('window.__probe')) as Probe;
}

/** The page showed the game (clock and names) having received the snapshot and no state yet. */
function expectRestoredBySnapshot(expect: ExpectStatic, p: Probe): void {
  expect(p.firstShown, 'the page never showed the game').not.toBeNull();
  expect(p.firstShown!.messages[0]).toBe('snapshot');
  expect(p.firstShown!.messages).not.toContain('state');
}
