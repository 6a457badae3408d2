// OBS scene automation against a REAL OBS (Debian's obs-studio 29 with its obs-websocket 5 plugin,
// under xvfb-run): the real bar-livedata command plays a demo game with a bridge-wide delay, and
// OBS's own GetCurrentProgramScene shows the scenes following the delayed game by the caster's
// rules, which come from the match data on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startObs, type ObsProcess } from '../test-support/obs-process.ts';
import { startBridgeProcess, type BridgeProcess } from '../test-support/bridge-process.ts';
import { OverlayClient } from '../test-support/overlay-client.ts';
import { waitFor } from '../test-support/wait.ts';
import { defaultMatch } from '../bridge/match/match-document.ts';
import type { Match, ObsStatus } from '../protocol/types.ts';

const DELAY_S = 1.5;
const GAME_OVER_AFTER_S = 0.3;

let obs: ObsProcess;
let bridge: BridgeProcess | undefined;
let dataDir: string;

/** Every program scene OBS reports, polled with GetCurrentProgramScene, and when. */
const seen: { scene: string; at: number }[] = [];
let polling = true;
async function poll(): Promise<void> {
  while (polling) {
    try {
      const { currentProgramSceneName: scene } = await obs.client.call('GetCurrentProgramScene');
      if (seen.at(-1)?.scene !== scene) seen.push({ scene, at: Date.now() });
    } catch {
      // OBS stopped: the test's own assertions say what is missing
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  obs = await startObs(['Game', 'Break', 'Results']);
  await obs.client.call('SetCurrentProgramScene', { sceneName: 'Results' });
  dataDir = mkdtempSync(path.join(tmpdir(), 'obs-scenes-'));
  const match: Match = {
    ...defaultMatch(),
    obs_scenes: {
      game_start: 'Game',
      pause: 'Break',
      unpause: null, // no rule: the scene stays
      game_over: 'Results',
      game_over_after_s: GAME_OVER_AFTER_S,
      next_game: 'Break',
    },
  };
  writeFileSync(path.join(dataDir, 'match.json'), JSON.stringify(match));
});

afterAll(async () => {
  polling = false;
  await bridge?.stop();
  await obs?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('OBS scenes follow the (delayed) game, from a real OBS', () => {
  it('switches on game start, pause, game over (after its wait) and next game, and nowhere else', async () => {
    void poll();
    await waitFor('the first GetCurrentProgramScene', () => seen.length > 0);
    // Seed 11's first 1v1 game pauses once; at 20x it lasts about 26 s.
    bridge = await startBridgeProcess(
      [
        ...['--demo', '--demo-shape', '1v1', '--seed', '11', '--speed', '20'],
        ...['--delay', String(DELAY_S), '--obs', obs.url, '--data-dir', dataDir],
      ],
      { env: { BAR_LIVEDATA_OBS_PASSWORD: obs.password } },
    );
    const started = Date.now();
    const overlay = await OverlayClient.connect(bridge.httpPort);
    const arrival = new Map<string, number>();
    overlay.ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { type: string; event?: string };
      if (m.type === 'event' && !arrival.has(m.event!)) arrival.set(m.event!, Date.now());
    });

    const status = (await (await fetch(`${bridge.httpUrl}api/obs`)).json()) as ObsStatus;
    expect(status).toMatchObject({ state: 'connected', password_set: true, error: null });
    expect(status.scenes).toEqual(['Game', 'Break', 'Results']);

    await waitFor(
      'the game over scene',
      () => seen.filter((s) => s.scene === 'Results').length === 2,
      { timeoutMs: 60_000 },
    );
    expect(seen.map((s) => s.scene)).toEqual(['Results', 'Game', 'Break', 'Results']);
    const at = (i: number) => seen[i]!.at;
    // The game started 0.15 s in; its switch waited for the delay, as the overlays did.
    expect(at(1) - started).toBeGreaterThanOrEqual(DELAY_S * 1000);
    expect(Math.abs(at(1) - arrival.get('game_start')!)).toBeLessThan(300);
    expect(Math.abs(at(2) - arrival.get('paused')!)).toBeLessThan(300);
    // No switch on unpause (no rule); the game over one after its wait.
    expect(arrival.get('unpaused')).toBeLessThan(at(3));
    expect(at(3) - arrival.get('game_over')!).toBeGreaterThanOrEqual(GAME_OVER_AFTER_S * 1000 - 50);
    expect(at(3) - arrival.get('game_over')!).toBeLessThan(GAME_OVER_AFTER_S * 1000 + 300);

    // The caster's "next game" switches as well.
    expect((await fetch(`${bridge.httpUrl}api/next-game`, { method: 'POST' })).status).toBe(200);
    await waitFor('the next game scene', () => seen.length === 5, { timeoutMs: 5_000 });
    expect(seen[4]!.scene).toBe('Break');
    await overlay.close();
    // The password was given and used, and never written out.
    expect(bridge.stderr()).not.toContain(obs.password);
    expect(bridge.stdout()).not.toContain(obs.password);
  });

  it('keeps serving when OBS closes, says so, and links up again when it is back', async () => {
    await obs.stop();
    polling = false;
    const obsStatus = async () =>
      (await (await fetch(`${bridge!.httpUrl}api/obs`)).json()) as ObsStatus;
    let status = await obsStatus();
    for (const deadline = Date.now() + 10_000; status.state !== 'waiting';) {
      if (Date.now() > deadline) throw new Error(`OBS still ${status.state} after it closed`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await obsStatus();
    }
    expect(status.error).toMatch(/^cannot reach OBS at ws:\/\/127\.0\.0\.1:\d+/);
    expect((await fetch(`${bridge!.httpUrl}status`)).status).toBe(200);
    expect(status.retry_at).toBeGreaterThan(Date.now() - 1_000);

    obs = await startObs(['Game', 'Break', 'Results'], { again: obs });
    for (const deadline = Date.now() + 40_000; status.state !== 'connected';) {
      if (Date.now() > deadline) throw new Error(`OBS back, the bridge still ${status.state}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await obsStatus();
    }
    expect(status).toMatchObject({ error: null, retry_at: null, current_scene: 'Game' });
  });
});
