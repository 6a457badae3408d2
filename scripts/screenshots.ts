// `npm run screenshots`: the pictures in the README and docs/obs-setup.md, taken from the real
// bridge playing seeded demo games, in Debian's current Chromium. Every panel in every theme the
// bridge lists, the full 1920×1080 layout, an FFA game, the control page as an OBS dock and the
// home page; the lead graph (lower third and strip), and the end-of-game and series screens after
// two demo games played to a bridge as a widget would (the series lists a widget's games only); and,
// with a real OBS (test-support/obs-process.ts), the control page's stream delay and OBS scene
// sections. Writes docs/img/*.png (transparent outside the panels), overwriting earlier ones.
// `npm run screenshots -- show` takes only that last picture.
// For each picture the overlay's feed is held for a moment, so numbers, bars and toasts are at rest.
// `npm run screenshots -- story` takes only the story pages' pictures (graph, postgame, series).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { WebSocket } from 'ws';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../test-support/browsers.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import { demoGames } from '../bridge/demo/game.ts';
import { startObs } from '../test-support/obs-process.ts';
import { startBridgeProcess, type BridgeProcess } from '../test-support/bridge-process.ts';
import { LAYOUT_PANELS, type Panel } from '../protocol/panels.ts';
import { parseCli } from '../bridge/cli-args.ts';
import type { ThemeInfo } from '../protocol/types.ts';
import type { Match, ServerMessage } from '../protocol/types.ts';
import type { DemoStep } from '../bridge/demo/game.ts';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(top, 'docs', 'img');
const FULL_HD = { width: 1920, height: 1080 };
/** Transparent room kept around a cropped panel, so its shadow is not cut off (px). */
const MARGIN = 24;
const WAIT_MS = 180_000;
/** Seeded games at 10× speed. Seed 30's rosters hold only names our fonts can draw (the demo
 * also plays emoji and CJK names, which this machine has no font for). */
const DEMO = ['--seed', '30', '--speed', '10', '--log-level', 'warn'];
/** Game seconds before the first picture: mid-game, after the first knockouts. */
const H2H_AT_S = 540;
const FFA_AT_S = 590;
/** Toasts on screen before the events panel is pictured. */
const TOASTS = 2;
/** What a caster would type into the control page before the game. */
const SERIES = {
  tournament: 'BAR Spring Cup',
  stage: 'Grand final',
  best_of: 5,
  casters: [
    { name: 'Alex', handle: '@alexcasts' },
    { name: 'Sam', handle: '@samonair' },
  ],
};
const SCORES = [1, 2];
/** How long a held overlay gets to come to rest: the built-in themes' slowest motion is 800 ms.
 * Well below the 4 s without data after which the overlay reports an outage. */
const REST_MS = 1000;

// Evaluated in the page (strings: this project's Node code has no DOM types).
const FONTS_LOADED = 'document.fonts.ready.then(() => true)';
/** Nothing moves: no panel, toast or row in transit (Web Animations), no bar sliding (CSS). */
const AT_REST = 'document.getAnimations().length === 0';

/** An overlay page whose WebSocket passes through a gate that can hold the bridge's messages. */
interface Overlay {
  page: Page;
  /** Holds the feed until `shoot` is done, so the picture shows one moment at rest. */
  still<T>(shoot: () => Promise<T>): Promise<T>;
}

const started = performance.now();
const written: string[] = [];

function buildIfMissing(): void {
  if (existsSync(path.join(top, 'dist', 'overlay', 'index.html'))) return;
  console.log('dist/overlay is missing: building it');
  const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: top,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('vite build failed');
}

async function api<T>(bridge: BridgeProcess, route: string, init?: RequestInit): Promise<T> {
  const res = await fetch(new URL(route, bridge.httpUrl), init);
  if (!res.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${route}: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}

/** Resolves once the live game's clock (from the bridge's WebSocket) reaches `seconds`. */
function gameReaches(bridge: BridgeProcess, seconds: number): Promise<void> {
  const ws = new WebSocket(new URL('ws?role=overlay', bridge.httpUrl.replace(/^http/, 'ws')));
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error(`the demo game did not reach ${seconds} s in time`));
    }, WAIT_MS);
    ws.on('error', reject);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      const state = message.type === 'snapshot' ? message.state : message;
      if (state?.type !== 'state' || state.phase !== 'running' || state.game_seconds < seconds) {
        return;
      }
      clearTimeout(timer);
      ws.close();
      resolve();
    });
  });
}

/** Sets the series the way a caster does, through the control API, once the game's sides exist. */
async function setSeries(bridge: BridgeProcess): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while ((await api<Match>(bridge, 'api/match')).teams.length < SCORES.length) {
    if (Date.now() > deadline) throw new Error('the bridge made no team entries for the game');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const patch = (route: string, body: object) =>
    api(bridge, route, { method: 'PATCH', body: JSON.stringify(body) });
  await patch('api/match', SERIES);
  for (const [team, score] of SCORES.entries()) await patch(`api/teams/${team}`, { score });
}

async function openOverlay(
  context: BrowserContext,
  bridge: BridgeProcess,
  theme: string,
  page_ = 'overlay/',
  ready = '[data-panel="scoreboard"]',
): Promise<Overlay> {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      console.warn(`[${theme}] ${msg.text()}`);
    }
  });
  let held: (string | Buffer)[] | null = null;
  let toPage: ((message: string | Buffer) => void) | null = null;
  await page.routeWebSocket(/\/ws\?/, (ws) => {
    const server = ws.connectToServer();
    toPage = (message) => ws.send(message);
    server.onMessage((message) => (held ? held.push(message) : ws.send(message)));
  });
  const url = new URL(page_, bridge.httpUrl);
  url.searchParams.set('theme', theme);
  await page.goto(url.href);
  await page
    .locator(`html[data-theme="${theme}"]`)
    .waitFor({ state: 'attached', timeout: WAIT_MS });
  await page.locator(ready).waitFor({ timeout: WAIT_MS });
  await page.evaluate(FONTS_LOADED);
  return {
    page,
    async still(shoot) {
      held = [];
      try {
        await page.waitForTimeout(REST_MS);
        await page.waitForFunction(AT_REST, undefined, { timeout: WAIT_MS });
        return await shoot();
      } finally {
        const messages = held;
        held = null;
        for (const message of messages) toPage?.(message);
      }
    },
  };
}

/** A panel's content box plus MARGIN, within the page (a story card's own box: its shadow and
 * corners are part of it). */
async function panelClip(page: Page, panel: Panel) {
  const story = panel === 'postgame' || panel === 'series';
  const parts = await page.locator(`[data-panel="${panel}"]${story ? '' : ' > *'}`).all();
  const boxes = (await Promise.all(parts.map((part) => part.boundingBox()))).flatMap((box) =>
    box && box.width > 0 && box.height > 0 ? [box] : [],
  );
  if (boxes.length === 0) throw new Error(`the ${panel} panel shows nothing`);
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x)) - MARGIN));
  const y = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y)) - MARGIN));
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN;
  return {
    x,
    y,
    width: Math.min(viewport.width, Math.ceil(right)) - x,
    height: Math.min(viewport.height, Math.ceil(bottom)) - y,
  };
}

/** The picture with MARGIN transparent pixels on every side. */
function withMargin(png: Buffer): Buffer {
  const inner = PNG.sync.read(png);
  const outer = new PNG({ width: inner.width + 2 * MARGIN, height: inner.height + 2 * MARGIN });
  outer.data.fill(0);
  PNG.bitblt(inner, outer, 0, 0, inner.width, inner.height, MARGIN, MARGIN);
  return PNG.sync.write(outer);
}

function save(name: string, png: Buffer): void {
  writeFileSync(path.join(outDir, name), png);
  written.push(name);
}

/** An overlay picture, of the whole page or cropped to one panel: real values on screen, nothing
 * but the panels drawn. A page the panel fills edge to edge (the graph's, `filled`) gets MARGIN
 * transparent pixels around it, as OBS composites it over the game. */
async function shootOverlay(
  { page, still }: Overlay,
  name: string,
  panel?: Panel,
  filled = false,
): Promise<void> {
  const marker = page.locator('[role="status"]');
  for (let attempt = 1; ; attempt += 1) {
    const shot = await still(async () => {
      const crop = panel && {
        clip: await panelClip(page, panel),
        // Neighbours' edges and shadows may reach into the margin: hide them for this picture.
        style: `[data-panel]:not([data-panel="${panel}"]) { visibility: hidden !important; }`,
      };
      const png = await page.screenshot({ omitBackground: true, ...crop });
      // While the feed is held a status marker can appear (on a busy machine the hold outlasted
      // the overlay's 4 s before it reports an outage) but not go away: none now, none in `png`.
      return { png, marker: (await marker.allTextContents()).join(' ').trim() };
    });
    if (!shot.marker) {
      const png = filled ? withMargin(shot.png) : shot.png;
      if (PNG.sync.read(png).data[3] !== 0) {
        throw new Error(`${name}: the top-left corner is not transparent`);
      }
      return save(name, png);
    }
    if (attempt === 3) throw new Error(`${name}: the overlay keeps saying "${shot.marker}"`);
    console.warn(`${name}: the overlay said "${shot.marker}"; trying again`);
    await marker.waitFor({ state: 'detached', timeout: WAIT_MS });
  }
}

/** 8v8 in every theme, one theme after the other (the game goes on meanwhile): the events panel
 * as soon as toasts show, then the full layout and the other panels. */
async function twoTeams(browser: Browser, bridge: BridgeProcess): Promise<void> {
  await setSeries(bridge);
  const themes = (await api<ThemeInfo[]>(bridge, 'api/themes')).map((t) => t.name);
  await gameReaches(bridge, H2H_AT_S);
  const context = await browser.newContext({ viewport: FULL_HD });
  let overlay: Overlay | null = null;
  for (const theme of themes) {
    await overlay?.page.close();
    overlay = await openOverlay(context, bridge, theme);
    await overlay.page
      .locator('[data-panel="events"] [data-kind]')
      .nth(TOASTS - 1)
      .waitFor({ timeout: WAIT_MS });
    await shootOverlay(overlay, `${theme}-events.png`, 'events');
    await shootOverlay(overlay, `${theme}-full.png`);
    for (const panel of LAYOUT_PANELS.filter((p) => p !== 'events')) {
      await shootOverlay(overlay, `${theme}-${panel}.png`, panel);
    }
  }
  // The last overlay is still connected, so the control page lists it.
  await shootControlPages(browser, bridge);
  await context.close();
  await leadGraphs(browser, bridge, themes);
}

/** The lead graph in every theme, as a 640 × 200 lower third and a 1920 × 160 strip. */
async function leadGraphs(
  browser: Browser,
  bridge: BridgeProcess,
  themes: string[],
): Promise<void> {
  for (const [size, viewport, query] of [
    ['lower-third', { width: 640, height: 200 }, 'overlay/graph'],
    ['strip', { width: 1920, height: 160 }, 'overlay/graph?size=strip'],
  ] as const) {
    const context = await browser.newContext({ viewport });
    for (const theme of themes) {
      const overlay = await openOverlay(context, bridge, theme, query, '[data-panel="graph"]');
      await overlay.page.waitForFunction(
        'Number(document.querySelector("[data-panel=graph] svg")?.dataset.points) > 100',
        undefined,
        { timeout: WAIT_MS },
      );
      await shootOverlay(overlay, `${theme}-graph-${size}.png`, undefined, true);
      await overlay.page.close();
    }
    await context.close();
  }
}

/** Plays the next `count` demo games of `shape` to the bridge as a widget, as fast as it takes
 * them: each ends with its game over, which puts it on the series' list. */
async function playAsWidget(
  bridge: BridgeProcess,
  games: Generator<Generator<DemoStep>>,
  count: number,
) {
  for (let n = 0; n < count; n += 1) {
    const widget = await WidgetSocket.connect(bridge.tcpPort);
    let sent = 0;
    for (const step of games.next().value as Generator<DemoStep>) {
      if (step.kind !== 'send') continue;
      widget.sendNumbered(step.message);
      if (++sent % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await widget.close();
  }
}

/** The end-of-game screen right after the second of two games, and the series screen. */
async function storyScreens(browser: Browser): Promise<void> {
  const bridge = await startBridgeProcess(['--log-level', 'warn']);
  bridges.push(bridge);
  // Seed 47's first two 2v2 rosters hold only names our fonts can draw.
  const games = demoGames(47, '2v2');
  await playAsWidget(bridge, games, 1);
  await setSeries(bridge);
  await playAsWidget(bridge, games, 1);
  const themes = (await api<ThemeInfo[]>(bridge, 'api/themes')).map((t) => t.name);
  const context = await browser.newContext({ viewport: FULL_HD });
  for (const theme of themes) {
    for (const screen of ['postgame', 'series'] as const) {
      const ready = `[data-panel="${screen}"]`;
      const overlay = await openOverlay(context, bridge, theme, `overlay/${screen}`, ready);
      await shootOverlay(overlay, `${theme}-${screen}.png`, screen);
      await overlay.page.close();
    }
  }
  await context.close();
}

/** A 16-way free-for-all: the resources and compare panels in their many-team forms. */
async function freeForAll(browser: Browser, bridge: BridgeProcess): Promise<void> {
  await gameReaches(bridge, FFA_AT_S);
  const context = await browser.newContext({ viewport: FULL_HD });
  const overlay = await openOverlay(context, bridge, 'default');
  for (const panel of ['resources', 'compare'] as const) {
    await shootOverlay(overlay, `default-ffa16-${panel}.png`, panel);
  }
  await context.close();
}

/** The home page as a browser gets it at the bridge's default address: it builds its URLs from
 * the Host header, so the picture shows the URLs a caster sees, not this run's free port. */
function homePageHtml(bridge: BridgeProcess): Promise<string> {
  const defaults = parseCli([]);
  if (defaults.kind !== 'run') throw new Error('no default run arguments');
  const host = `${defaults.args.host}:${defaults.args.httpPort}`;
  return new Promise((resolve, reject) => {
    get(bridge.httpUrl, { headers: { host } }, (res) => {
      let html = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (html += chunk));
      res.on('end', () => resolve(html));
    }).on('error', reject);
  });
}

/** The control page as a 320 px OBS dock, and the home page with its list of URLs. */
async function shootControlPages(browser: Browser, bridge: BridgeProcess): Promise<void> {
  const dock = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const control = await dock.newPage();
  await control.goto(new URL('control', bridge.httpUrl).href);
  await control.waitForSelector('[data-connection="connected"]');
  await control.waitForSelector('main');
  await control.evaluate(FONTS_LOADED);
  save('control-dock.png', await control.screenshot({ fullPage: true }));
  await dock.close();

  const desk = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const home = await desk.newPage();
  await home.setContent(await homePageHtml(bridge));
  save('home.png', await home.screenshot({ fullPage: true }));
  await desk.close();
}

/** The control page's stream delay and OBS scene sections, the bridge linked to a real OBS. */
async function shootShowSections(browser: Browser): Promise<void> {
  const obs = await startObs(['Game', 'Break', 'Replay', 'Results']);
  const bridge = await startBridgeProcess(
    ['--demo', '--demo-shape', '1v1', ...DEMO, '--delay', '3', '--obs', obs.url],
    { env: { BAR_LIVEDATA_OBS_PASSWORD: obs.password } },
  );
  try {
    const obsScenes = {
      game_start: 'Game',
      pause: 'Break',
      unpause: 'Game',
      game_over: 'Results',
      game_over_after_s: 10,
      next_game: null,
    };
    await fetch(new URL('api/match', bridge.httpUrl), {
      method: 'PATCH',
      body: JSON.stringify({ obs_scenes: obsScenes }),
    });
    const dock = await browser.newContext({ viewport: { width: 320, height: 1400 } });
    const control = await dock.newPage();
    await control.goto(new URL('control', bridge.httpUrl).href);
    await control.waitForSelector('[data-obs-state="connected"]');
    await control.waitForSelector('[name="game-over-after"]');
    // Both clocks running: the delayed one has caught up with the game's start.
    await control.waitForFunction(
      `!/[–]|^0:00$/.test(document.querySelector('[data-clock="shown"]').textContent.trim())`,
    );
    await control.evaluate(FONTS_LOADED);
    const clip = (await control.evaluate(`(() => {
      const boxes = ['delay', 'obs'].map((id) =>
        document.querySelector('[data-section="' + id + '"]').getBoundingClientRect());
      const top = Math.min(...boxes.map((b) => b.top));
      const bottom = Math.max(...boxes.map((b) => b.bottom));
      return { x: 0, y: top - 8, width: 320, height: bottom - top + 16 };
    })()`)) as { x: number; y: number; width: number; height: number };
    save('control-show.png', await control.screenshot({ clip, fullPage: true }));
    await dock.close();
  } finally {
    await bridge.stop();
    await obs.stop();
  }
}

buildIfMissing();
mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser('chromium-current');
const bridges: BridgeProcess[] = [];
/** A bridge playing the demo game of this shape. */
const demo = async (shape: string): Promise<BridgeProcess> => {
  const bridge = await startBridgeProcess(['--demo', '--demo-shape', shape, ...DEMO]);
  bridges.push(bridge);
  return bridge;
};
try {
  const only = process.argv.slice(2);
  if (only.includes('story')) {
    const h2h = await demo('8v8');
    await setSeries(h2h);
    await gameReaches(h2h, H2H_AT_S);
    const themes = (await api<ThemeInfo[]>(h2h, 'api/themes')).map((t) => t.name);
    await leadGraphs(browser, h2h, themes);
  } else if (!only.includes('show')) {
    // Both games run at once, each pictured when it has run long enough (before it ends).
    const [h2h, ffa] = [await demo('8v8'), await demo('ffa16')];
    await Promise.all([twoTeams(browser, h2h), freeForAll(browser, ffa)]);
  }
  // Afterwards: its games are played as fast as the bridge takes them, which would slow the others.
  if (!only.includes('show')) await storyScreens(browser);
  if (!only.includes('story')) await shootShowSections(browser);
} finally {
  await Promise.all(bridges.map((bridge) => bridge.stop()));
  await browser.close();
}
let total = 0;
for (const name of written.sort()) {
  const size = statSync(path.join(outDir, name)).size;
  total += size;
  console.log(`docs/img/${name}  ${(size / 1024).toFixed(0)} KiB`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${written.length} pictures, ${(total / 1024).toFixed(0)} KiB, in ${seconds} s`);
