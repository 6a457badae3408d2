// The soak of issue 6: a whole 2-hour 8v8 game, accelerated to fit a few minutes, through the whole
// chain (the real widget in the fake game → the bar-livedata command → the overlay in Debian's
// current Chromium), watching memory on all three: the bridge's RSS (/proc/PID/status), the
// widget's Lua memory ("mem" lines of the fake game: collectgarbage("count") after a full
// collection, once per game minute; the Lua state holds the fake game too) and the overlay's JS
// heap and DOM nodes (CDP, after a forced garbage collection).
//
//   npm run soak                      about 5 minutes
//   npm run soak -- --minutes 3       --browser chromium-103, --every 5 (seconds between samples)
//
// Noise: the first 20 % of the samples are warm-up (armies and economies still grow) and ignored;
// 20–50 % is the reference, long enough to see what the game's content alone moves (toasts come
// and go, numbers change). Noise is the reference's spread (max − min), at least 1 % of its max.
// "end" is the median of the last 10 %. A figure grows beyond noise when end − reference max >
// noise: a steady leak shows, as the last tenth lies further from the reference than its width.
// The widget sends at most 10 states a wall second, so a run of M minutes carries about 600·M
// states (a real 2-hour game at speed 1 carries 7,200: --minutes 12 matches it).
// Exits non-zero when a process died or the chain broke (the overlay's clock stopped following
// the game, the widget reconnected or reported errors, the bridge refused a frame or dropped the
// overlay, or the game did not end on the overlay); growth is a figure, printed with its verdict.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { ALL_BROWSERS, launchBrowser, type BrowserKind } from '../test-support/browsers.ts';
import { snap } from './support/artifacts.ts';
import { startChain, type Chain } from './support/chain.ts';
import { readOverlay, type OverlayView } from './support/overlay-page.ts';
import { waitFor, sleep } from '../test-support/wait.ts';

const GAME_SECONDS = 7200;
const LOBBY = 2;
const LINGER = 3;

function options(): { minutes: number; browser: BrowserKind; every: number } {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '5' },
      browser: { type: 'string', default: 'chromium-current' },
      every: { type: 'string', default: '5' },
    },
  });
  const minutes = Number(values.minutes);
  const every = Number(values.every);
  const browser = values.browser as BrowserKind;
  if (!(minutes >= 0.5 && minutes <= 240)) throw new Error('--minutes wants 0.5 to 240');
  if (!(every >= 1 && every <= 60)) throw new Error('--every wants 1 to 60 seconds');
  if (!ALL_BROWSERS.includes(browser))
    throw new Error(`--browser wants ${ALL_BROWSERS.join(', ')}`);
  return { minutes, browser, every };
}

interface Sample {
  /** Wall seconds since the game started. */
  t: number;
  /** The overlay's clock in game seconds, or null before the first state. */
  shown: number | null;
  bridgeRssKb: number;
  widgetKb: number | null;
  overlayHeap: number;
  overlayNodes: number;
}

/** "1:02:03" or "2:03" → seconds; null for anything else. */
function clockSeconds(text: string | null): number | null {
  const m = /^(?:(\d+):)?(\d+):(\d\d)$/.exec(text ?? '');
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]);
}

async function overlayMemory(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, nodes };
}

interface Figure {
  name: string;
  unit: string;
  scale: number;
  digits: number;
  values: number[];
}

/** start/end/max and the verdict of one figure (see the file comment for noise). */
function judge({ values }: Figure) {
  const n = values.length;
  const tenth = Math.max(1, Math.floor(n / 10));
  const reference = values.slice(Math.floor(n * 0.2), Math.ceil(n * 0.5));
  const refMax = Math.max(...reference);
  const noise = Math.max(refMax - Math.min(...reference), 0.01 * refMax);
  const last = values.slice(n - tenth).sort((a, b) => a - b);
  const end = last[Math.floor(last.length / 2)]!;
  const growth = end - refMax;
  return {
    start: values[0]!,
    end,
    max: Math.max(...values),
    refMax,
    noise,
    growth,
    ok: growth <= noise,
  };
}

function table(figures: Figure[]): boolean {
  const head = ['', 'start', 'end', 'max', 'reference', 'noise', 'growth', 'verdict'];
  const widths = [34, 9, 9, 9, 10, 8, 9, 0];
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rows: string[] = [];
  const trends: string[] = [];
  let allOk = true;
  for (const figure of figures) {
    const j = judge(figure);
    allOk &&= j.ok;
    const f = (v: number) => (v / figure.scale).toFixed(figure.digits);
    rows.push(
      line([
        `${figure.name} (${figure.unit})`,
        f(j.start),
        f(j.end),
        f(j.max),
        f(j.refMax),
        f(j.noise),
        `${j.growth >= 0 ? '+' : ''}${f(j.growth)}`,
        j.ok ? 'no growth beyond noise' : 'GROWS BEYOND NOISE',
      ]),
    );
    const n = figure.values.length;
    const deciles = Array.from({ length: 11 }, (_, i) =>
      f(figure.values[Math.round((i / 10) * (n - 1))]!),
    );
    trends.push(`  ${figure.name.padEnd(widths[0]! - 2)}  ${deciles.join(' ')}`);
  }
  console.log([line(head), ...rows].join('\n'));
  console.log('the same figures at 0, 10, 20 ... 100 % of the run:');
  console.log(trends.join('\n'));
  return allOk;
}

async function soak(): Promise<number> {
  const { minutes, browser: kind, every } = options();
  const wallSeconds = minutes * 60 - LOBBY - LINGER;
  const speed = Math.round((GAME_SECONDS / wallSeconds) * 10) / 10;
  const browser = await launchBrowser(kind);
  const problems: string[] = [];
  let closing = false;
  const fail = (why: string) => {
    if (!closing && !problems.includes(why)) problems.push(why);
  };
  browser.on('disconnected', () => fail('the browser went away'));
  let chain: Chain | null = null;
  try {
    chain = await startChain({ browsers: [browser] });
    const page: Page = chain.pages[0]!;
    page.on('crash', () => fail('the overlay page crashed'));
    const bridge = chain.bridge;
    bridge.child.once('exit', (code, signal) =>
      fail(`the bridge exited (${code ?? signal}): ${bridge.stderr().trim().slice(-500)}`),
    );
    const cdp = await page.context().newCDPSession(page);
    console.log(
      `soak: 2x8 game of ${GAME_SECONDS} game seconds at speed ${speed} (about ${minutes} min) → bar-livedata → overlay in ${kind} (${browser.version()}); a sample every ${every} s; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
    );

    const game = chain.play({
      shape: '2x8',
      duration: GAME_SECONDS,
      speed,
      lobby: LOBBY,
      linger: LINGER,
      trace: false,
      truth: false,
      log: true,
      mem: true,
    });
    let gameExit: number | null | undefined;
    void game.done.then((code) => (gameExit = code));
    const started = Date.now();
    const samples: Sample[] = [];
    let stalled = 0;
    while (gameExit === undefined && problems.length === 0) {
      await sleep(every * 1000);
      if (gameExit !== undefined) break;
      const t = (Date.now() - started) / 1000;
      const view = await readOverlay(page);
      const mem = await overlayMemory(cdp);
      const widget = game.lines('mem').at(-1) as string | undefined;
      const sample: Sample = {
        t,
        shown: clockSeconds(view.clock),
        bridgeRssKb: rssKb(bridge.child.pid!),
        widgetKb: widget === undefined ? null : Number(widget),
        overlayHeap: mem.heap,
        overlayNodes: mem.nodes,
      };
      // The game clock runs at `speed`; the overlay must keep up with it while the game runs.
      const before = samples.at(-1);
      const expected = (t - LOBBY) * speed;
      if (t > LOBBY + 5 && expected < GAME_SECONDS - speed * every) {
        const behind = sample.shown === null ? Infinity : expected - sample.shown;
        if (behind > speed * 5 || (before && sample.shown === before.shown)) stalled += 1;
        else stalled = 0;
        if (stalled >= 2)
          fail(
            `the overlay stopped following the game: it shows ${view.clock} at ~${Math.round(expected)} game s`,
          );
      }
      samples.push(sample);
      const echoes = game.lines('echo') as string[];
      const reconnect = echoes.find((l) => /RECONNECTING|Removed widget|Error in/.test(l));
      if (reconnect) fail(`the widget lost the bridge or failed: ${reconnect}`);
    }
    if (gameExit === undefined) game.stop();
    const code = await game.done;
    if (code !== 0) fail(`the fake game exited with ${code}: ${game.stderr().trim().slice(-500)}`);

    // The end of the game must reach the overlay.
    let final: OverlayView | null = null;
    if (problems.length === 0) {
      final = await waitFor(
        'the overlay to show the game over',
        async () => {
          const v = await readOverlay(page);
          return v.banner ? v : undefined;
        },
        { intervalMs: 100, timeoutMs: 10_000 },
      ).catch((err: Error) => {
        fail(err.message);
        return null;
      });
    }
    const done = game.lines('done').at(-1) as Record<string, number> | undefined;
    if (done && (done.errors !== 0 || done.dropped !== 0))
      fail(`the widget reported errors ${done.errors}, dropped ${done.dropped}`);
    const counters = bridge.child.exitCode === null ? await chain.counters() : {};
    for (const key of [
      'framing_errors',
      'frames_bad_utf8',
      'frames_bad_json',
      'messages_missed',
      'messages_invalid',
      'clients_dropped_slow',
    ])
      if (counters[key]) fail(`the bridge counted ${counters[key]} ${key}`);

    const wall = (Date.now() - started) / 1000;
    console.log(
      `ran ${wall.toFixed(0)} s, ${samples.length} samples; the overlay ended on ${final?.clock ?? '?'} with ${final?.banner ? `"${final.banner.title}"` : 'no game-over banner'}`,
    );
    console.log(
      `bridge: ${counters.messages_valid ?? '?'} valid widget messages, ${counters.states_coalesced ?? '?'} states coalesced for the overlay; widget: ${done?.messages ?? '?'} messages sent, ${done?.coalesced ?? '?'} states coalesced, dropped ${done?.dropped ?? '?'}, errors ${done?.errors ?? '?'}`,
    );
    const widgetValues = samples.map((s) => s.widgetKb).filter((v): v is number => v !== null);
    const figures: Figure[] = [
      {
        name: 'bridge RSS',
        unit: 'MB',
        scale: 1024,
        digits: 1,
        values: samples.map((s) => s.bridgeRssKb),
      },
      {
        name: 'widget + fake game Lua memory',
        unit: 'kB',
        scale: 1,
        digits: 0,
        values: widgetValues,
      },
      {
        name: 'overlay JS heap after GC',
        unit: 'MB',
        scale: 1e6,
        digits: 2,
        values: samples.map((s) => s.overlayHeap),
      },
      {
        name: 'overlay DOM nodes',
        unit: 'count',
        scale: 1,
        digits: 0,
        values: samples.map((s) => s.overlayNodes),
      },
    ];
    if (samples.length < 10 || widgetValues.length < 10) {
      fail(
        `too few samples to judge (${samples.length}, widget ${widgetValues.length}): run longer`,
      );
    } else {
      const ok = table(figures);
      console.log(
        `verdict: ${ok ? 'no growth beyond noise' : 'GROWTH BEYOND NOISE'} (reference: samples at 20–50 % of the run; noise: their spread, at least 1 %; end: median of the last 10 %)`,
      );
    }
    if (problems.length) await snap(page, 'soak-failure');
  } catch (err) {
    // After a process died, what failed next is its consequence: one line is enough.
    const error = err as Error;
    fail(problems.length ? `then: ${error.message}` : `the soak failed: ${error.stack ?? error}`);
  } finally {
    closing = true;
    await chain?.close().catch(() => {});
    await browser.close().catch(() => {});
  }
  for (const p of problems) console.error(`FAILED: ${p}`);
  return problems.length ? 1 : 0;
}

process.exitCode = await soak();
