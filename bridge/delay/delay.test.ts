// The data delay end to end in a real bridge: a real widget socket in, real WebSocket clients and
// HTTP requests out. Per client (`/ws?delay=`) and bridge-wide (`delay`, the match's delay_s).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { once } from 'node:events';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { sampleGameOver, sampleHello, sampleState } from '../../test-support/sample-messages.ts';
import { waitFor } from '../../test-support/wait.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import { call } from '../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../test-support/control-bridge.ts';
import type { Hello, ServerMessage, Snapshot, State } from '../../protocol/types.ts';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function bridge(delay?: number): Promise<ControlBridge> {
  const started = await startControlBridge({ delay });
  open.push(started);
  return started;
}
async function widget(b: ControlBridge): Promise<WidgetSocket> {
  const w = await WidgetSocket.connect(b.bridge.tcpPort);
  open.push(w);
  return w;
}
async function client(b: ControlBridge, query = ''): Promise<OverlayClient> {
  const c = await OverlayClient.connect(b.bridge.httpPort, query);
  open.push(c);
  return c;
}

/** Every message a client got, with when it got it. */
function timed(c: OverlayClient): { at: number; message: ServerMessage }[] {
  const seen: { at: number; message: ServerMessage }[] = [];
  c.ws.on('message', (data) => {
    seen.push({ at: Date.now(), message: JSON.parse(data.toString()) as ServerMessage });
  });
  return seen;
}

const gameMessages = (list: { message: ServerMessage }[]) =>
  list.map((m) => m.message).filter((m) => ['hello', 'state', 'event', 'goodbye'].includes(m.type));

describe('per-client delay (/ws?delay=SECONDS)', () => {
  it('hands every game message on that long after it came, in order; caster data at once', async () => {
    const b = await bridge();
    const live = await client(b);
    const late = await client(b, '?delay=0.8');
    const later = await client(b, '?delay=1.5');
    const [lateSeen, laterSeen] = [timed(late), timed(later)];
    const w = await widget(b);
    w.send(sampleHello());
    w.send(sampleState(2));
    w.send(sampleGameOver(3));
    await live.next((m) => m.type === 'event');
    const got = (live.messages.find((m) => m.type === 'state') as State).received_at!;

    // Caster data is not held back.
    expect((await call(b.base, 'PATCH', '/api/match', { tournament: 'Cup' })).status).toBe(200);
    await waitFor('match, at once', () => lateSeen.some((m) => m.message.type === 'match'), {
      timeoutMs: 500,
    });
    expect(gameMessages(lateSeen)).toEqual([]);

    await waitFor('three late messages', () => gameMessages(laterSeen).length === 3, {
      timeoutMs: 4_000,
    });
    for (const [seen, delayMs] of [
      [lateSeen, 800],
      [laterSeen, 1500],
    ] as const) {
      expect(gameMessages(seen).map((m) => m.type)).toEqual(['hello', 'state', 'event']);
      const state = seen.find((m) => m.message.type === 'state')!;
      expect((state.message as State).received_at).toBe(got);
      expect(state.at - got).toBeGreaterThanOrEqual(delayMs);
      expect(state.at - got).toBeLessThan(delayMs + 150);
    }
    const ids = (await call(b.base, 'GET', '/api/state')).body.clients.map(
      (c: { delay_s: number }) => c.delay_s,
    );
    expect(ids).toEqual([0, 0.8, 1.5]);
  });

  it('starts a client that joins mid-game from the picture of its moment', async () => {
    const b = await bridge();
    const w = await widget(b);
    const live = await client(b);
    w.send(sampleHello());
    w.send({ ...sampleState(2), frame: 300 });
    await live.next((m) => m.type === 'state');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    w.send({ ...sampleState(3), frame: 330 });
    await live.next((m) => m.type === 'state' && m.seq === 3);

    // 0.6 s ago the game stood at frame 300; 2 s ago it had not started.
    const mid = await client(b, '?delay=0.6');
    const snapshot = (await mid.next((m) => m.type === 'snapshot')) as Snapshot;
    expect(snapshot.state?.frame).toBe(300);
    expect(snapshot.hello?.game.map).toBe(sampleHello().game.map);
    const before = (await (
      await client(b, '?delay=2')
    ).next((m) => m.type === 'snapshot')) as Snapshot;
    expect([before.hello, before.state]).toEqual([null, null]);
    // Nor does its list of sources name the game (its hello) before its time.
    expect(before.bridge.source?.hello).toBeNull();
    expect(snapshot.bridge.source?.hello?.game.map).toBe(sampleHello().game.map);
    // ...and then goes on from there: frame 330 comes 0.6 s after it was received.
    const next = (await mid.next((m) => m.type === 'state')) as State;
    expect(next.frame).toBe(330);
    expect(Date.now() - next.received_at!).toBeGreaterThanOrEqual(600);
  });

  it('holds back the history and the finished game made of the game, as far as its picture', async () => {
    const b = await bridge();
    const w = await widget(b);
    const live = await client(b);
    // An overlay at that delay throughout, so the bridge keeps that much of the game.
    await client(b, '?delay=0.6');
    w.send(sampleHello());
    w.send({ ...sampleState(2), game_seconds: 10 });
    await live.next((m) => m.type === 'history');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    w.send({ ...sampleState(3), game_seconds: 11 });
    w.send(sampleGameOver(4));
    await live.next((m) => m.type === 'finished_game' || (m.type === 'event' && m.seq === 4));

    const now = (await (await client(b)).next((m) => m.type === 'snapshot')) as Snapshot;
    expect(now.history?.times).toEqual([10, 11]);
    expect(now.last_game?.game_over?.winners).toEqual([1]);
    // 0.6 s ago the game stood at second 10 and was not over.
    const mid = await client(b, '?delay=0.6');
    const seen = timed(mid);
    const snapshot = (await mid.next((m) => m.type === 'snapshot')) as Snapshot;
    expect(snapshot.state?.game_seconds).toBe(10);
    expect(snapshot.history?.times).toEqual([10]);
    expect(snapshot.last_game).toBeNull();
    // The point of second 11 comes late, right after its state.
    await waitFor('the late point', () => seen.some((m) => m.message.type === 'history'), {
      timeoutMs: 2_000,
    });
    const types = seen.map((m) => m.message.type).filter((t) => t !== 'bridge' && t !== 'match');
    expect(types.slice(0, 2)).toEqual(['state', 'history']);
    const point = seen.find((m) => m.message.type === 'history')!;
    expect(point.message).toMatchObject({ reset: false, times: [11] });
    expect(point.at - (snapshot.hello?.received_at ?? 0)).toBeGreaterThanOrEqual(1_600);
  });

  it('refuses a delay that is not 0 to 600 seconds', async () => {
    const b = await bridge();
    for (const bad of ['601', '-1', 'soon']) {
      const ws = new WebSocket(`ws://127.0.0.1:${b.bridge.httpPort}/ws?delay=${bad}`);
      const [error] = (await once(ws, 'error')) as [Error];
      expect(error.message).toBe('Unexpected server response: 400');
    }
  });
});

describe('bridge-wide delay', () => {
  /** Everything a client or a caster's tool can read, as text, on every route. */
  async function everything(b: ControlBridge): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const route of ['/', '/status', '/api/state', '/api/match', '/api/theme', '/api/themes']) {
      const answer = await fetch(b.base + route);
      expect(answer.status, route).toBe(200);
      out[route] = await answer.text();
    }
    const queries = ['?role=overlay', '?role=control', '?role=overlay&delay=0'];
    const clients = await Promise.all(queries.map((query) => client(b, query)));
    // The snapshot and whatever follows it within half a second.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [i, c] of clients.entries()) {
      out[`/ws${queries[i]}`] = c.messages.map((m) => JSON.stringify(m)).join('\n');
      await c.close();
    }
    return out;
  }

  it('lets nothing newer than the delay leave on /ws, /status or the API', async () => {
    const b = await bridge(3);
    const w = await widget(b);
    const hello: Hello = { ...sampleHello(), game: { ...sampleHello().game, map: 'FreshName' } };
    w.send(hello);
    w.send({ ...sampleState(2), frame: 424242 });
    w.send(sampleGameOver(3));
    const sentAt = Date.now();
    const leaked = await everything(b);
    expect(Date.now() - sentAt).toBeLessThan(3_000);
    for (const [route, text] of Object.entries(leaked)) {
      expect(text, route).not.toContain('FreshName');
      expect(text, route).not.toContain('424242');
      expect(text, route).not.toContain('"winners"');
    }
    // Three seconds on, all of it is out (so the checks above could fail).
    await waitFor('the delay to pass', () => Date.now() - sentAt > 3_100, { timeoutMs: 4_000 });
    const shown = await everything(b);
    for (const route of ['/status', '/api/state', '/ws?role=overlay', '/ws?role=control']) {
      expect(shown[route], route).toContain('FreshName');
    }
    expect(shown['/ws?role=overlay']).toContain('424242');
    expect(shown['/ws?role=control']).toContain('"winners"');
  });

  it('is set on the control page with the match data, never below --delay, and restarts clients', async () => {
    const b = await bridge(1);
    const c = await client(b, '?role=control');
    expect((await call(b.base, 'PATCH', '/api/match', { delay_s: 0 })).status).toBe(200);
    expect(b.bridge.delaySeconds()).toBe(1);
    expect((await call(b.base, 'PATCH', '/api/match', { delay_s: 2.5 })).status).toBe(200);
    expect(b.bridge.delaySeconds()).toBe(2.5);
    await c.closed;
    expect(c.ws.readyState).toBe(WebSocket.CLOSED);
    const again = await client(b, '?role=control');
    await again.next((m) => m.type === 'snapshot');
    const info = (await call(b.base, 'GET', '/api/state')).body.clients;
    expect(info.map((x: { delay_s: number }) => x.delay_s)).toEqual([2.5]);
    const bad = await call(b.base, 'PATCH', '/api/match', { delay_s: 601 });
    expect(bad.status).toBe(400);
  });
});
