// The overlay as a viewer sees it: open the built overlay page of a bridge in a browser and read
// the text it shows, panel by panel. Only the DOM is read (the data-* hooks the panels put on
// their elements), never the app's own state, so what is checked is what is on screen.
//
//   const page = await openOverlay(browser, bridge.httpUrl);      // all four panels, 1920×1080
//   const view = await readOverlay(page);
//   view.clock; view.allies[0].name; view.allies[0].stats.armyValue; view.teams; view.banner
//
// Numbers are read as the panels print them ("1.3k", "+34.5/s"); counting numbers settle within
// the theme's tween time, so poll (poll.ts) for the expected text rather than reading once.
import type { Browser, Page } from 'playwright-core';

export interface OverlayAlly {
  id: number;
  name: string;
  /** Series score as shown, or null without match data. */
  score: string | null;
  winner: boolean;
  eliminated: boolean;
  /** Scoreboard cells by their data-stat: armyValue, metalIncome, energyIncome, units, kills,
   * losses, commanders. */
  stats: Record<string, string>;
}

export interface OverlayTeam {
  id: number;
  name: string;
  /** Incomes as the resources panel prints them ("+3.6"), build power ("385"). */
  metal: string;
  energy: string;
  buildPower: string;
}

export interface OverlayView {
  /** The data-panel names on the page. */
  panels: string[];
  clock: string | null;
  series: string | null;
  tournament: string | null;
  /** Scoreboard ally teams, in page order. */
  allies: OverlayAlly[];
  /** Resources panel rows, one per team (player slot), in page order. */
  teams: OverlayTeam[];
  /** The game-over banner: "Victory", "Winners" or "Draw" and the winners' names. */
  banner: { title: string; winners: string[] } | null;
  /** The status pill (nothing while all is well): "waiting", "partial", "disconnected". */
  status: { kind: string; text: string } | null;
}

export interface OpenOptions {
  theme?: string;
  /** Runs on the new page before it loads (listeners, init scripts). */
  beforeLoad?: (page: Page) => void | Promise<void>;
}

export function overlayUrl(httpUrl: string, options: OpenOptions = {}): string {
  const url = new URL('overlay/', httpUrl);
  if (options.theme) url.searchParams.set('theme', options.theme);
  return url.href;
}

/** A new page on the full overlay at the OBS source size; resolves once the page has loaded (game
 * data may come later). */
export async function openOverlay(
  browser: Browser,
  httpUrl: string,
  options: OpenOptions = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await options.beforeLoad?.(page);
  await page.goto(overlayUrl(httpUrl, options));
  return page;
}

// Runs in the page. A string, not a function: tsx (npm run soak) would wrap named inner
// functions in a helper the page lacks, and this project's Node code has no DOM types.
const READ = `(() => {
  const text = (root, selector) => {
    const el = selector ? root.querySelector(selector) : root;
    return el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;
  };
  const board = document.querySelector('[data-panel="scoreboard"]');
  const allies = new Map();
  if (board) {
    for (const el of board.querySelectorAll('[data-ally]')) {
      const id = Number(el.getAttribute('data-ally'));
      if (!allies.has(id)) {
        allies.set(id, { id, name: '', score: null, winner: false, eliminated: false, stats: {} });
      }
      const ally = allies.get(id);
      const name = el.querySelector('[data-field="name"]');
      if (name) ally.name = text(name);
      const score = el.querySelector('[data-field="score"]');
      if (score) ally.score = text(score);
      if (el.querySelector('[data-field="winner"]')) ally.winner = true;
      if (el.querySelector('[data-field="eliminated"]')) ally.eliminated = true;
      for (const cell of el.querySelectorAll('[data-stat]')) {
        ally.stats[cell.getAttribute('data-stat')] = text(cell.querySelector('.value') || cell);
      }
    }
  }
  const teams = [...document.querySelectorAll('[data-panel="resources"] [data-team]')].map((row) => ({
    id: Number(row.getAttribute('data-team')),
    name: text(row, '[data-field="name"]'),
    metal: text(row, '[data-stat="metal"] .num'),
    energy: text(row, '[data-stat="energy"] .num'),
    buildPower: text(row, '[data-stat="buildPower"]'),
  }));
  const banner = document.querySelector('[data-field="game-over"]');
  const pill = document.querySelector('[role="status"]');
  return {
    panels: [...document.querySelectorAll('[data-panel]')].map((el) => el.getAttribute('data-panel')),
    clock: text(document, '[data-field="clock"]'),
    series: text(document, '[data-field="series"]'),
    tournament: text(document, '[data-field="tournament"]'),
    allies: [...allies.values()],
    teams,
    banner: banner
      ? { title: text(banner, '.title'), winners: [...banner.querySelectorAll('.winner')].map((w) => text(w)) }
      : null,
    status: pill ? { kind: pill.getAttribute('data-status'), text: text(pill) } : null,
  };
})()`;

/** What the page shows right now. */
export async function readOverlay(page: Page): Promise<OverlayView> {
  return (await page.evaluate(READ)) as OverlayView;
}
