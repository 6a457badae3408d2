// A bridge restarted between games still has the last game for the end-of-game screen: the real
// bridge, a real widget connection, the real data folder on disk.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../bridge.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import { capturingLogger } from '../../test-support/capturing-logger.ts';
import { waitFor } from '../../test-support/wait.ts';
import { makeHello, makeState } from '../../test-support/game-states.ts';
import type { Snapshot } from '../../protocol/types.ts';
import { LAST_GAME_FILE } from './last-game-file.ts';

const open: Bridge[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function bridgeIn(dataDir: string, logger = capturingLogger('warn')): Promise<Bridge> {
  const bridge = await startBridge({ tcpPort: 0, httpPort: 0, dataDir, logger });
  open.push(bridge);
  return bridge;
}

async function snapshotOf(bridge: Bridge): Promise<Snapshot> {
  const client = await OverlayClient.connect(bridge.httpPort);
  const snapshot = await client.next((m): m is Snapshot => m.type === 'snapshot');
  await client.close();
  return snapshot;
}

/** Plays a 20-second game to its end screen on `bridge`; returns the snapshot once it is saved. */
async function playToTheEnd(bridge: Bridge): Promise<Snapshot> {
  const widget = await WidgetSocket.connect(bridge.tcpPort);
  let seq = 0;
  widget.send({ ...makeHello(), seq: ++seq });
  for (let s = 0; s <= 20; s++)
    widget.send({ ...makeState({ allyTeams: 2, teamsPerAlly: 1, seconds: s }), seq: ++seq });
  widget.send({
    type: 'event',
    schema_version: 1,
    seq: ++seq,
    frame: 600,
    game_seconds: 20,
    event: 'game_over',
    winners: [0],
  });
  widget.send({
    ...makeState({ allyTeams: 2, teamsPerAlly: 1, seconds: 20 }),
    phase: 'over',
    winners: [0],
    seq: seq + 1,
  });
  let before = await snapshotOf(bridge);
  while (before.last_game?.state.phase !== 'over') before = await snapshotOf(bridge);
  await widget.close();
  return before;
}

describe('the last game in the data folder', () => {
  it('survives a restart between games', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bar-livedata-lastgame-'));
    const first = await bridgeIn(dataDir);
    const before = await playToTheEnd(first);
    await first.close();

    const saved = JSON.parse(readFileSync(path.join(dataDir, LAST_GAME_FILE), 'utf8'));
    expect(saved.history.times).toEqual(Array.from({ length: 21 }, (_, i) => i));

    const second = await bridgeIn(dataDir);
    const after = await snapshotOf(second);
    expect(after.state).toBeNull();
    expect(after.history).toBeNull();
    expect(after.last_game).toEqual(before.last_game);
    expect(after.last_game?.game_over?.winners).toEqual([0]);
    expect(after.last_game?.history.teams[1]?.series.army.at(-1)).toBe(1000 + 250 + 20 * 12);
  });

  it('is the game on show again when its widget reconnects from the end screen', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bar-livedata-lastgame-'));
    const first = await bridgeIn(dataDir);
    const before = await playToTheEnd(first);
    await first.close();
    const second = await bridgeIn(dataDir);
    const widget = await WidgetSocket.connect(second.tcpPort);
    widget.send({ ...makeHello(), seq: 40 });
    widget.send({
      ...makeState({ allyTeams: 2, teamsPerAlly: 1, seconds: 21 }),
      phase: 'over',
      winners: [0],
      seq: 41,
    });
    await waitFor('the end screen in', () => second.counters.get('messages_valid') === 2);
    const after = await snapshotOf(second);
    await widget.close();
    expect(after.state?.phase).toBe('over');
    expect(after.history?.game).toBe(before.last_game?.history.game);
    expect(after.history?.times).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(after.last_game).toEqual(before.last_game);
    await second.close();
    const saved = JSON.parse(readFileSync(path.join(dataDir, LAST_GAME_FILE), 'utf8'));
    expect(saved).toEqual(before.last_game);
  });

  it('starts empty, with one line saying why, when the file is broken', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bar-livedata-lastgame-'));
    writeFileSync(path.join(dataDir, LAST_GAME_FILE), '{"type":"finished_game"');
    const logger = capturingLogger('warn');
    const bridge = await bridgeIn(dataDir, logger);
    expect((await snapshotOf(bridge)).last_game).toBeNull();
    expect(logger.lines.join('\n')).toMatch(/last game .*last-game\.json is invalid \(not JSON/);
  });

  it('creates a data folder that is not there yet when it first saves', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'bar-livedata-lastgame-')), 'new');
    const bridge = await bridgeIn(dataDir);
    const widget = await WidgetSocket.connect(bridge.tcpPort);
    widget.send({ ...makeHello(), seq: 1 });
    widget.send({ ...makeState({ allyTeams: 2, teamsPerAlly: 1, seconds: 0 }), seq: 2 });
    widget.send({
      type: 'event',
      schema_version: 1,
      seq: 3,
      frame: 0,
      game_seconds: 0,
      event: 'game_over',
      winners: [1],
    });
    await waitFor('the game over in', () => bridge.counters.get('messages_valid') === 3);
    await widget.close();
    await bridge.close();
    const saved = JSON.parse(readFileSync(path.join(dataDir, LAST_GAME_FILE), 'utf8'));
    expect(saved.game_over.winners).toEqual([1]);
  });
});
