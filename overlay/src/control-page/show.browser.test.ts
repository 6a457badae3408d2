// The control page's stream delay and OBS scene sections in OBS's Chromium 103 (a 320 px dock),
// against a real bridge linked to a REAL OBS (test-support/obs-process.ts) and fed by a real widget
// socket: the password typed in connects, scenes are picked from OBS's list and stored with the
// match data, and the delay applied holds the game back while the live clock runs on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../../test-support/browsers.ts';
import { click, type } from '../../test-fixtures/page-input.ts';
import { startObs, type ObsProcess } from '../../../test-support/obs-process.ts';
import { call } from '../../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../../test-support/control-bridge.ts';
import { sampleHello, sampleState } from '../../../test-support/sample-messages.ts';
import { waitFor } from '../../../test-support/wait.ts';
import { WidgetSocket } from '../../../test-support/widget-socket.ts';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/overlay');
const POLL = { timeout: 15_000 };

let browser: Browser;
let obs: ObsProcess;
let cb: ControlBridge;
let widget: WidgetSocket;
let feeding: ReturnType<typeof setInterval>;
let page: Page;

const text = (selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? null, selector);
const attached = (selector: string) =>
  page.waitForFunction((s) => document.querySelector(s) !== null, selector, POLL);

beforeAll(async () => {
  if (!existsSync(path.join(dist, 'control', 'index.html'))) {
    throw new Error('dist/overlay is not built: run `npx vite build` first');
  }
  obs = await startObs(['Game', 'Break', 'Results']);
  // No password given: the caster types it on the control page.
  cb = await startControlBridge({ obs: { url: obs.url, password: null } });
  widget = await WidgetSocket.connect(cb.bridge.tcpPort);
  widget.send(sampleHello());
  // A game clock that runs ten game seconds per second.
  let seq = 2;
  feeding = setInterval(() => {
    widget.send({ ...sampleState(seq), game_seconds: seq + 100 });
    seq += 1;
  }, 100);
  browser = await launchBrowser('chromium-103');
  page = await browser.newPage({ viewport: { width: 320, height: 1400 } });
  await page.goto(`${cb.base}/control`);
});

afterAll(async () => {
  clearInterval(feeding);
  await widget?.close();
  await browser?.close();
  await cb?.close();
  await obs?.stop();
});

describe('/control: stream delay and OBS scenes, Chromium 103, real OBS', () => {
  it('asks for the password, connects with the one typed in, and offers OBS’s scenes', async () => {
    // The link retries by itself (waiting, connecting, waiting): wait for the refusal to be named.
    await expect
      .poll(() => text('[data-obs-state="waiting"]'), POLL)
      .toMatch(/OBS asks for a password/);
    await type(page, '[name="obs-password"]', obs.password);
    await attached('[data-obs-state="connected"]');
    const options = await page.evaluate(() =>
      [...document.querySelectorAll('[name="scene-pause"] option')].map((o) => o.textContent),
    );
    expect(options).toEqual(['— no switch —', 'Game', 'Break', 'Results']);
    // Never shown back, never logged.
    expect(
      await page.evaluate(
        () => document.querySelector<HTMLInputElement>('[name="obs-password"]')!.value,
      ),
    ).toBe('');
    expect(cb.logger.lines.join('\n')).not.toContain(obs.password);
  });

  it('stores a scene per event with the match data', async () => {
    // Keyboard on the focused list, as a caster without a mouse would: B picks "Break".
    await click(page, '[name="scene-game_start"]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.press('b');
    let match = (await call(cb.base, 'GET', '/api/match')).body;
    for (const deadline = Date.now() + 10_000; match.obs_scenes?.pause !== 'Break';) {
      if (Date.now() > deadline) throw new Error('the scene picked was not stored');
      await new Promise((resolve) => setTimeout(resolve, 100));
      match = (await call(cb.base, 'GET', '/api/match')).body;
    }
    expect(match.obs_scenes).toEqual({
      game_start: null,
      pause: 'Break',
      unpause: null,
      game_over: null,
      game_over_after_s: 0,
      next_game: null,
    });
  });

  it('applies a delay: the live clock runs on, the page’s own game is that much behind', async () => {
    await type(page, '[name="delay"]', '3');
    await waitFor('the delay to be applied', () => cb.bridge.delaySeconds() === 3);
    await page.waitForFunction(() => document.querySelector('[data-connection="connected"]'));
    expect((await call(cb.base, 'GET', '/api/match')).body.delay_s).toBe(3);
    // After a few seconds both clocks run; 3 s is 30 game seconds here, less up to 10 for the live
    // clock, which the bridge sends the page once a second.
    await page.waitForTimeout(4_500);
    const clock = (s: string | null) => {
      const [m, sec] = (s ?? '').split(':').map(Number);
      return m! * 60 + sec!;
    };
    const live = clock(await text('[data-clock="live"]'));
    const shown = clock(await text('[data-clock="shown"]'));
    expect(live - shown).toBeGreaterThanOrEqual(19);
    expect(live - shown).toBeLessThanOrEqual(32);
  });
});
