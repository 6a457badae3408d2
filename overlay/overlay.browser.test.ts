// The built overlay in real Chromium (OBS's 103 and 127, and Debian's current), served by a real
// bridge and fed known states by a real TCP widget client. Screenshots go to
// test-artifacts/overlay/ for review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../test-support/in-process-bridge.ts';
import {
  ALL_BROWSERS,
  launchBrowser,
  majorVersion,
  type BrowserKind,
} from '../test-support/browsers.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import { makeHello, makeMatch, makeState } from '../test-support/game-states.ts';
import { rgba, themeTokens, type Rgba } from './test-fixtures/theme-tokens.ts';
import { count, income, rate, short } from '../test-support/expected-text.ts';
import { expectedAllies, share, type TotalKey } from '../test-support/expected-totals.ts';
import type { State } from '../protocol/types.ts';

const top = fileURLToPath(new URL('..', import.meta.url));
const artifacts = path.join(top, 'test-artifacts', 'overlay');
const themesDir = path.join(top, 'themes');
const themes = readdirSync(themesDir).sort();
const PAGES = ['', 'scoreboard', 'resources', 'compare', 'events'] as const;

const STATE: State = makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: 300 });
const MATCH = makeMatch();

let bridge: Bridge;
let widget: WidgetSocket;
let ticker: ReturnType<typeof setInterval> | undefined;
let current: State = STATE;
let userThemes: string;
let dataDir: string;

/** A theme in the caster's --themes-dir that builds on default and sets these tokens. */
function writeChildTheme(
  id: string,
  name: string,
  description: string,
  tokens: [string, string][],
) {
  const dir = path.join(userThemes, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'theme.json'),
    JSON.stringify({ name, description, parent: 'default' }),
  );
  const lines = tokens.map(([token, value]) => `  ${token}: ${value};`);
  writeFileSync(path.join(dir, 'theme.css'), `:root {\n${lines.join('\n')}\n}\n`);
}

function writeUserTheme(color: string): void {
  writeChildTheme('caster', 'Caster', 'Test theme kept outside the install', [
    ['--color-panel-bg', color],
  ]);
}

async function bridgeOn(httpPort = 0, tcpPort = 0): Promise<Bridge> {
  const b = await startBridge({
    tcpPort,
    httpPort,
    themesDir: userThemes,
    dataDir,
    logLevel: 'error',
    themeDebounceMs: 30,
  });
  b.setMatch(MATCH);
  return b;
}

/** Connects a widget that sends the current state every second, as a real one does. */
async function feed(state: State = STATE): Promise<void> {
  widget = await WidgetSocket.connect(bridge.tcpPort);
  widget.sendNumbered(makeHello());
  play(state);
  clearInterval(ticker);
  ticker = setInterval(() => widget.sendNumbered(current), 1000);
}

/** Sends a state now and keeps sending it every second. */
function play(state: State): void {
  current = state;
  widget.sendNumbered(state);
}

const eventBase = { type: 'event', schema_version: 1, frame: 9000, game_seconds: 300 } as const;

function sendEvents(): void {
  widget.sendNumbered({ ...eventBase, event: 'commander_destroyed', team: 2, attacker_team: 0 });
  widget.sendNumbered({
    ...eventBase,
    event: 'unit_finished',
    unit_def: 'armbanth',
    unit_name: 'Bantha',
    team: 0,
    cost: 4000,
  });
}

async function stopFeeding(): Promise<void> {
  clearInterval(ticker);
  await widget.close();
}

beforeAll(async () => {
  if (!existsSync(path.join(top, 'dist', 'overlay', 'index.html'))) {
    throw new Error('dist/overlay is missing: run `npx vite build` first');
  }
  mkdirSync(artifacts, { recursive: true });
  userThemes = mkdtempSync(path.join(tmpdir(), 'overlay-themes-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'overlay-data-'));
  writeUserTheme('#112233e0');
  bridge = await bridgeOn();
  await feed();
});

afterAll(async () => {
  clearInterval(ticker);
  await widget?.close();
  await bridge?.close();
  rmSync(userThemes, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  errors: string[];
  warnings: string[];
  /** alert() and friends: a name run as script would open one. */
  dialogs: string[];
}

async function openPage(
  browser: Browser,
  url: string,
  before?: (page: Page) => Promise<unknown>,
): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  const warnings: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await before?.(page);
  await page.goto(url);
  return { page, errors, warnings, dialogs };
}

const overlayUrl = (pagePath: string, query: string) =>
  `${bridge.httpUrl}overlay/${pagePath}${query ? `?${query}` : ''}`;

/** Waits until the theme is applied and the panels are in. */
async function ready(page: Page, theme: string): Promise<void> {
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
  await present(page, '[data-panel]');
}

// Playwright's own element waits call checkVisibility (Chromium 105+): query the DOM instead.
async function present(page: Page, selector: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector(s) !== null, selector, { timeout });
}

async function absent(page: Page, selector: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector(s) === null, selector, { timeout });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  return page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
}

async function textOf(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? '', selector);
}

/** Polls until the element shows `expected` (numbers tween to their value). */
async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([s, e]) => document.querySelector(s)?.textContent?.trim() === e,
      [selector, expected] as const,
      { timeout: 5000 },
    );
  } catch {
    expect(await textOf(page, selector), selector).toBe(expected);
  }
}

function alphaAt(png: PNG, x: number, y: number): number {
  return png.data[(png.width * y + x) * 4 + 3];
}

function rgbAt(png: PNG, x: number, y: number): [number, number, number] {
  const i = (png.width * y + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

function hexToRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The states whose every figure is checked on screen: head to head, 8v8 and 16-team FFA. */
const SHAPES: [string, State][] = [
  ['2v2', STATE],
  ['8v8', makeState({ allyTeams: 2, teamsPerAlly: 8, seconds: 420 })],
  ['ffa16', makeState({ allyTeams: 16, teamsPerAlly: 1, seconds: 480 })],
];

/** Something the page must show: an element's text, the drawn length of a bar (its width over
 * its track's, 0..1), a share bar's data-share, or the data-metric of every element matching, in
 * order. */
type Shown =
  | { selector: string; text: string }
  | { selector: string; fraction: number }
  | { selector: string; share: string }
  | { selector: string; metrics: string };

/** The compare panel's metrics in its order, and how it writes each (a metric added there fails
 * here until named). */
const COMPARE_METRICS: [TotalKey, (n: number | null) => string][] = [
  ['metalIncome', rate],
  ['energyIncome', rate],
  ['armyValue', short],
  ['damageDealt', short],
  ['metalProduced', short],
];
const compareKeys = COMPARE_METRICS.map(([key]) => key).join(' ');

/** Everything the panels must show for a state with MATCH: every figure, name, rank and bar. */
function shownFor(state: State): Shown[] {
  const allies = expectedAllies(state, MATCH);
  const shown: Shown[] = [];
  const text = (selector: string, value: string) => shown.push({ selector, text: value });
  const bar = (selector: string, fraction: number) => shown.push({ selector, fraction });
  // Group headers only when some ally team has several teams.
  const grouped = allies.some((a) => a.teams.length > 1);
  for (const { id, totals, teams } of allies) {
    const stats = `[data-panel="scoreboard"] :is(.side-stats, .card)[data-ally="${id}"]`;
    text(`${stats} [data-stat="armyValue"] .value`, short(totals.armyValue));
    text(`${stats} [data-stat="metalIncome"] .value`, rate(totals.metalIncome));
    text(`${stats} [data-stat="energyIncome"] .value`, rate(totals.energyIncome));
    text(`${stats} [data-stat="units"] .value`, count(totals.units));
    text(`${stats} [data-stat="kills"]`, count(totals.kills));
    text(`${stats} [data-stat="losses"]`, count(totals.losses));
    text(`${stats} [data-stat="commanders"] .value`, count(totals.commanders));
    if (grouped) {
      const head = `[data-panel="resources"] .group[data-ally="${id}"] .group-head`;
      text(`${head} .metal`, income(totals.metalIncome));
      text(`${head} .energy`, income(totals.energyIncome));
      text(`${head} .build-power`, short(totals.buildPower));
    }
    for (const team of teams) {
      const row = `[data-panel="resources"] [data-team="${team.id}"]`;
      text(`${row} [data-field="name"]`, team.name);
      text(`${row} [data-stat="metal"] .num`, income(team.metalIncome));
      text(`${row} [data-stat="energy"] .num`, income(team.energyIncome));
      text(`${row} [data-stat="buildPower"]`, short(team.buildPower));
      bar(`${row} .metal-fill`, team.metalFill);
      bar(`${row} .energy-fill`, team.energyFill);
    }
  }
  if (allies.length === 2) {
    const [left, right] = allies;
    shown.push({ selector: '[data-panel="compare"] [data-metric]', metrics: compareKeys });
    for (const [key, write] of COMPARE_METRICS) {
      const metric = `[data-panel="compare"] [data-metric="${key}"]`;
      text(`${metric} [data-side="left"]`, write(left.totals[key]));
      text(`${metric} [data-side="right"]`, write(right.totals[key]));
      const leftShare = share(left.totals[key], right.totals[key])!;
      shown.push({ selector: `${metric} .split`, share: leftShare.toFixed(3) });
      bar(`${metric} .left-fill`, leftShare);
    }
  } else {
    for (const { id, rank, name, totals, ofLeader } of allies) {
      const line = `[data-panel="compare"] .line[data-ally="${id}"]`;
      text(`${line} .rank`, String(rank));
      text(`${line} [data-field="name"]`, name);
      shown.push({ selector: `${line} [data-metric]`, metrics: compareKeys });
      for (const [key, write] of COMPARE_METRICS) {
        text(`${line} [data-metric="${key}"] .num`, write(totals[key]));
        bar(`${line} [data-metric="${key}"] .bar-fill`, ofLeader[key]);
      }
    }
  }
  return shown;
}

/** What the page shows for each of `expected`, in the same form. */
function measure(page: Page, expected: Shown[]): Promise<Shown[]> {
  return page.evaluate(
    (list) =>
      list.map((e): Shown => {
        const el = document.querySelector<HTMLElement>(e.selector);
        if ('text' in e) return { selector: e.selector, text: el?.textContent?.trim() ?? '(none)' };
        if ('share' in e) return { selector: e.selector, share: el?.dataset.share ?? '(none)' };
        if ('metrics' in e) {
          const all = [...document.querySelectorAll<HTMLElement>(e.selector)];
          return { selector: e.selector, metrics: all.map((m) => m.dataset.metric).join(' ') };
        }
        const track = el?.parentElement?.getBoundingClientRect().width;
        const fraction = el && track ? el.getBoundingClientRect().width / track : -1;
        return { selector: e.selector, fraction: Math.round(fraction * 1000) / 1000 };
      }),
    expected,
  );
}

/** Bars may be a pixel off their exact length. */
const BAR_TOLERANCE = 0.01;

/** Polls until the page shows all of `expected` (numbers tween, bars slide), then asserts it. */
async function expectShown(page: Page, expected: Shown[]): Promise<void> {
  const wrong = (seen: Shown[]) =>
    seen.filter((s, i) => {
      const e = expected[i];
      return 'fraction' in e && 'fraction' in s
        ? Math.abs(s.fraction - e.fraction) > BAR_TOLERANCE
        : JSON.stringify(s) !== JSON.stringify(e);
    });
  let seen = await measure(page, expected);
  for (let deadline = Date.now() + 5000; wrong(seen).length && Date.now() < deadline;) {
    await page.waitForTimeout(100);
    seen = await measure(page, expected);
  }
  const mismatched = wrong(seen);
  expect(mismatched, 'what the page shows instead').toEqual(
    expected.filter((_e, i) => mismatched.includes(seen[i])),
  );
}

/** A colour token, and where the full layout (showing STATE) draws that colour and nothing else. */
interface ColourProbe {
  token: string;
  selector: string;
  /** A pixel inside the element's box, or `text`: the one of its glyphs nearest the colour. */
  at: ((b: Box) => [number, number]) | 'text';
}

const COLOUR_PROBES: ColourProbe[] = [
  // In the padding of panels, clear of borders, rounded corners and the shadows of neighbours
  // (the resources panel stands alone; the clock box's foot is far from the plates beside it).
  {
    token: '--color-panel-bg',
    selector: '.resources.panel',
    at: (b) => [b.x + 5, b.y + b.height / 2],
  },
  {
    token: '--color-panel-bg-strong',
    selector: '.center',
    at: (b) => [b.x + b.width / 2, b.y + b.height - 4],
  },
  // The 2px rule along the clock box's top.
  { token: '--color-accent', selector: '.center', at: (b) => [b.x + b.width / 2, b.y + 1] },
  {
    token: '--color-metal',
    selector: '[data-team="0"] .metal-fill',
    at: (b) => [b.x + 4, b.y + b.height / 2],
  },
  {
    token: '--color-energy',
    selector: '[data-team="0"] .energy-fill',
    at: (b) => [b.x + 4, b.y + b.height / 2],
  },
  { token: '--color-text-strong', selector: '[data-field="clock"]', at: 'text' },
];
/** Most a channel (alpha included) may differ: 8-bit rounding of translucent pixels. */
const COLOUR_TOLERANCE = 3;

/** A theme in colour syntax Chromium 111 and later draw and 103 does not: each value, and its sRGB
 * (worked out with Björn Ottosson's OKLab matrices). */
const MODERN_TOKENS: Record<string, [string, Rgba]> = {
  '--color-panel-bg': ['oklch(30.2605% 0.03611 249.097 / 0.9)', [32, 48, 64, 230]],
  '--color-panel-bg-strong': ['color-mix(in srgb, #204060, #406080)', [48, 80, 112, 255]],
  '--color-accent': ['oklch(62.4715% 0.1947 3.518)', [224, 69, 123, 255]],
  '--color-metal': ['color(srgb 0.2 0.4 0.6)', [51, 102, 153, 255]],
  '--color-energy': ['oklab(79.2688% 0.05661 0.16138)', [255, 165, 0, 255]],
  '--color-text-strong': ['oklch(91.4995% 0.13039 168.992)', [127, 255, 212, 255]],
};

function writeModernTheme(): void {
  writeChildTheme(
    'modern',
    'Modern',
    'Colours in CSS Color 4 syntax',
    Object.entries(MODERN_TOKENS).map(([token, [value]]) => [token, value]),
  );
}

function pixelAt(png: PNG, x: number, y: number): Rgba {
  const i = (png.width * Math.floor(y) + Math.floor(x)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
}

const colourDistance = (a: Rgba, b: Rgba) => Math.max(...a.map((c, i) => Math.abs(c - b[i])));

/**
 * Screenshots the page at rest and compares each probe's pixel with the colour its token should
 * give; returns "token: what is drawn instead" for every one that differs.
 */
async function tokenColourErrors(page: Page, expected: (token: string) => Rgba): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
  await page.waitForFunction(() => document.getAnimations().length === 0);
  const png = PNG.sync.read(await page.screenshot({ omitBackground: true }));
  const boxes = await page.evaluate(
    (selectors) =>
      selectors.map((s) => {
        const r = document.querySelector(s)?.getBoundingClientRect();
        return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
      }),
    COLOUR_PROBES.map((p) => p.selector),
  );
  const errors: string[] = [];
  COLOUR_PROBES.forEach(({ token, selector, at }, i) => {
    const want = expected(token);
    const b = boxes[i];
    if (!b) return errors.push(`${token}: nothing at ${selector}`);
    let seen: Rgba;
    if (at === 'text') {
      seen = pixelAt(png, b.x, b.y);
      for (let y = Math.ceil(b.y); y < b.y + b.height; y += 1)
        for (let x = Math.ceil(b.x); x < b.x + b.width; x += 1) {
          const p = pixelAt(png, x, y);
          if (colourDistance(p, want) < colourDistance(seen, want)) seen = p;
        }
    } else {
      seen = pixelAt(png, ...at(b));
    }
    if (colourDistance(seen, want) > COLOUR_TOLERANCE)
      errors.push(
        `${token}: rgba(${seen.join(', ')}) at ${selector}, not rgba(${want.join(', ')})`,
      );
  });
  return errors;
}

describe.each(ALL_BROWSERS)('%s', (kind: BrowserKind) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(kind);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads every page in every theme with no console error', async () => {
    for (const theme of themes) {
      for (const p of PAGES) {
        const { page, errors, warnings } = await openPage(browser, overlayUrl(p, `theme=${theme}`));
        await ready(page, theme);
        if (p === 'events' || p === '') sendEvents();
        await page.waitForTimeout(900); // let entry transitions and tweens settle for the picture
        await page.screenshot({
          path: path.join(artifacts, kind, `${theme}-${p || 'full'}.png`),
          omitBackground: true,
        });
        expect(errors, `${theme} ${p || 'full'}`).toEqual([]);
        expect(
          warnings.filter((w) => w.startsWith('[overlay]')),
          `${theme} ${p || 'full'}`,
        ).toEqual([]);
        await page.close();
      }
    }
  });

  it.each(SHAPES)('shows the values of the %s state sent', async (shape, state) => {
    play(state);
    const { page } = await openPage(browser, overlayUrl('', 'theme=default'));
    try {
      await ready(page, 'default');
      await expectShown(page, shownFor(state));
      // Spot checks against hand-computed figures. makeState, per team: army 1000 + 250·id + 12·s
      // (in 2v2 a share of 9450 / 19900), energy income 200 + 40·id + 1.5·s, energy stored
      // (911·id + 53·s) mod 6000 of 6000.
      if (shape === '2v2') {
        await expectShown(page, [
          { selector: '.side-stats[data-ally="1"] [data-stat="armyValue"] .value', text: '10k' },
          { selector: '[data-field="clock"]', text: '5:00' },
          { selector: '.plate[data-ally="0"] [data-field="name"]', text: 'Team Armada' },
          { selector: '.plate[data-ally="1"] [data-field="score"]', text: '2' },
          { selector: '[data-field="series"]', text: 'Game 4 · Bo5' },
          { selector: '[data-team="0"] [data-stat="energy"] .num', text: '+650' },
          { selector: '[data-team="0"] .energy-fill', fraction: 0.65 },
          { selector: '[data-metric="armyValue"] .split', share: '0.475' },
        ]);
      } else if (shape === '8v8') {
        await expectShown(page, [
          { selector: '[data-team="9"] [data-stat="energy"] .num', text: '+1.2k' },
          { selector: '[data-team="9"] .energy-fill', fraction: 459 / 6000 },
          { selector: '[data-team="9"] .metal-fill', fraction: 1353 / 2400 },
        ]);
      } else {
        await expectShown(page, [
          { selector: '.card[data-ally="15"] [data-stat="armyValue"] .value', text: '11k' },
          { selector: '.line[data-ally="15"] .rank', text: '1' },
          { selector: '[data-team="15"] [data-stat="energy"] .num', text: '+1.5k' },
          { selector: '[data-team="15"] .energy-fill', fraction: 3105 / 6000 },
        ]);
      }
    } finally {
      await page.close();
      play(STATE);
    }
  });

  it('plays the demo 8v8 and 16-team FFA on every page, markup in names shown as text', async () => {
    for (const shape of ['8v8', 'ffa16'] as const) {
      const demo = await startBridge({
        tcpPort: 0,
        httpPort: 0,
        dataDir,
        logLevel: 'error',
        demo: { shape, seed: 7, speed: 4 },
      });
      try {
        for (const p of PAGES) {
          const { page, errors, dialogs } = await openPage(
            browser,
            `${demo.httpUrl}overlay/${p}?theme=default`,
          );
          await ready(page, 'default');
          await page.waitForTimeout(1500);
          await page.screenshot({
            path: path.join(artifacts, kind, `demo-${shape}-${p || 'full'}.png`),
            omitBackground: true,
          });
          expect(errors, `${shape} ${p || 'full'}`).toEqual([]);
          expect(dialogs).toEqual([]);
          expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
          if (p === '' || p === 'resources') {
            const names = await page.evaluate(() =>
              [...document.querySelectorAll('[data-panel="resources"] [data-field="name"]')].map(
                (n) => n.textContent,
              ),
            );
            expect(names).toContain('<img src=x onerror=alert(1)>');
          }
          await page.close();
        }
      } finally {
        await demo.close();
      }
    }
  });

  it('follows the match data: its theme when the URL names none, its panels, and reload', async () => {
    const { page } = await openPage(browser, overlayUrl('', ''));
    await ready(page, 'default');
    const pinned = await openPage(browser, overlayUrl('', 'theme=esports'));
    await ready(pinned.page, 'esports');

    const panels = { scoreboard: true, resources: true, compare: false, events: true };
    bridge.setMatch({ ...MATCH, overlay: { panels, theme: 'light' } });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await absent(page, '[data-panel="compare"]');
    await present(page, '[data-panel="scoreboard"]');
    expect(await pinned.page.evaluate(() => document.documentElement.dataset.theme)).toBe(
      'esports',
    );

    bridge.setMatch(MATCH);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'default');
    await present(page, '[data-panel="compare"]');

    // A `reload` message reloads the page. (Playwright loses a Chromium 103 page that reloads
    // itself with a socket open, so the navigation itself is what this checks.)
    await pinned.page.close();
    const navigated = page.waitForEvent('framenavigated');
    bridge.fanout.broadcast({ type: 'reload', schema_version: 1 });
    expect((await navigated).url()).toBe(overlayUrl('', ''));
    await page.close().catch(() => undefined);
  });

  it('credits the casters from the match data on the scoreboard, names as text', async () => {
    const { page, dialogs } = await openPage(browser, overlayUrl('scoreboard', 'theme=default'));
    try {
      await ready(page, 'default');
      expect(await page.evaluate(() => document.querySelector('[data-field="casters"]'))).toBe(
        null,
      );
      const hostile = '<img src=x onerror=alert(1)>';
      bridge.setMatch({
        ...MATCH,
        casters: [
          { name: 'Alex', handle: '@alexcasts' },
          { name: hostile, handle: '' },
        ],
      });
      await present(page, '[data-field="casters"]');
      const credit = await page.evaluate(() =>
        [...document.querySelectorAll('[data-caster]')].map((c) =>
          [...c.children].map((part) => part.textContent),
        ),
      );
      expect(credit).toEqual([['Alex', '@alexcasts'], [hostile]]);
      // Drawn under the clock, in the scoreboard's centre column.
      const strip = await box(page, '[data-field="casters"]');
      const clock = await box(page, '.center');
      expect(strip.y).toBeGreaterThan(clock.y + clock.height);
      expect(strip.x).toBeGreaterThanOrEqual(clock.x - 1);
      expect(strip.x + strip.width).toBeLessThanOrEqual(clock.x + clock.width + 1);
      expect(strip.height).toBeGreaterThan(0);
      await page.screenshot({
        path: path.join(artifacts, kind, 'scoreboard-casters.png'),
        omitBackground: true,
      });
      expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      bridge.setMatch(MATCH);
    }
    await absent(page, '[data-field="casters"]');
    await page.close();
  });

  it('shows event toasts and a game-over banner that leaves when play resumes', async () => {
    const { page } = await openPage(browser, overlayUrl('events', 'theme=default'));
    await ready(page, 'default');
    sendEvents();
    await present(page, '[data-kind="commander"]');
    expect(await textOf(page, '[data-kind="commander"] .title')).toBe('Commander destroyed');
    expect(await textOf(page, '[data-kind="commander"] [data-field="who"]')).toBe('Player 3');
    expect(await textOf(page, '[data-kind="commander"] [data-field="by"]')).toBe('Player 1');
    expect(await textOf(page, '[data-kind="unit-finished"] .title')).toBe('Bantha completed');
    expect(await textOf(page, '[data-kind="unit-finished"] .detail')).toBe('4.0k metal');

    const over: State = {
      ...STATE,
      phase: 'over',
      winners: [0],
      ally_teams: STATE.ally_teams.map((a) => ({ ...a, dead: a.id === 1 })),
    };
    widget.sendNumbered({ ...eventBase, event: 'game_over', winners: [0] });
    play(over);
    await present(page, '[data-field="game-over"]');
    await page.waitForTimeout(600);
    expect(await textOf(page, '[data-field="game-over"] [data-ally="0"]')).toBe('Team Armada');
    await page.screenshot({
      path: path.join(artifacts, kind, 'events-game-over.png'),
      omitBackground: true,
    });
    play(STATE);
    await absent(page, '[data-field="game-over"]');
    await page.close();
  });

  it('has a transparent page; the share bar is drawn in the team colour', async () => {
    const { page } = await openPage(browser, overlayUrl('', 'theme=default'));
    await ready(page, 'default');
    await page.waitForTimeout(1200);
    const png = PNG.sync.read(await page.screenshot({ omitBackground: true }));
    expect([png.width, png.height]).toEqual([1920, 1080]);
    for (const [x, y] of [
      [5, 5],
      [960, 540],
      [300, 700],
      [1915, 1075],
    ]) {
      expect(alphaAt(png, x, y), `alpha at ${x},${y}`).toBe(0);
    }
    const clock = await box(page, '[data-field="clock"]');
    expect(alphaAt(png, Math.round(clock.x + 2), Math.round(clock.y + 2))).toBeGreaterThan(0);

    // The share bar's left part is drawn in the left team's colour (a hex colour from the game).
    const bar = await box(page, '[data-metric="armyValue"] .split');
    const [r, g, b] = rgbAt(png, Math.round(bar.x + 4), Math.round(bar.y + bar.height / 2));
    const [er, eg, eb] = hexToRgb(STATE.teams[0].color);
    expect(Math.abs(r - er) + Math.abs(g - eg) + Math.abs(b - eb)).toBeLessThan(12);
    await page.close();
  });

  it("draws every theme's colour tokens in their colours, and catches one Chromium 103 cannot parse", async () => {
    for (const theme of themes) {
      const tokens = themeTokens(themesDir, theme);
      const { page } = await openPage(browser, overlayUrl('', `theme=${theme}`));
      await ready(page, theme);
      expect(await tokenColourErrors(page, (token) => rgba(tokens.get(token)!)!), theme).toEqual(
        [],
      );
      await page.close();
    }

    // The same check on a theme in colour syntax Chromium 103 lacks: it must fail there, for every
    // token (each declaration using one turns invalid), and pass where the syntax is known.
    writeModernTheme();
    const defaults = themeTokens(themesDir, 'default');
    const { page } = await openPage(browser, overlayUrl('', 'theme=modern'));
    await ready(page, 'modern');
    const errors = await tokenColourErrors(
      page,
      (token) => MODERN_TOKENS[token]?.[1] ?? rgba(defaults.get(token)!)!,
    );
    if (majorVersion(browser) < 111) {
      expect(errors.map((e) => e.split(':')[0])).toEqual(COLOUR_PROBES.map((p) => p.token));
    } else {
      expect(errors).toEqual([]);
    }
    await page.close();
  });

  it('applies a theme edited on disk without reloading the page', async () => {
    writeUserTheme('#112233e0');
    const { page } = await openPage(browser, overlayUrl('resources', 'theme=caster'));
    await ready(page, 'caster');
    const panelBg = () =>
      page.evaluate(
        () => getComputedStyle(document.querySelector('.resources.panel')!).backgroundColor,
      );
    await page.waitForFunction(
      () =>
        getComputedStyle(document.querySelector('.resources.panel')!).backgroundColor ===
        'rgba(17, 34, 51, 0.88)',
    );
    await page.evaluate(() => ((window as unknown as { keep: number }).keep = 42));
    writeUserTheme('#445566');
    await page.waitForFunction(
      () =>
        getComputedStyle(document.querySelector('.resources.panel')!).backgroundColor ===
        'rgb(68, 85, 102)',
      undefined,
      { timeout: 10_000 },
    );
    expect(await panelBg()).toBe('rgb(68, 85, 102)');
    expect(await page.evaluate(() => (window as unknown as { keep?: number }).keep)).toBe(42);
    // Tokens the user theme does not set still come from its parent.
    expect(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--color-energy').trim(),
      ),
    ).toBe('#ffd24a');
    await page.close();
  });

  it('falls back to the default theme with a warning naming a missing theme', async () => {
    const { page, warnings, errors } = await openPage(browser, overlayUrl('', 'theme=nosuch'));
    await ready(page, 'default');
    expect(
      warnings.some((w) => w.includes('theme "nosuch"') && w.includes('using "default"')),
    ).toBe(true);
    // The 404 of nosuch/theme.json is the only error the browser logs.
    expect(errors).toEqual([expect.stringContaining('404')]);
    await page.close();
  });

  it('waits in the built-in look while no theme can be loaded, then retries on reconnect', async () => {
    // A bridge with no game, whose theme files the page cannot reach (as when the bridge restarts
    // while the page fetches them): the "waiting" marker must still show.
    let idle = await startBridge({ tcpPort: 0, httpPort: 0, dataDir, logLevel: 'error' });
    let attempts = 0;
    const unreachable = (page: Page) =>
      page.route('**/themes/**', (route) => {
        if (route.request().url().includes('/esports/theme.json')) attempts += 1;
        return route.abort('connectionrefused');
      });
    const { page, warnings } = await openPage(
      browser,
      `${idle.httpUrl}overlay/?theme=esports`,
      unreachable,
    );
    const pill = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('[data-status]')!);
        return { visibility: style.visibility, background: style.backgroundColor };
      });
    try {
      await present(page, '[data-status="waiting"]');
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('[data-status]')!).visibility === 'visible',
      );
      // The default theme's --color-status-bg (#0b1017c8), built into the overlay.
      expect(await pill()).toEqual({
        visibility: 'visible',
        background: 'rgba(11, 16, 23, 0.784)',
      });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();

      // Retries back off: once four have failed, the next is at least 6.4 s away.
      await expect.poll(() => attempts, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
      await page.unroute('**/themes/**');
      const { httpPort, tcpPort } = idle;
      await idle.close();
      idle = await startBridge({ tcpPort, httpPort, dataDir, logLevel: 'error' });
      const back = Date.now();
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'esports');
      expect(Date.now() - back, 'applied on reconnect, not at the next retry').toBeLessThan(4000);
      expect(await pill()).toEqual({ visibility: 'visible', background: 'rgba(0, 0, 0, 0.9)' });
      // Each failure is reported once, not at every retry.
      expect(warnings.filter((w) => w.includes('theme "esports"'))).toHaveLength(1);
    } finally {
      await page.close();
      await idle.close();
    }
  });

  it('rides out a bridge restart without a disconnected marker, then shows new data', async () => {
    const { page } = await openPage(browser, overlayUrl('', 'theme=default'));
    await ready(page, 'default');
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { statuses: string[] }).statuses = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll<HTMLElement>('[data-status]'))
          seen.push(el.dataset.status!);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const { httpPort, tcpPort } = bridge;
    await stopFeeding();
    await bridge.close();
    await new Promise((resolve) => setTimeout(resolve, 600));
    bridge = await bridgeOn(httpPort, tcpPort);
    await feed({ ...STATE, game_seconds: 301 });
    await expectText(page, '[data-field="clock"]', '5:01');
    const statuses = await page.evaluate(
      () => (window as unknown as { statuses: string[] }).statuses,
    );
    expect(statuses).not.toContain('disconnected');
    await page.close();
  });

  it('marks a lost bridge after a few seconds, keeping the last values', async () => {
    const { page } = await openPage(browser, overlayUrl('scoreboard', 'theme=default'));
    await ready(page, 'default');
    const { httpPort, tcpPort } = bridge;
    await stopFeeding();
    await bridge.close();
    try {
      await present(page, '[data-status="disconnected"]');
      expect(await textOf(page, '[data-status]')).toMatch(/^Disconnected/);
      expect(await textOf(page, '[data-field="clock"]')).toMatch(/^5:0\d$/);
      await page.screenshot({
        path: path.join(artifacts, kind, 'disconnected-scoreboard.png'),
        omitBackground: true,
      });
    } finally {
      bridge = await bridgeOn(httpPort, tcpPort);
      await feed();
    }
    await absent(page, '[data-status]');
    await page.close();
  });
});
