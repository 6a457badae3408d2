// The story pages in real Chromium (OBS's 103 and 127, and Debian's current), served by a real
// bridge: the lead graph of a demo game played at high speed, redrawn the same after a reload, and
// the end-of-game and series screens after games a real TCP widget client plays. Expected values
// are written out from the demo's seed and the fixtures' formulas (test-support/game-states.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { matchPlugin, startBridge, type Bridge } from '../test-support/in-process-bridge.ts';
import { ALL_BROWSERS, launchBrowser } from '../test-support/browsers.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import { makeHello, makeState } from '../test-support/game-states.ts';

const open: Bridge[] = [];
afterAll(async () => {
  await Promise.all(open.map((b) => b.close()));
});

async function bridgeWith(options: Parameters<typeof startBridge>[0] = {}): Promise<Bridge> {
  const bridge = await startBridge({
    tcpPort: 0,
    httpPort: 0,
    logLevel: 'error',
    dataDir: mkdtempSync(path.join(tmpdir(), 'bar-livedata-story-')),
    plugins: [matchPlugin],
    ...options,
  });
  open.push(bridge);
  return bridge;
}

interface GraphView {
  points: number;
  markers: { kind: string; color: string }[];
  fills: string[];
  /** Every drawn line piece but the moving newest one, in order. */
  pieces: string[];
}

/** Waits until the graph has `points` points and `markers` markers, and reads it in that instant. */
async function graphWhen(page: Page, points: number, markers: number): Promise<GraphView> {
  const handle = await page.waitForFunction(
    ([p, m]) => {
      const svg = document.querySelector<SVGSVGElement>('[data-panel="graph"] svg');
      if (!svg || Number(svg.dataset.points) < p || Number(svg.dataset.markers) < m) return null;
      return {
        points: Number(svg.dataset.points),
        markers: [...svg.querySelectorAll<SVGElement>('.graph-marker')].map((e) => ({
          kind: e.dataset.kind ?? '',
          color: e.dataset.color ?? '',
        })),
        fills: [...svg.querySelectorAll<SVGElement>('.graph-fill')].map((e) => e.style.fill),
        pieces: [...svg.querySelectorAll('.graph-line:not(.graph-tail)')].map(
          (e) => e.getAttribute('d') ?? '',
        ),
      };
    },
    [points, markers] as const,
    { timeout: 60_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as GraphView;
}

/** Plays a 2v2 game of `seconds` as a widget: states each second, a commander lost at 60 s. */
async function playGame(port: number, seconds: number, winner: number, map: string) {
  const widget = await WidgetSocket.connect(port);
  const hello = makeHello();
  widget.sendNumbered({ ...hello, game: { ...hello.game, map } });
  const event = { type: 'event', schema_version: 1 } as const;
  for (let s = 0; s <= seconds; s++) {
    widget.sendNumbered(makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: s }));
    if (s === 60) {
      widget.sendNumbered({
        ...event,
        frame: 1800,
        game_seconds: 60,
        event: 'commander_destroyed',
        team: 3,
        attacker_team: 0,
      });
    }
  }
  widget.sendNumbered({
    ...event,
    frame: seconds * 30,
    game_seconds: seconds,
    event: 'game_over',
    winners: [winner],
  });
  widget.sendNumbered({
    ...makeState({ allyTeams: 2, teamsPerAlly: 2, seconds }),
    phase: 'over',
    winners: [winner],
  });
  return widget;
}

const textOf = (page: Page, selector: string) =>
  page.evaluate(
    (s) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    selector,
  );

async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  await page
    .waitForFunction(
      ([s, e]) => document.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim() === e,
      [selector, expected] as const,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  expect(await textOf(page, selector), selector).toBe(expected);
}

describe.each(ALL_BROWSERS)('story pages in %s', (kind) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser(kind);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws a demo game’s lead graph with its markers in the team colours', async () => {
    // Demo 1v1, seed 3: Sprinter99 (#0b3ef3, ally team 0) loses the commander at 282 s.
    const bridge = await bridgeWith({ demo: { shape: '1v1', seed: 3, speed: 25 } });
    const page = await browser.newPage({ viewport: { width: 640, height: 200 } });
    await page.goto(new URL('overlay/graph', bridge.httpUrl).href);
    const graph = await graphWhen(page, 60, 1);
    expect(graph.points).toBeGreaterThanOrEqual(60);
    expect(graph.markers[0]).toEqual({ kind: 'commander', color: '#0b3ef3' });
    // Above zero ally team 0's colour, below it ally team 1's.
    expect(graph.fills).toEqual(['rgb(11, 62, 243)', 'rgb(255, 95, 162)']);
    await page.close();
    await bridge.close();
  });

  it('redraws the same path after a reload mid-game', async () => {
    const bridge = await bridgeWith({ demo: { shape: '1v1', seed: 3, speed: 25 } });
    const page = await browser.newPage({ viewport: { width: 640, height: 200 } });
    await page.goto(new URL('overlay/graph', bridge.httpUrl).href);
    const before = await graphWhen(page, 100, 0);
    await page.reload();
    const after = await graphWhen(page, before.points, 0);
    expect(before.pieces.length).toBeGreaterThan(90);
    expect(after.pieces.slice(0, before.pieces.length)).toEqual(before.pieces);
    await page.close();
    await bridge.close();
  });

  it('names the winner after game over with the last state’s numbers, and lists both games in the series', async () => {
    const bridge = await bridgeWith();
    const first = await playGame(bridge.tcpPort, 210, 0, 'Supreme Isthmus v1.9');
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(new URL('overlay/postgame', bridge.httpUrl).href);
    await expectText(page, '[data-field="postgame-title"]', 'Victory');
    await expectText(page, '[data-panel="postgame"] .winner', 'Player 1 & Player 2');
    await expectText(page, '[data-field="postgame-length"]', '3:30');
    await expectText(page, '[data-field="postgame-map"]', 'Supreme Isthmus v1.9');
    // At 210 s: metal produced 2000 + 300·id + 20·s, damage 5000 + 700·id + 80·s, kills
    // 3 + id + s/20, army 1000 + 250·id + 12·s, summed over teams 0+1 and 2+3.
    const row = (key: string, ally: number) => `[data-row="${key}"] td[data-ally="${ally}"]`;
    await expectText(page, row('metalProduced', 0), '13k');
    await expectText(page, row('damageDealt', 1), '47k');
    await expectText(page, row('unitsKilled', 0), '27');
    await expectText(page, row('unitsKilled', 1), '31');
    await expectText(page, row('armyPeak', 0), '7.3k');
    await expectText(page, '[data-award="Most damage dealt"] .player', 'Player 4');
    await first.close();

    await fetch(new URL('api/next-game', bridge.httpUrl), { method: 'POST' });
    const second = await playGame(bridge.tcpPort, 150, 1, 'Glitters v1.2');
    const series = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await series.goto(new URL('overlay/series', bridge.httpUrl).href);
    await expectText(series, '[data-game="2"] [data-field="series-map"]', 'Glitters v1.2');
    await expectText(series, '[data-game="1"] [data-field="series-map"]', 'Supreme Isthmus v1.9');
    await expectText(series, '[data-game="1"] [data-field="series-winner"]', 'Player 1 & Player 2');
    await expectText(series, '[data-game="2"] [data-field="series-winner"]', 'Player 3 & Player 4');
    await expectText(series, '[data-game="1"] [data-field="series-length"]', '3:30');
    await expectText(series, '[data-game="2"] [data-field="series-length"]', '2:30');
    await expectText(series, '[data-field="series-next"]', 'Next: game 3');
    await second.close();
    await page.close();
    await series.close();
    await bridge.close();
  });
});
