// Which games score on a real bridge: a widget's (an in-game BAR replay too), never the bridge's
// own demo or a --replay of a recording, whose game over would otherwise count in the real series.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GameOverEvent, MatchMessage, ServerMessage } from '../../protocol/types.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { sampleGameOver, sampleHello, sampleState } from '../../test-support/sample-messages.ts';
import { waitFor } from '../../test-support/wait.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import { call } from '../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../test-support/control-bridge.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function bridge(options: Parameters<typeof startControlBridge>[0] = {}) {
  const cb = await startControlBridge({ logLevel: 'info', ...options });
  open.push({ close: () => cb.close(options.dataDir !== undefined) });
  const overlay = await OverlayClient.connect(cb.bridge.httpPort, '?role=overlay');
  open.push(overlay);
  return { cb, overlay };
}
const isGameOver = (m: ServerMessage): m is GameOverEvent =>
  m.type === 'event' && m.event === 'game_over';
const scores = async (cb: ControlBridge) =>
  ((await call(cb.base, 'GET', '/api/match')).body.teams as { score: number }[]).map(
    (t) => t.score,
  );
/** The log line saying what a game over did (logged once its point, if any, is saved). */
const outcome = (cb: ControlBridge) =>
  waitFor('a game over outcome', () => cb.logger.lines.find((l) => l.includes('game over (')));
const gameOver = sampleGameOver();

/** A widget plays one game to its end; resolves once overlays have the match it leads to. */
async function playGame(cb: ControlBridge, overlay: OverlayClient, replay: boolean) {
  const widget = await WidgetSocket.connect(cb.bridge.tcpPort);
  const hello = sampleHello();
  widget.send({ ...hello, game: { ...hello.game, replay } });
  widget.send(sampleState());
  const from = overlay.messages.length;
  widget.send(gameOver);
  await overlay.next(
    (m): m is MatchMessage => m.type === 'match' && m.match.last_auto_score !== null,
    from,
  );
  await widget.close();
}

describe('automatic scoring by where the game comes from', () => {
  it('the demo game ends with a game over and scores nothing', async () => {
    const { cb, overlay } = await bridge({ demo: { shape: '1v1', seed: 3, speed: 1000 } });
    const over = await overlay.next(isGameOver);
    expect(over.winners).toHaveLength(1);
    const line = await outcome(cb);
    expect(await scores(cb)).toEqual([0, 0]);
    expect(line).toMatch(/in the demo: no automatic point/);
    expect((await call(cb.base, 'GET', '/api/match')).body.last_auto_score).toBeNull();
  }, 15_000);

  it('a recorded game scores once when played, and not again as a --replay', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bar-replay-score-'));
    const record = path.join(dataDir, 'game.jsonl');
    open.push({ close: () => rm(dataDir, { recursive: true, force: true }) });
    const live = await bridge({ dataDir, record });
    await playGame(live.cb, live.overlay, false);
    expect(await scores(live.cb)).toEqual([0, 1]);
    // The series goes on: next game, and the recording is played back for the highlights.
    expect((await call(live.cb.base, 'POST', '/api/next-game')).status).toBe(200);
    for (const item of open.splice(1).reverse()) await item.close();

    const { cb, overlay } = await bridge({ dataDir, replay: { file: record, speed: 50 } });
    await overlay.next(isGameOver);
    const line = await outcome(cb);
    expect(await scores(cb)).toEqual([0, 1]);
    expect(line).toMatch(/in the replay: no automatic point/);
  }, 15_000);

  it('a BAR replay cast in the game (hello.game.replay) scores: the caster has undo', async () => {
    const { cb, overlay } = await bridge();
    await playGame(cb, overlay, true);
    expect(await scores(cb)).toEqual([0, 1]);
  });
});
