// The control page in a real browser at 320 px wide (an OBS custom dock), against a real bridge
// with a real widget connection and a real overlay page: edits show on the overlay, survive a
// bridge restart, and the page fits the dock. Input goes through the browser's real mouse and
// keyboard; waits poll the DOM (Playwright's visibility checks need Chromium 105+, OBS has 103).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type BrowserKind } from '../../../test-support/browsers.ts';
import { click, type } from '../../test-fixtures/page-input.ts';
import { call } from '../../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../../test-support/control-bridge.ts';
import { sampleHello, sampleState } from '../../../test-support/sample-messages.ts';
import { WidgetSocket } from '../../../test-support/widget-socket.ts';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/overlay');
const DOCK = { width: 320, height: 720 };
// OBS 28–30 docks run Chromium 103; a browser on another PC runs something current.
const KINDS: BrowserKind[] = ['chromium-103', 'chromium-current'];
const POLL = { timeout: 10_000 };

let browser: Browser;
let cb: ControlBridge;
let widget: WidgetSocket;
let feeding: ReturnType<typeof setInterval>;

/** A widget that says hello and keeps sending states, as a running game does. */
async function startGame(): Promise<void> {
  widget = await WidgetSocket.connect(cb.bridge.tcpPort);
  widget.send(sampleHello());
  let seq = 2;
  widget.send(sampleState(seq));
  feeding = setInterval(() => widget.send(sampleState(++seq)), 500);
}
async function stopGame(): Promise<void> {
  clearInterval(feeding);
  await widget.close();
}

const text = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? null, selector);
const value = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.value ?? null, selector);
const attached = (page: Page, selector: string) =>
  page.waitForFunction((s) => document.querySelector(s) !== null, selector, POLL);

async function openControl(base = cb.base, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: DOCK });
  await page.goto(`${base}/control${query}`);
  await attached(page, '[data-connection="connected"]');
  return page;
}

describe.each(KINDS)('/control at 320 px in %s', (kind) => {
  beforeAll(async () => {
    if (!existsSync(path.join(dist, 'control', 'index.html'))) {
      throw new Error('dist/overlay is not built: run `npx vite build` first');
    }
    browser = await launchBrowser(kind);
    cb = await startControlBridge();
    await startGame();
  });
  afterAll(async () => {
    await stopGame();
    await browser?.close();
    await cb?.close();
  });

  it('edits a team name and a score, and the overlay shows them', async () => {
    const overlay = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await overlay.goto(`${cb.base}/overlay/`);
    const name = '[data-ally="0"] [data-field="name"]';
    const score = '[data-ally="1"] [data-field="score"]';
    await attached(overlay, name);

    const control = await openControl();
    const nameField = 'input[aria-label="Team 1 name"]';
    // The field shows, greyed out, the name overlays derive from the players.
    await attached(control, nameField);
    const placeholder = await control.evaluate(
      (s) => document.querySelector<HTMLInputElement>(s)!.placeholder,
      nameField,
    );
    expect(placeholder).toBe(await text(overlay, name));

    await type(control, nameField, 'Armada <b>Kings</b>');
    await expect.poll(() => text(overlay, name), POLL).toBe('Armada <b>Kings</b>');
    expect(await overlay.evaluate(() => document.querySelector('[data-ally="0"] b'))).toBeNull(); // text, never HTML

    const plus = '[aria-label="Team 2 score plus one"]';
    await click(control, plus);
    await expect.poll(() => text(overlay, score), POLL).toBe('1');
    await click(control, plus);
    await expect.poll(() => text(overlay, score), POLL).toBe('2');
    await click(control, '[aria-label="Team 2 score minus one"]');
    await expect.poll(() => text(overlay, score), POLL).toBe('1');
    await expect.poll(() => text(control, '[data-team="1"] [data-score]'), POLL).toBe('1');

    // Hiding a panel reaches the match data overlays follow.
    const panels = async () =>
      (await call(cb.base, 'GET', '/api/match')).body.overlay.panels.scoreboard;
    await click(control, '[data-panel-toggle="scoreboard"]');
    await expect.poll(panels, POLL).toBe(false);
    await click(control, '[data-panel-toggle="scoreboard"]');
    await expect.poll(panels, POLL).toBe(true);

    // Everything fits the dock: nothing wider than 320 px, so no sideways scrolling.
    const width = await control.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(DOCK.width);
    await control.close();
    await overlay.close();
  });

  it('shows and hides the end-of-game and series screens on the overlay pages', async () => {
    const series = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await series.goto(`${cb.base}/overlay/series`);
    const postgame = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await postgame.goto(`${cb.base}/overlay/postgame`);
    await attached(series, '[data-panel="series"]');
    const control = await openControl();
    await expect
      .poll(() => text(control, '[data-screen-state="postgame"]'), POLL)
      .toBe('after game over');

    await click(control, '[data-screen-hide="series"]');
    await expect
      .poll(
        () => series.evaluate(() => document.querySelector('[data-panel="series"]') !== null),
        POLL,
      )
      .toBe(false);
    await expect.poll(() => text(control, '[data-screen-state="series"]'), POLL).toBe('hidden');
    await click(control, '[data-screen-show="series"]');
    await attached(series, '[data-panel="series"]');

    // The game is running: on demand, the end-of-game screen has no finished game to show yet,
    // but the choice is kept and shown.
    await click(control, '[data-screen-show="postgame"]');
    await expect.poll(() => text(control, '[data-screen-state="postgame"]'), POLL).toBe('shown');
    await click(control, '[data-screen-hide="postgame"]');
    await expect
      .poll(
        async () => (await call(cb.base, 'GET', '/api/match')).body.overlay.panels.postgame,
        POLL,
      )
      .toBe(false);
    await control.close();
    await series.close();
    await postgame.close();
  });

  it('lists the live source with the age of its data, and the connected overlays', async () => {
    const overlay = await browser.newPage();
    await overlay.goto(`${cb.base}/overlay/scoreboard`);
    const control = await openControl();
    await expect
      .poll(() => text(control, '[data-source] [data-age]'), POLL)
      .toMatch(/^last data (just now|\d s ago)$/);
    await expect
      .poll(() => text(control, '[data-client]'), POLL)
      .toMatch(/^(overlay|\w+ page) · .*Chromium \d+/);
    await control.close();
    await overlay.close();
  });

  it('shows a refusal from the bridge in one line', async () => {
    const control = await openControl();
    await type(control, 'input[aria-label="Best of"]', '0');
    await expect
      .poll(() => text(control, '[data-notice]'), POLL)
      .toContain('/fields/best_of must be >= 1');
    await control.close();
  });

  it('keeps everything across a bridge restart', async () => {
    await stopGame();
    await cb.close(true);
    cb = await startControlBridge({ dataDir: cb.dataDir });
    await startGame();
    const control = await openControl();
    await expect
      .poll(() => value(control, 'input[aria-label="Team 1 name"]'), POLL)
      .toBe('Armada <b>Kings</b>');
    expect(await text(control, '[data-team="1"] [data-score]')).toBe('1');
    await control.close();
  });

  it('works with a token on a bridge open to the network, and is refused without it', async () => {
    const token = 'dock-token-1234567';
    const open = await startControlBridge({ host: '0.0.0.0', token });
    try {
      const page = await browser.newPage({ viewport: DOCK });
      expect((await page.goto(`${open.base}/control`))?.status()).toBe(401);
      await page.close();
      const control = await openControl(open.base, `?token=${token}`);
      await click(control, '[aria-label="Team 1 score plus one"]');
      await expect.poll(() => text(control, '[data-team="0"] [data-score]'), POLL).toBe('1');
      await control.close();
    } finally {
      await open.close();
    }
  });
});
