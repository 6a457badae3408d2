// Relay latency, TCP write → WebSocket receive, p50/p99, with 1 and 10 clients, at 30 msg/s and at
// full speed, for the bridge and for a bare relay (bare-relay.ts). Budget: the bridge's p99 at most
// 1.5× the bare relay's at 10 clients, 30 msg/s.
// Both relays run at the same time, each in its own process (the bridge as the real command), fed
// the same states by the same widget loop here (alternating which gets each state first) and read
// by the same number of clients here: whatever else the machine does hits both alike. At full
// speed the bridge coalesces states for clients that fall behind (by design), so it delivers fewer
// than were sent.
import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { startBridgeProcess, type BridgeProcess } from '../../test-support/bridge-process.ts';
import { encodeFrame } from '../frame-encoder.ts';
import { sampleHello } from '../../test-support/sample-messages.ts';
import { fmt, percentile, stateTexts } from './fixtures.ts';

const RELAYS = ['bare', 'bridge'] as const;
type Relay = (typeof RELAYS)[number];
type Rate = 30 | 'full';

const texts = stateTexts(400);
const COUNT: Record<string, number> = { 30: 900, full: 3_000 };
/** States sent first and not measured, so neither relay is timed while its JIT warms up. */
const WARM_UP = 200;

/** The seq of a relayed state, read without parsing the whole message. */
function stateSeq(data: Buffer): number | null {
  const head = data.toString('latin1', 0, 80);
  if (!head.startsWith('{"type":"state"')) return null;
  const match = /"seq":(\d+)/.exec(head);
  return match ? Number(match[1]) : null;
}

interface Side {
  proc: BridgeProcess;
  widget: net.Socket;
  clients: WebSocket[];
  sentAt: Float64Array;
  latencies: number[];
  lastSeen: number[];
}

async function side(relay: Relay, clientCount: number, count: number): Promise<Side> {
  const proc = await (relay === 'bridge'
    ? startBridgeProcess(['--log-level', 'warn'])
    : startBridgeProcess([], { entry: ['--import', 'tsx', 'bridge/bench/bare-relay.ts'] }));
  const s: Side = {
    proc,
    widget: new net.Socket(),
    clients: [],
    sentAt: new Float64Array(count + 2),
    latencies: [],
    lastSeen: [],
  };
  s.clients = await Promise.all(
    Array.from({ length: clientCount }, async (_, i) => {
      const ws = new WebSocket(`ws://127.0.0.1:${proc.httpPort}/ws`);
      s.lastSeen[i] = 0;
      ws.on('message', (data: Buffer) => {
        const seq = stateSeq(data);
        if (seq === null || seq > count + 1) return;
        s.latencies.push(performance.now() - s.sentAt[seq]!);
        s.lastSeen[i] = seq;
      });
      await once(ws, 'open');
      return ws;
    }),
  );
  s.widget = net.connect({ host: '127.0.0.1', port: proc.tcpPort });
  await once(s.widget, 'connect');
  s.widget.setNoDelay(true);
  s.widget.write(encodeFrame(JSON.stringify(sampleHello())));
  return s;
}

const frame = (i: number, seq: number): Buffer =>
  encodeFrame(texts[i % texts.length]!.replace(/"seq":\d+/, `"seq":${seq}`));

async function write(s: Side, data: Buffer): Promise<void> {
  if (!s.widget.write(data)) await once(s.widget, 'drain');
}

interface Result {
  p50: number;
  p99: number;
  received: number;
  expected: number;
}

async function measure(clientCount: number, rate: Rate): Promise<Record<Relay, Result>> {
  const count = COUNT[String(rate)]!;
  const sides = {
    bare: await side('bare', clientCount, count),
    bridge: await side('bridge', clientCount, count),
  };
  for (let i = 0; i < WARM_UP; i += 1) {
    const data = frame(i, 100_000 + i);
    for (const relay of RELAYS) await write(sides[relay], data);
    if (i % 20 === 0) await sleep(10);
  }
  await sleep(500);

  const frames = Array.from({ length: count }, (_, i) => frame(i, i + 2));
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    if (rate !== 'full') {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
    }
    for (const relay of i % 2 ? RELAYS : [...RELAYS].reverse()) {
      sides[relay].sentAt[i + 2] = performance.now();
      await write(sides[relay], frames[i]!);
    }
  }
  const last = count + 1;
  const deadline = performance.now() + 15_000;
  while (
    RELAYS.some((r) => sides[r].lastSeen.some((seq) => seq < last)) &&
    performance.now() < deadline
  ) {
    await sleep(20);
  }

  const results = {} as Record<Relay, Result>;
  for (const relay of RELAYS) {
    const s = sides[relay];
    s.widget.destroy();
    for (const ws of s.clients) ws.terminate();
    await s.proc.stop();
    const sorted = s.latencies.sort((a, b) => a - b);
    results[relay] = {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      received: s.latencies.length,
      expected: count * clientCount,
    };
  }
  return results;
}

console.log(
  `relay latency, TCP write → WebSocket receive (8v8 states, ${fmt(Buffer.byteLength(texts[0]!) / 1024, 1)} KiB)`,
);
console.log('  rate     clients  relay    p50 ms   p99 ms   received');
let budget = NaN;
for (const rate of [30, 'full'] as Rate[]) {
  for (const clientCount of [1, 10]) {
    const results = await measure(clientCount, rate);
    for (const relay of RELAYS) {
      const r = results[relay];
      console.log(
        `  ${(rate === 'full' ? 'full' : `${rate}/s`).padEnd(8)} ${String(clientCount).padStart(7)}  ${relay.padEnd(7)} ${fmt(r.p50, 2).padStart(7)}  ${fmt(r.p99, 2).padStart(7)}   ${r.received}/${r.expected}`,
      );
    }
    if (rate === 30 && clientCount === 10) budget = results.bridge.p99 / results.bare.p99;
  }
}
console.log(
  `  p99 at 10 clients, 30 msg/s: bridge ${fmt(budget, 2)}× bare (budget ≤ 1.5×: ${budget <= 1.5 ? 'met' : 'MISSED'})`,
);
