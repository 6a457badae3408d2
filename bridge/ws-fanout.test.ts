import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WsFanout, type WsFanoutOptions } from './ws-fanout.ts';
import type { ClientRole } from '../protocol/client-roles.ts';
import { Counters } from './counters.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import { OverlayClient } from '../test-support/overlay-client.ts';
import { waitFor } from '../test-support/wait.ts';
import type { BridgeStatus, Snapshot } from '../protocol/types.ts';

const status: BridgeStatus = {
  type: 'bridge',
  schema_version: 1,
  build: { version: '0.1.0', commit: null },
  source: null,
  sources: [],
  clients: { overlays: 0, controls: 0 },
  counters: {},
  uptime_s: 0,
};
const snapshot: Snapshot = {
  type: 'snapshot',
  schema_version: 1,
  hello: null,
  state: null,
  game_over: null,
  match: null,
  history: null,
  last_game: null,
  bridge: status,
};

interface Harness {
  fanout: WsFanout;
  port: number;
  counters: Counters;
  changes: number;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(options: Partial<WsFanoutOptions> = {}): Promise<Harness> {
  const counters = new Counters();
  const h = { counters, changes: 0 } as Harness;
  h.fanout = new WsFanout({
    logger: capturingLogger(),
    counters,
    snapshot: () => snapshot,
    onClientsChanged: () => {
      h.changes += 1;
    },
    pingIntervalMs: 60_000,
    maxBufferedBytes: 64 * 1024 * 1024,
    ...options,
  });
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    const role = new URL(req.url!, 'http://x').searchParams.get('role') as ClientRole;
    h.fanout.handleUpgrade(req, socket, head, role, 0);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  h.port = (server.address() as AddressInfo).port;
  cleanups.push(async () => {
    await h.fanout.close();
    server.close();
  });
  return h;
}

/** A fake state/event text with a seq and some padding; the fanout relays text as it is. */
const text = (type: 'state' | 'event', seq: number, pad = 0): Buffer =>
  Buffer.from(JSON.stringify({ type, seq, pad: 'x'.repeat(pad) }));
const seqs = (client: OverlayClient, type: string): number[] =>
  client.messages.filter((m) => m.type === type).map((m) => (m as { seq: number }).seq);

describe('WsFanout', () => {
  it('sends the snapshot first, then every relayed and broadcast message in order, to both roles', async () => {
    const h = await harness();
    const overlay = await OverlayClient.connect(h.port, '?role=overlay&page=scoreboard');
    await waitFor('the overlay', () => h.fanout.counts().overlays === 1);
    const control = await OverlayClient.connect(h.port, '?role=control');
    await waitFor('the control client', () => h.fanout.counts().controls === 1);
    expect(h.fanout.counts()).toEqual({ overlays: 1, controls: 1 });
    h.fanout.relay(text('state', 1), true);
    h.fanout.relay(text('event', 2), false);
    h.fanout.broadcast({ type: 'reload', schema_version: 1 });
    for (const client of [overlay, control]) {
      await waitFor('four messages', () => client.messages.length === 4);
      expect(client.messages.map((m) => m.type)).toEqual(['snapshot', 'state', 'event', 'reload']);
    }
    expect(h.fanout.clients().map((c) => [c.id, c.role, c.page])).toEqual([
      ['ws1', 'overlay', 'scoreboard'],
      ['ws2', 'control', null],
    ]);
    expect(h.fanout.clients()[0]!.peer).toMatch(/^127\.0\.0\.1:\d+$/);
    await overlay.close();
    await waitFor('the overlay to be gone', () => h.fanout.counts().overlays === 0);
    expect(h.changes).toBeGreaterThanOrEqual(3);
  });

  it('gives a slow client only the newest state, never drops its events, and keeps the order', async () => {
    const h = await harness();
    const slow = await OverlayClient.connect(h.port, '?role=overlay');
    const fast = await OverlayClient.connect(h.port, '?role=overlay');
    await waitFor('both clients', () => h.fanout.counts().overlays === 2);
    slow.ws.pause();
    const total = 400;
    const events: number[] = [];
    for (let seq = 1; seq <= total; seq += 1) {
      // Paced, so the fast client's socket can take each state before the next comes.
      await new Promise((resolve) => setImmediate(resolve));
      if (seq % 25 === 0) {
        h.fanout.relay(text('event', seq), false);
        events.push(seq);
      } else {
        h.fanout.relay(text('state', seq, 60_000), true);
      }
    }
    await waitFor('every message at the fast client', () => fast.messages.length === total + 1);
    slow.ws.resume();
    await waitFor('the newest state at the slow client', () =>
      seqs(slow, 'state').includes(total - 1),
    );
    const received = slow.messages.slice(1).map((m) => (m as { seq: number }).seq);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(seqs(slow, 'event')).toEqual(events);
    expect(seqs(slow, 'state').length).toBeLessThan(total - events.length);
    expect(h.counters.get('states_coalesced')).toBeGreaterThan(0);
    expect(seqs(fast, 'state')).toHaveLength(total - events.length);
  }, 20_000);

  it('drops a client whose unread messages pass the limit', async () => {
    const h = await harness({ maxBufferedBytes: 256 * 1024 });
    const stuck = await OverlayClient.connect(h.port);
    await waitFor('the client', () => h.fanout.counts().overlays === 1);
    stuck.ws.pause();
    for (let seq = 1; seq <= 2_000; seq += 1) h.fanout.relay(text('event', seq, 10_000), false);
    await waitFor('the drop', () => h.counters.get('clients_dropped_slow') === 1);
    await waitFor('the client to be gone', () => h.fanout.counts().overlays === 0);
  });

  it('drops a client that does not answer pings and keeps one that does', async () => {
    const h = await harness({ pingIntervalMs: 50 });
    const dead = await OverlayClient.connect(h.port, '', { autoPong: false });
    const alive = await OverlayClient.connect(h.port);
    await dead.closed;
    expect(h.counters.get('clients_dropped_dead')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
  });

  it('passes control clients’ messages to listeners, who can answer that client alone', async () => {
    const h = await harness();
    h.fanout.onClientMessage((client, message) => {
      client.send({ type: 'theme', schema_version: 1, name: message, revision: client.id });
    });
    const control = await OverlayClient.connect(h.port, '?role=control');
    const overlay = await OverlayClient.connect(h.port, '?role=overlay');
    overlay.ws.send('ignored');
    control.ws.send('neon');
    const answer = await control.next((m) => m.type === 'theme');
    expect(answer).toMatchObject({ name: 'neon' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(overlay.messages.map((m) => m.type)).toEqual(['snapshot']);
  });
});
