import { afterEach, describe, expect, it } from 'vitest';
import {
  startTcpIntake,
  type TcpIntake,
  type TcpIntakeOptions,
  type WidgetConnection,
} from './tcp-intake.ts';
import { Counters } from './counters.ts';
import { encodeFrame } from './frame-encoder.ts';
import { Prng } from './demo/prng.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import { sampleHello, sampleState } from '../test-support/sample-messages.ts';
import { waitFor } from '../test-support/wait.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import type { WidgetMessage } from '../protocol/types.ts';

interface Harness {
  intake: TcpIntake;
  counters: Counters;
  logger: ReturnType<typeof capturingLogger>;
  messages: { id: string; message: WidgetMessage }[];
  closed: string[];
  staleChanges: { id: string; stale: boolean }[];
}

let current: Harness | null = null;
afterEach(async () => {
  await current?.intake.close();
  current = null;
});

async function harness(overrides: Partial<TcpIntakeOptions> = {}): Promise<Harness> {
  const counters = new Counters();
  const logger = capturingLogger();
  const messages: Harness['messages'] = [];
  const closed: string[] = [];
  const staleChanges: Harness['staleChanges'] = [];
  const intake = await startTcpIntake({
    host: '127.0.0.1',
    port: 0,
    maxFrame: 64 * 1024,
    staleAfterMs: 10_000,
    dropAfterMs: 60_000,
    logger,
    counters,
    onConnect: () => undefined,
    onMessage: (conn: WidgetConnection, message) => messages.push({ id: conn.id, message }),
    onStale: (conn) => staleChanges.push({ id: conn.id, stale: conn.stale }),
    onClose: (conn) => closed.push(conn.id),
    ...overrides,
  });
  current = { intake, counters, logger, messages, closed, staleChanges };
  return current;
}

const warnings = (h: Harness): string[] => h.logger.lines.filter((l) => l.includes('WARN'));

describe('tcp intake', () => {
  it('delivers valid messages from several connections, each tagged with its connection', async () => {
    const h = await harness();
    const a = await WidgetSocket.connect(h.intake.port);
    const b = await WidgetSocket.connect(h.intake.port);
    a.send(sampleHello());
    b.send(sampleHello());
    a.send(sampleState());
    await waitFor('three messages', () => h.messages.length === 3);
    expect(new Set(h.messages.map((m) => m.id)).size).toBe(2);
    expect(h.counters.get('messages_valid')).toBe(3);
    await Promise.all([a.close(), b.close()]);
  });

  it('closes only the connection that sent a zero length, with one log line naming peer, reason and bytes', async () => {
    const h = await harness();
    const bad = await WidgetSocket.connect(h.intake.port);
    const good = await WidgetSocket.connect(h.intake.port);
    bad.write(
      Buffer.concat([
        encodeFrame(JSON.stringify(sampleHello())),
        Buffer.from([0, 0, 0, 0, 0xde, 0xad]),
      ]),
    );
    await bad.closed;
    good.send(sampleHello());
    await waitFor('the hello before the error and the good one', () => h.messages.length === 2);
    const lines = warnings(h);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /widget c1 127\.0\.0\.1:\d+: zero-length frame; first bytes 00 00 00 00 de ad; closing/,
    );
    expect(h.counters.get('framing_errors')).toBe(1);
    expect(good.socket.destroyed).toBe(false);
    await good.close();
  });

  it('closes a connection announcing a frame over --max-frame before reading its body', async () => {
    const h = await harness({ maxFrame: 1024 });
    const w = await WidgetSocket.connect(h.intake.port);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(5_000_000);
    w.write(header);
    await w.closed;
    expect(warnings(h)[0]).toContain(
      'frame of 5000000 bytes is over --max-frame 1024; first bytes 00 4c 4b 40',
    );
  });

  it('drops invalid UTF-8, invalid JSON and schema failures but keeps the connection', async () => {
    const h = await harness();
    const w = await WidgetSocket.connect(h.intake.port);
    w.write(encodeFrame('{"type":"hello"'));
    w.write(Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from([0xc3, 0x28, 0x7b])]));
    w.send({ ...sampleHello(), schema_version: 2 });
    w.send(sampleHello());
    await waitFor('the valid hello', () => h.messages.length === 1);
    const lines = warnings(h);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('invalid JSON');
    expect(lines[0]).toContain('first bytes 7b 22 74 79');
    expect(lines[1]).toContain('not valid UTF-8; first bytes c3 28 7b');
    expect(lines[2]).toContain('hello: /schema_version must be equal to constant');
    expect(h.counters.get('frames_bad_json')).toBe(1);
    expect(h.counters.get('frames_bad_utf8')).toBe(1);
    expect(h.counters.get('messages_invalid')).toBe(1);
    expect(w.socket.destroyed).toBe(false);
    await w.close();
  });

  it('logs the first 10 bad frames of a connection, then every 100th saying how many it left out', async () => {
    const h = await harness();
    const w = await WidgetSocket.connect(h.intake.port);
    const garbage = encodeFrame('not json');
    w.write(Buffer.concat(Array.from({ length: 250 }, () => garbage)));
    await waitFor('every bad frame counted', () => h.counters.get('frames_bad_json') === 250);
    const lines = warnings(h);
    expect(lines).toHaveLength(12);
    expect(lines[9]).not.toContain('so far');
    expect(lines[10]).toContain('invalid JSON');
    expect(lines[10]).toContain('(100 so far; 89 since the last line not logged)');
    expect(lines[11]).toContain('(200 so far; 99 since the last line not logged)');
    await w.close();
  });

  it('counts messages the widget dropped (seq gaps) per connection, one line per gap', async () => {
    const h = await harness();
    const a = await WidgetSocket.connect(h.intake.port);
    a.send(sampleHello());
    a.send(sampleState(2));
    a.send({ ...sampleState(3), schema_version: 2 }); // arrived, though invalid: not missed
    for (const seq of [4, 7, 8, 12]) a.send(sampleState(seq));
    await waitFor('the valid messages', () => h.messages.length === 6);
    const b = await WidgetSocket.connect(h.intake.port);
    b.send(sampleHello()); // seq 1 again: a new connection, not a gap
    b.send(sampleState(2));
    await waitFor('the second connection', () => h.messages.length === 8);
    expect(h.counters.get('messages_missed')).toBe(2 + 3);
    const gaps = warnings(h).filter((l) => l.includes('the widget dropped'));
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toMatch(
      /widget c1 127\.0\.0\.1:\d+: seq 4 → 7: the widget dropped 2 messages \(a full queue, or states replaced by newer ones\)$/m,
    );
    expect(gaps[1]).toMatch(
      /seq 8 → 12: the widget dropped 3 messages \(a full queue, or states replaced by newer ones\)$/m,
    );
    await Promise.all([a.close(), b.close()]);
  });

  it('logs refused connections beyond maxConnections, rate-limited, and counts them', async () => {
    const h = await harness({ maxConnections: 2 });
    const kept = await Promise.all([1, 2].map(() => WidgetSocket.connect(h.intake.port)));
    await waitFor('two connections', () => h.counters.get('connections_total') === 2);
    const refused = await Promise.all(
      Array.from({ length: 12 }, () => WidgetSocket.connect(h.intake.port)),
    );
    await Promise.all(refused.map((w) => w.closed));
    expect(h.counters.get('connections_refused')).toBe(12);
    const lines = warnings(h).filter((l) => l.includes('refused'));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/widget connection from 127\.0\.0\.1:\d+ refused: 2 already open$/m);
    for (const w of kept) expect(w.socket.destroyed).toBe(false);
    await Promise.all(kept.map((w) => w.close()));
  });

  it('notices a connection that sends nothing: stale first, then closed', async () => {
    const h = await harness({ staleAfterMs: 150, dropAfterMs: 600 });
    const silent = await WidgetSocket.connect(h.intake.port);
    await waitFor('the stale mark', () => h.staleChanges.length === 1);
    expect(h.staleChanges[0]).toEqual({ id: 'c1', stale: true });
    await silent.closed;
    await waitFor('the bridge side to close', () => h.closed.includes('c1'));
    expect(h.counters.get('connections_dropped_idle')).toBe(1);
  });

  it('clears the stale mark when frames arrive again', async () => {
    const h = await harness({ staleAfterMs: 100, dropAfterMs: 10_000 });
    const w = await WidgetSocket.connect(h.intake.port);
    await waitFor('the stale mark', () => h.staleChanges.length === 1);
    w.send(sampleHello());
    await waitFor('the stale mark cleared', () => h.staleChanges.length === 2);
    expect(h.staleChanges[1]).toEqual({ id: 'c1', stale: false });
    await w.close();
  });

  it('reports a half frame left when the widget closes', async () => {
    const h = await harness();
    const w = await WidgetSocket.connect(h.intake.port);
    w.write(encodeFrame(JSON.stringify(sampleHello())).subarray(0, 40));
    await w.close();
    await waitFor('the close', () => h.closed.length === 1);
    expect(h.messages).toEqual([]);
    expect(
      h.logger.lines.some((l) => l.includes('disconnected with 36 bytes of an unfinished frame')),
    ).toBe(true);
  });

  it('survives random garbage on many connections and still serves a good one', async () => {
    const h = await harness({ maxFrame: 4096 });
    const rng = new Prng(99);
    const sockets = await Promise.all(
      Array.from({ length: 12 }, () => WidgetSocket.connect(h.intake.port)),
    );
    for (const socket of sockets) {
      for (let i = 0; i < 20; i += 1) {
        socket.write(Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255))));
      }
      socket.socket.end();
    }
    await Promise.all(sockets.map((s) => s.closed));
    const good = await WidgetSocket.connect(h.intake.port);
    good.send(sampleHello());
    await waitFor('a hello after the garbage', () =>
      h.messages.some((m) => m.message.type === 'hello'),
    );
    await good.close();
  });
});
