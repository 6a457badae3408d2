// @vitest-environment node
// Against a real `ws` server on an ephemeral port, with `ws`'s client standing in for the browser's
// WebSocket (same interface; the browser's own is exercised by the browser tests).
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket as ServerSocket, WebSocketServer as Server } from 'ws';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { ReconnectingSocket, backoffDelay, type WebSocketClass } from './socket.ts';
import type { ServerMessage } from '../../../protocol/types.ts';
import snapshot from '../../../protocol/fixtures/snapshot.json' with { type: 'json' };

// This project resolves packages for the browser, where `ws` has no server: load Node's build.
const ws = createRequire(import.meta.url)('ws') as typeof import('ws');
const { WebSocketServer } = ws;
const Client = ws.WebSocket as unknown as WebSocketClass;

describe('backoffDelay', () => {
  it('doubles from the minimum up to the cap, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, {}, mid))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
    expect(backoffDelay(0, {}, () => 0)).toBe(200);
    expect(backoffDelay(0, {}, () => 1)).toBe(300);
    expect(backoffDelay(3, { minDelayMs: 10, maxDelayMs: 50 }, mid)).toBe(50);
  });
});

interface Recorder {
  events: string[];
  messages: ServerMessage[];
  waitFor(predicate: () => boolean, ms?: number): Promise<void>;
}

function recorder(): Recorder & ConstructorParameters<typeof ReconnectingSocket>[1] {
  const r = {
    events: [] as string[],
    messages: [] as ServerMessage[],
    onOpen: () => r.events.push('open'),
    onClose: () => r.events.push('close'),
    onMessage: (m: ServerMessage) => r.messages.push(m),
    async waitFor(predicate: () => boolean, ms = 5000) {
      const end = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > end) throw new Error(`timed out; events: ${r.events.join(',')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
  return r;
}

let server: Server | null = null;
let client: ReconnectingSocket | null = null;

afterEach(async () => {
  client?.stop();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

async function listen(port = 0): Promise<number> {
  server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((resolve) => server!.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

describe('ReconnectingSocket', () => {
  it('receives parsed messages and reconnects after the server drops it', async () => {
    const port = await listen();
    const sockets: ServerSocket[] = [];
    server!.on('connection', (ws) => {
      sockets.push(ws);
      ws.send(JSON.stringify(snapshot));
    });
    const r = recorder();
    client = new ReconnectingSocket(`ws://127.0.0.1:${port}/ws`, r, { minDelayMs: 20 }, Client);
    client.start();
    await r.waitFor(() => r.messages.length === 1);
    expect(r.messages[0].type).toBe('snapshot');

    sockets[0].terminate();
    await r.waitFor(() => r.messages.length === 2);
    expect(r.events).toEqual(['open', 'close', 'open']);
  });

  it('keeps retrying while the bridge is down and connects when it is back', async () => {
    const port = await listen();
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    const r = recorder();
    client = new ReconnectingSocket(
      `ws://127.0.0.1:${port}/ws`,
      r,
      {
        minDelayMs: 20,
        maxDelayMs: 40,
      },
      Client,
    );
    client.start();
    await r.waitFor(() => r.events.filter((e) => e === 'close').length >= 3);
    expect(r.events).not.toContain('open');
    await listen(port);
    await r.waitFor(() => r.events.includes('open'));
  });

  it('skips frames that are not protocol JSON', async () => {
    const port = await listen();
    server!.on('connection', (ws) => {
      ws.send('not json');
      ws.send('[1,2]');
      ws.send(JSON.stringify({ type: 'reload', schema_version: 1 }));
    });
    const r = recorder();
    client = new ReconnectingSocket(`ws://127.0.0.1:${port}/ws`, r, {}, Client);
    client.start();
    await r.waitFor(() => r.messages.length === 1);
    expect(r.messages[0].type).toBe('reload');
  });

  it('stays closed after stop()', async () => {
    const port = await listen();
    const r = recorder();
    client = new ReconnectingSocket(`ws://127.0.0.1:${port}/ws`, r, { minDelayMs: 10 }, Client);
    client.start();
    await r.waitFor(() => r.events.includes('open'));
    client.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server!.clients.size).toBe(0);
    expect(r.events).toEqual(['open']);
  });
});
