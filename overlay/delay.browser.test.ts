// ?delay=SECONDS in OBS's Chromium 103: the built overlay served by a real bridge, fed by a real TCP
// widget client. A state shows exactly the delay after the bridge received it (measured against its
// received_at, read by a real WebSocket client without delay), and a page loaded mid-game starts from
// the picture of its moment, not the live one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../test-support/in-process-bridge.ts';
import { OverlayClient } from '../test-support/overlay-client.ts';
import { launchBrowser, majorVersion } from '../test-support/browsers.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import { makeHello, makeMatch, makeState } from '../test-support/game-states.ts';
import type { State } from '../protocol/types.ts';

const top = fileURLToPath(new URL('..', import.meta.url));
const DELAY_MS = 5_000;
const TOLERANCE_MS = 100;

let bridge: Bridge;
let widget: WidgetSocket;
let live: OverlayClient;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(path.join(top, 'dist', 'overlay', 'index.html'))) {
    throw new Error('dist/overlay is missing: run `npx vite build` first');
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'overlay-delay-'));
  bridge = await startBridge({ tcpPort: 0, httpPort: 0, dataDir, logLevel: 'error' });
  bridge.setMatch(makeMatch());
  widget = await WidgetSocket.connect(bridge.tcpPort);
  live = await OverlayClient.connect(bridge.httpPort);
  browser = await launchBrowser('chromium-103');
});

afterAll(async () => {
  await browser?.close();
  await live?.close();
  await widget?.close();
  await bridge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const shape = { allyTeams: 2, teamsPerAlly: 2 } as const;

/** Sends a state and returns when the bridge received it (its received_at). */
async function send(seconds: number): Promise<number> {
  const from = live.messages.length;
  widget.sendNumbered(makeState({ ...shape, seconds }));
  const state = (await live.next(
    (m) => m.type === 'state' && m.game_seconds === seconds,
    from,
  )) as State;
  return state.received_at!;
}

/** Epoch ms (the page's clock, the same machine's) when the scoreboard clock first reads `text`:
 * taken in the page as the DOM changes, so Playwright's polling and round trips add nothing. */
async function whenClockReads(page: Page, text: string, timeout: number): Promise<number> {
  return page.evaluate(
    ([t, ms]) =>
      new Promise<number>((resolve, reject) => {
        const reads = () =>
          document.querySelector('[data-field="clock"]')?.textContent?.trim() === t;
        if (reads()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!reads()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => reject(new Error(`the clock did not read ${t} within ${ms} ms`)), ms);
      }),
    [text, timeout] as const,
  );
}

const clockText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-field="clock"]')?.textContent?.trim() ?? null);

describe('?delay=5 in Chromium 103', () => {
  it('is OBS 28-30’s Chromium', () => {
    expect(majorVersion(browser)).toBe(103);
  });

  it('shows a state 5 s after the bridge received it, not before; a reload starts from 5 s ago', async () => {
    widget.sendNumbered(makeHello());
    await send(300); // 5:00
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${bridge.httpUrl}overlay/scoreboard?delay=5`);

    const first = await send(301);
    const shownFirst = await whenClockReads(page, '5:01', DELAY_MS + 2_000);
    expect(shownFirst - first).toBeGreaterThanOrEqual(DELAY_MS - TOLERANCE_MS);
    expect(shownFirst - first).toBeLessThanOrEqual(DELAY_MS + TOLERANCE_MS);

    // A game moves on; the page sees none of it until 5 s later, reload or not.
    const moved = await send(754); // 12:34
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await clockText(page)).toBe('5:01');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-field="clock"]') !== null);
    expect(await clockText(page)).toBe('5:01');
    const shownMoved = await whenClockReads(page, '12:34', DELAY_MS);
    expect(shownMoved - moved).toBeGreaterThanOrEqual(DELAY_MS - TOLERANCE_MS);
    expect(shownMoved - moved).toBeLessThanOrEqual(DELAY_MS + TOLERANCE_MS);
    await page.close();
  });
});
