// The source sizes docs/obs-setup.md gives for one Browser source per panel: each panel page, at
// the width × height of its row, holds the most its row says it fits (long names, three casters,
// 16 teams, five toasts and the game-over banner) in every theme, with nothing drawn outside the
// source. Chromium 103 (OBS 28–30) and Debian's current Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../test-support/in-process-bridge.ts';
import { launchBrowser, type BrowserKind } from '../test-support/browsers.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import { makeHello, makeMatch, makeState } from '../test-support/game-states.ts';
import type { Match, State } from '../protocol/types.ts';

const top = fileURLToPath(new URL('..', import.meta.url));
const themes = readdirSync(path.join(top, 'themes')).sort();

interface Row {
  panel: string;
  width: number;
  height: number;
  fits: string;
}

/** The rows of the "One source per panel" table (a blank panel cell repeats the one above). */
function documentedSizes(): Row[] {
  const doc = readFileSync(path.join(top, 'docs', 'obs-setup.md'), 'utf8');
  const rows: Row[] = [];
  let panel = '';
  for (const [, name, width, height, fits] of doc.matchAll(
    /^\| (\w*) +\| [^|]*\| (\d+) × (\d+) +\| ([^|]+?) +\|$/gm,
  )) {
    panel = name || panel;
    rows.push({ panel, width: Number(width), height: Number(height), fits: fits! });
  }
  return rows;
}

const LONG = 'Wandering_Commander_of_the_North';
/** Every player and ally team with a long name, so truncation is part of what must fit. */
function longNames(state: State): State {
  return {
    ...state,
    teams: state.teams.map((t) => ({ ...t, name: `${LONG}_${t.id}` })),
    players: state.players.map((p) => (p.spectator ? p : { ...p, name: `${LONG}_${p.id}` })),
  };
}
const TWO_TEAMS = longNames(makeState({ allyTeams: 2, teamsPerAlly: 8, seconds: 1500 }));
const FFA = longNames(makeState({ allyTeams: 16, teamsPerAlly: 1, seconds: 1500 }));
const MATCH: Match = makeMatch({
  tournament: 'Beyond All Reason Nations Cup 2026',
  stage: 'Upper bracket semi-final',
  casters: [
    { name: 'Alexandra', handle: '@alexandracasts' },
    { name: 'Sam the Caster', handle: '@samonair' },
    { name: 'Kim', handle: '@kimplays_bar' },
  ],
  teams: [
    {
      ally_team: 0,
      name: 'Northern Lights Esports',
      tag: 'NLE',
      logo: null,
      color: null,
      score: 2,
    },
    { ally_team: 1, name: 'Southern Cross Gaming', tag: 'SCG', logo: null, color: null, score: 2 },
  ],
});

const eventBase = { type: 'event', schema_version: 1, frame: 45000, game_seconds: 1500 } as const;

/** What a row's "fits" promises, as states and events to show. */
interface Content {
  state: State;
  /** Sent after the state: toasts, and a game over. */
  events?: (widget: WidgetSocket) => void;
  /** The state sent every second after that (default `state`). */
  then?: State;
  /** Shown once the content is in: [selector, how many at least]. */
  shown: Array<[string, number]>;
}

function fiveToastsAndGameOver(widget: WidgetSocket): void {
  for (let i = 0; i < 6; i += 1) {
    widget.sendNumbered({
      ...eventBase,
      event: 'unit_finished',
      unit_def: 'corkrog',
      unit_name: 'Krogoth Experimental Assault Mech',
      team: i % 16,
      cost: 30000,
    });
  }
  widget.sendNumbered({ ...eventBase, event: 'game_over', winners: [0] });
}
const OVER: State = { ...TWO_TEAMS, phase: 'over', winners: [0] };

function contentFor(row: Row): Content[] {
  const many = /three or more|16-player|FFA/i.test(row.fits);
  const two = /two ally teams|8v8/i.test(row.fits);
  const contents: Content[] = [];
  const shownFor = (state: State): Content['shown'] => [
    [`[data-team="${state.teams.at(-1)!.id}"]`, 1],
  ];
  switch (row.panel) {
    case 'events':
      return [
        {
          state: TWO_TEAMS,
          events: fiveToastsAndGameOver,
          then: OVER,
          shown: [
            ['[data-field="game-over"]', 1],
            ['[data-panel="events"] [data-kind]', 5],
          ],
        },
      ];
    case 'scoreboard':
      if (two) contents.push({ state: TWO_TEAMS, shown: [['[data-field="casters"]', 1]] });
      if (many) contents.push({ state: FFA, shown: [['[data-ally="15"]', 1]] });
      return contents;
    case 'compare':
      if (two) contents.push({ state: TWO_TEAMS, shown: [['[data-ally="1"]', 1]] });
      if (many) contents.push({ state: FFA, shown: [['[data-ally="15"]', 1]] });
      return contents;
    default:
      if (two) contents.push({ state: TWO_TEAMS, shown: shownFor(TWO_TEAMS) });
      if (many) contents.push({ state: FFA, shown: shownFor(FFA) });
      return contents;
  }
}

// Runs in the page: how far anything inside a panel reaches, and whether it is at rest.
const EXTENT = `(() => {
  let right = 0, bottom = 0;
  for (const el of document.querySelectorAll('[data-panel] *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    right = Math.max(right, r.right);
    bottom = Math.max(bottom, r.bottom);
  }
  return { right, bottom, moving: document.getAnimations().length };
})()`;

let bridge: Bridge;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'panel-sizes-'));
  bridge = await startBridge({ tcpPort: 0, httpPort: 0, dataDir, logLevel: 'error' });
  bridge.setMatch(MATCH);
});

afterAll(async () => {
  await bridge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh widget connection showing `content`, kept alive with a state a second. */
async function show(content: Content): Promise<() => Promise<void>> {
  const widget = await WidgetSocket.connect(bridge.tcpPort);
  widget.sendNumbered(makeHello());
  widget.sendNumbered(content.state);
  content.events?.(widget);
  const then = content.then ?? content.state;
  widget.sendNumbered(then);
  const ticker = setInterval(() => widget.sendNumbered(then), 1000);
  return async () => {
    clearInterval(ticker);
    await widget.close();
  };
}

async function extentAtRest(page: Page): Promise<{ right: number; bottom: number }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const extent = (await page.evaluate(EXTENT)) as {
      right: number;
      bottom: number;
      moving: number;
    };
    if (extent.moving === 0 || Date.now() > deadline) return extent;
    await page.waitForTimeout(100);
  }
}

const rows = documentedSizes();

describe('docs/obs-setup.md panel source sizes', () => {
  it('lists a size for every panel', () => {
    expect([...new Set(rows.map((r) => r.panel))]).toEqual([
      'scoreboard',
      'resources',
      'compare',
      'events',
    ]);
    for (const row of rows) expect(contentFor(row).length, row.fits).toBeGreaterThan(0);
  });

  for (const kind of ['chromium-103', 'chromium-current'] as BrowserKind[]) {
    describe(kind, () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await launchBrowser(kind);
      });
      afterAll(async () => {
        await browser?.close();
      });

      it.each(rows)('$panel at $width × $height holds $fits in every theme', async (row) => {
        const page = await browser.newPage({ viewport: { width: row.width, height: row.height } });
        for (const content of contentFor(row)) {
          for (const theme of themes) {
            await page.goto(`${bridge.httpUrl}overlay/${row.panel}?theme=${theme}`);
            await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
            // Toasts are not in the snapshot: the content comes after the page is up.
            const stop = await show(content);
            try {
              for (const [selector, count] of content.shown) {
                await page.waitForFunction(
                  ([s, n]) => document.querySelectorAll(s as string).length >= (n as number),
                  [selector, count],
                  { timeout: 10_000 },
                );
              }
              const extent = await extentAtRest(page);
              const where = `${theme}, ${content.state.ally_teams.length} ally teams`;
              expect(extent.right, `${where}: right edge`).toBeLessThanOrEqual(row.width);
              expect(extent.bottom, `${where}: bottom edge`).toBeLessThanOrEqual(row.height);
            } finally {
              await stop();
            }
          }
        }
        await page.close();
      });
    });
  }
});
