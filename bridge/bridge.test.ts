import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge, type BridgeOptions } from './bridge.ts';
import { BridgeStartError } from './start-checks.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import {
  demoMessages,
  sampleGameOver,
  sampleHello,
  sampleState,
  withoutReceivedAt,
} from '../test-support/sample-messages.ts';
import { OverlayClient } from '../test-support/overlay-client.ts';
import { waitFor } from '../test-support/wait.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import { encodeFrame } from './frame-encoder.ts';
import { validateServerMessage } from '../protocol/validate.ts';
import type { BridgeStatus, ServerMessage, Snapshot, State } from '../protocol/types.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function bridge(options: BridgeOptions = {}): Promise<Bridge> {
  const started = await startBridge({
    tcpPort: 0,
    httpPort: 0,
    logger: capturingLogger('warn'),
    builtinThemesDir: path.join(tmpdir(), 'bar-livedata-no-themes'),
    ...options,
  });
  open.push(started);
  return started;
}
async function widget(b: Bridge): Promise<WidgetSocket> {
  const w = await WidgetSocket.connect(b.tcpPort);
  open.push(w);
  return w;
}
async function overlay(b: Bridge, query = ''): Promise<OverlayClient> {
  const c = await OverlayClient.connect(b.httpPort, query);
  open.push(c);
  return c;
}

const isBridge = (m: ServerMessage): m is BridgeStatus => m.type === 'bridge';
const isState = (m: ServerMessage): m is State => m.type === 'state';

describe('bridge: widget → overlays', () => {
  it('relays the live source with received_at, and a late joiner gets hello and state in its snapshot', async () => {
    const b = await bridge();
    const early = await overlay(b);
    const w = await widget(b);
    const [hello, state] = demoMessages(2);
    const before = Date.now();
    w.send(hello);
    w.send(state);
    const relayed = await early.next(isState);
    expect(withoutReceivedAt(relayed)).toEqual(state);
    expect(relayed.received_at).toBeGreaterThanOrEqual(before);
    expect(early.messages[0]?.type).toBe('snapshot');
    const connected = await early.next(
      (m): m is BridgeStatus => isBridge(m) && m.source?.id === 'c1',
    );
    expect(connected.source?.hello?.game.map).toBe((hello as { game: { map: string } }).game.map);

    const late = await overlay(b, '?role=control');
    const snapshot = (await late.next((m) => m.type === 'snapshot')) as Snapshot;
    expect(withoutReceivedAt(snapshot.hello!)).toEqual(hello);
    expect(withoutReceivedAt(snapshot.state!)).toEqual(state);
    expect(snapshot.bridge.clients).toEqual({ overlays: 1, controls: 1 });
  });

  it('lets a newer hello take over; the old connection is listed but not relayed', async () => {
    const b = await bridge();
    const client = await overlay(b);
    const first = await widget(b);
    first.send(sampleHello());
    await client.next((m) => isBridge(m) && m.source?.id === 'c1');
    const second = await widget(b);
    second.send(sampleHello());
    const takeover = await client.next(
      (m): m is BridgeStatus => isBridge(m) && m.source?.id === 'c2',
    );
    expect(takeover.sources.map((s) => [s.id, s.live])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    const from = client.messages.length;
    first.send(sampleState(50));
    second.send(sampleState(60));
    const relayed = await client.next(isState, from);
    expect(relayed.seq).toBe(60);
    await waitFor('the ignored state', () => b.counters.get('messages_ignored') === 1);
    expect(
      client.messages
        .slice(from)
        .filter(isState)
        .map((s) => s.seq),
    ).toEqual([60]);
  });

  it('keeps the last state when the live source sends half a frame and closes', async () => {
    const b = await bridge();
    const client = await overlay(b);
    const w = await widget(b);
    w.send(sampleHello());
    w.send(sampleState(2));
    await client.next(isState);
    w.write(encodeFrame(JSON.stringify(sampleState(3))).subarray(0, 100));
    await w.close();
    const gone = await client.next((m): m is BridgeStatus => isBridge(m) && m.sources.length === 0);
    expect(gone.source).toBeNull();
    const late = await overlay(b);
    const snapshot = (await late.next((m) => m.type === 'snapshot')) as Snapshot;
    expect(snapshot.state?.seq).toBe(2);
    expect(snapshot.bridge.source).toBeNull();
  });

  it('coalesces states for a slow overlay end to end while events all arrive', async () => {
    const b = await bridge();
    const slow = await overlay(b);
    const w = await widget(b);
    w.send(sampleHello());
    await slow.next((m) => m.type === 'hello');
    slow.ws.pause();
    const big = sampleState();
    // Pad names so each state is ~200 KB: the slow client's socket fills quickly.
    big.players = big.players.map((p) => ({ ...p, name: p.name + ' '.repeat(10_000) }));
    for (let seq = 10; seq < 250; seq += 1) {
      w.send(
        seq % 40 === 0
          ? {
              type: 'event',
              schema_version: 1,
              seq,
              frame: 1,
              game_seconds: 1,
              event: 'game_start',
            }
          : { ...big, seq },
      );
    }
    await waitFor('all messages relayed', () => b.counters.get('messages_relayed') >= 241);
    slow.ws.resume();
    await slow.next((m) => isState(m) && m.seq === 249);
    const events = slow.messages
      .filter((m) => m.type === 'event')
      .map((m) => (m as { seq: number }).seq);
    expect(events).toEqual([40, 80, 120, 160, 200, 240]);
    expect(slow.messages.filter(isState).length).toBeLessThan(200);
    expect(b.counters.get('states_coalesced')).toBeGreaterThan(0);
  }, 20_000);

  it('closes a widget that breaks framing without disturbing the live one', async () => {
    const b = await bridge();
    const client = await overlay(b);
    const live = await widget(b);
    live.send(sampleHello());
    const bad = await widget(b);
    bad.write(Buffer.from([0, 0, 0, 0]));
    await bad.closed;
    live.send(sampleState(9));
    expect((await client.next(isState)).seq).toBe(9);
    expect(b.status().counters.framing_errors).toBe(1);
  });

  it('counts missed messages and bad UTF-8 in /status and bridge messages, every counter in the schema', async () => {
    const b = await bridge();
    const client = await overlay(b);
    const w = await widget(b);
    w.send(sampleHello());
    w.send(sampleState(2));
    w.send(sampleState(6));
    w.write(Buffer.from([0, 0, 0, 2, 0xc3, 0x28]));
    await waitFor('every frame', () => b.counters.get('frames_in') === 4);
    const status = (await (await fetch(`${b.httpUrl}status`)).json()) as BridgeStatus;
    expect(status.counters).toMatchObject({ messages_missed: 3, frames_bad_utf8: 1 });
    expect(status.counters.frames_bad_json).toBe(0);
    expect(validateServerMessage(status)).toMatchObject({ ok: true });
    const from = client.messages.length;
    await w.close();
    const gone = await client.next(
      (m): m is BridgeStatus => isBridge(m) && m.sources.length === 0,
      from,
    );
    expect(gone.counters).toMatchObject({ messages_missed: 3, frames_bad_utf8: 1 });
  });

  it('marks a silent live source stale, then drops it', async () => {
    const b = await bridge({ staleAfterMs: 150, dropAfterMs: 700 });
    const client = await overlay(b);
    const w = await widget(b);
    w.send(sampleHello());
    const stale = await client.next(
      (m): m is BridgeStatus => isBridge(m) && m.source?.stale === true,
    );
    expect(stale.source?.id).toBe('c1');
    await w.closed;
    await client.next((m) => isBridge(m) && m.sources.length === 0);
  });
});

describe('bridge: control seams', () => {
  it('selects another source, sets the match, and tells listeners about live messages', async () => {
    const seen: string[] = [];
    const b = await bridge({
      plugins: [
        (bridge) =>
          bridge.onLiveMessage((message, source) => seen.push(`${source}:${message.type}`)),
      ],
    });
    const client = await overlay(b);
    const a = await widget(b);
    a.send(sampleHello());
    a.send(sampleState(2));
    a.send(sampleGameOver(3));
    const other = await widget(b);
    other.send(sampleHello());
    await client.next((m) => isBridge(m) && m.source?.id === 'c2');
    expect(b.selectSource('c2x')).toBe(false);
    const from = client.messages.length;
    expect(b.selectSource('c1')).toBe(true);
    await client.next((m) => isBridge(m) && m.source?.id === 'c1', from);
    // The picked game as it stands, its game over included (its banner and when it ended); its
    // history starts anew from its state (the bridge keeps the live source's only), and the game
    // the overlays showed before is put aside as the last game.
    const relayed = client.messages.slice(from).filter((m) => m.type !== 'bridge');
    expect(relayed.map((m) => ('seq' in m ? `${m.type}:${m.seq}` : m.type))).toEqual([
      'hello:1',
      'state:2',
      'finished_game',
      'history',
      'event:3',
    ]);
    expect(seen).toEqual(['c1:hello', 'c1:state', 'c1:event', 'c2:hello']);
    const picked = (await (await overlay(b)).next((m) => m.type === 'snapshot')) as Snapshot;
    expect(picked.game_over).toMatchObject({ seq: 3, winners: [1] });
    expect(picked.game_over!.received_at).toEqual(expect.any(Number));

    const match = {
      tournament: 'Cup',
      stage: 'Final',
      best_of: 3,
      casters: [],
      teams: [],
      overlay: {
        panels: { scoreboard: true, resources: true, compare: false, events: true },
        theme: null,
      },
      auto_score: false,
      last_auto_score: null,
    };
    b.setMatch(match);
    expect(await client.next((m) => m.type === 'match')).toEqual({
      type: 'match',
      schema_version: 1,
      match,
    });
    const late = await overlay(b);
    expect(((await late.next((m) => m.type === 'snapshot')) as Snapshot).match).toEqual(match);
  });

  it('sends a theme message when a theme file is edited on disk', async () => {
    const themesDir = await mkdtemp(path.join(tmpdir(), 'bar-themes-'));
    await mkdir(path.join(themesDir, 'neon'));
    await writeFile(path.join(themesDir, 'neon', 'theme.css'), ':root { --accent: #0ff; }\n');
    const b = await bridge({ themesDir, themeDebounceMs: 50 });
    const client = await overlay(b);
    await client.next((m) => m.type === 'snapshot');
    await writeFile(path.join(themesDir, 'neon', 'theme.css'), ':root { --accent: #f0f; }\n');
    expect(await client.next((m) => m.type === 'theme')).toEqual({
      type: 'theme',
      schema_version: 1,
      name: 'neon',
      revision: 1,
    });
  });

  it('refuses an unusable token and a port in use, naming the flag', async () => {
    const short = await startBridge({ token: 'short', tcpPort: 0, httpPort: 0 }).catch(
      (e: unknown) => e,
    );
    expect(short).toBeInstanceOf(BridgeStartError);
    expect((short as BridgeStartError).flag).toBe('--token');
    const b = await bridge();
    const error = await startBridge({
      tcpPort: b.tcpPort,
      httpPort: 0,
      logger: capturingLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeStartError);
    expect((error as BridgeStartError).flag).toBe('--tcp-port');
    expect((error as Error).message).toMatch(/already in use/);
  });

  it('enforces a token it was given on status and WebSocket', async () => {
    const b = await bridge({ token: 'a-long-enough-token' });
    expect(b.token).toBe('a-long-enough-token');
    expect((await fetch(`${b.httpUrl}status`)).status).toBe(401);
    expect((await fetch(`${b.httpUrl}status?token=a-long-enough-token`)).status).toBe(200);
    const home = await (await fetch(`${b.httpUrl}?token=a-long-enough-token`)).text();
    expect(home).toContain(`<code>${b.httpUrl}control?token=a-long-enough-token</code>`);
    await expect(OverlayClient.connect(b.httpPort)).rejects.toThrow(/401/);
    const client = await overlay(b, '?token=a-long-enough-token');
    expect((await client.next((m) => m.type === 'snapshot')).type).toBe('snapshot');
  });
});
