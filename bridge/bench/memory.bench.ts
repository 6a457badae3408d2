// RSS growth of the bridge over 100,000 widget frames (8v8 states), budget ≤ 10 MB. The bridge runs
// in this process (startBridge) with two overlays connected, one of them never reading (its states
// coalesce, so it must not cost memory). RSS is taken after a warm-up and after the run, each time
// after a full garbage collection. The widget side reuses 400 pre-encoded frames, allocated before
// the baseline.
import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { startBridge } from '../bridge.ts';
import { createLogger } from '../logger.ts';
import { encodeFrame } from '../frame-encoder.ts';
import { sampleHello } from '../testing.ts';
import { fmt, stateTexts } from './fixtures.ts';

const FRAMES = 100_000;
const WARM_UP = 5_000;
const frames = stateTexts(400).map((text) => encodeFrame(text));
const bridge = await startBridge({ tcpPort: 0, httpPort: 0, logger: createLogger('warn') });

const reader = new WebSocket(`ws://127.0.0.1:${bridge.httpPort}/ws`);
const stalled = new WebSocket(`ws://127.0.0.1:${bridge.httpPort}/ws`);
await Promise.all([once(reader, 'open'), once(stalled, 'open')]);
let received = 0;
reader.on('message', () => (received += 1));
stalled.pause();

const widget = net.connect({ host: '127.0.0.1', port: bridge.tcpPort });
await once(widget, 'connect');
widget.write(encodeFrame(JSON.stringify(sampleHello())));

async function send(count: number): Promise<void> {
  const target = bridge.counters.get('frames_in') + count;
  for (let i = 0; i < count; i += 1) {
    if (!widget.write(frames[i % frames.length]!)) await once(widget, 'drain');
  }
  while (bridge.counters.get('frames_in') < target) await sleep(10);
}

async function settledRss(): Promise<number> {
  await sleep(200);
  for (let i = 0; i < 3; i += 1) {
    globalThis.gc?.();
    await sleep(50);
  }
  return process.memoryUsage().rss;
}

await send(WARM_UP);
const before = await settledRss();
const started = performance.now();
await send(FRAMES);
const seconds = (performance.now() - started) / 1000;
const after = await settledRss();
const growth = (after - before) / 1e6;

console.log(`memory over ${fmt(FRAMES)} frames (8v8 states, 1 reading and 1 stalled overlay)`);
console.log(
  `  RSS before ${fmt(before / 1e6, 1)} MB, after ${fmt(after / 1e6, 1)} MB: growth ${fmt(growth, 1)} MB (budget ≤ 10 MB: ${growth <= 10 ? 'met' : 'MISSED'})`,
);
console.log(
  `  ${fmt(FRAMES / seconds)} frames/s; reading overlay got ${fmt(received)} messages, ${fmt(bridge.counters.get('states_coalesced'))} states coalesced`,
);
if (!globalThis.gc) console.log('  (run with --expose-gc for settled figures)');

widget.destroy();
reader.terminate();
stalled.terminate();
await bridge.close();
