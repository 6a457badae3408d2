// RSS growth of the bridge over 100,000 widget frames (8v8 states), budget ≤ 10 MB. The bridge is
// the real command in a child process (as a caster runs it, match data plugin included), so its
// RSS is its own: the widget and the two overlays live here, one overlay reading, one never
// reading (its states coalesce, so it must not cost memory). The child's RSS (/proc/PID/status) is
// taken after a warm-up and after the run, each time as it is and after a full garbage collection,
// asked for over the child's inspector (the bridge has no hook for it).
import net from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { BIN, startBridgeProcess } from '../../test-support/bridge-process.ts';
import { encodeFrame } from '../frame-encoder.ts';
import { sampleHello } from '../../test-support/sample-messages.ts';
import { fmt, stateTexts } from './fixtures.ts';
import type { BridgeStatus } from '../../protocol/types.ts';

const FRAMES = 100_000;
const WARM_UP = 5_000;
const texts = stateTexts(400);

const bridge = await startBridgeProcess(
  ['--log-level', 'warn', '--data-dir', mkdtempSync(path.join(tmpdir(), 'bar-bench-memory-'))],
  { entry: ['--inspect=127.0.0.1:0', BIN] },
);
const pid = bridge.child.pid!;

/** The child's inspector: a WebSocket speaking the DevTools protocol. */
const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(bridge.stderr())?.[1];
if (!inspectorUrl) throw new Error(`no inspector URL in the bridge's output:\n${bridge.stderr()}`);
const inspector = new WebSocket(inspectorUrl);
await once(inspector, 'open');
let nextId = 1;
function inspect(method: string): Promise<Record<string, number>> {
  const id = nextId++;
  inspector.send(JSON.stringify({ id, method }));
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const reply = JSON.parse(data.toString()) as { id?: number; result: Record<string, number> };
      if (reply.id !== id) return;
      inspector.off('message', onMessage);
      resolve(reply.result);
    };
    inspector.on('message', onMessage);
  });
}

const status = async (): Promise<BridgeStatus> =>
  (await (await fetch(`${bridge.httpUrl}status`)).json()) as BridgeStatus;

const rssOfChild = (): number => {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error('no VmRSS in /proc (this benchmark needs Linux)');
  return Number(line[1]) * 1024;
};

interface Memory {
  rss: number;
  rssAfterGc: number;
  heapAfterGc: number;
}

async function memory(): Promise<Memory> {
  await sleep(500);
  const rss = rssOfChild();
  await inspect('HeapProfiler.collectGarbage');
  await sleep(200);
  const heap = await inspect('Runtime.getHeapUsage');
  return { rss, rssAfterGc: rssOfChild(), heapAfterGc: heap.usedSize! };
}

const reader = new WebSocket(`ws://127.0.0.1:${bridge.httpPort}/ws`);
const stalled = new WebSocket(`ws://127.0.0.1:${bridge.httpPort}/ws`);
await Promise.all([once(reader, 'open'), once(stalled, 'open')]);
let received = 0;
reader.on('message', () => (received += 1));
stalled.pause();

const widget = net.connect({ host: '127.0.0.1', port: bridge.tcpPort });
await once(widget, 'connect');
widget.write(encodeFrame(JSON.stringify(sampleHello())));
let seq = 1;

/** Sends count states, numbered on (no seq gaps), and waits until the bridge has taken them all. */
async function send(count: number): Promise<void> {
  const target = ((await status()).counters.frames_in ?? 0) + count;
  for (let i = 0; i < count; i += 1) {
    seq += 1;
    const text = texts[seq % texts.length]!.replace(/"seq":\d+/, `"seq":${seq}`);
    if (!widget.write(encodeFrame(text))) await once(widget, 'drain');
  }
  while (((await status()).counters.frames_in ?? 0) < target) await sleep(50);
}

await send(WARM_UP);
const before = await memory();
const started = performance.now();
await send(FRAMES);
const seconds = (performance.now() - started) / 1000;
const after = await memory();
const { counters } = await status();

const mb = (bytes: number): string => fmt(bytes / 1e6, 1);
const growth = (after.rssAfterGc - before.rssAfterGc) / 1e6;
console.log(
  `memory of the bridge process over ${fmt(FRAMES)} frames (8v8 states, 1 reading and 1 stalled overlay)`,
);
console.log(
  `  RSS after GC: before ${mb(before.rssAfterGc)} MB, after ${mb(after.rssAfterGc)} MB: growth ${fmt(growth, 1)} MB (budget ≤ 10 MB: ${growth <= 10 ? 'met' : 'MISSED'})`,
);
console.log(
  `  RSS as is:    before ${mb(before.rss)} MB, after ${mb(after.rss)} MB: growth ${mb(after.rss - before.rss)} MB`,
);
console.log(
  `  JS heap used after GC: before ${mb(before.heapAfterGc)} MB, after ${mb(after.heapAfterGc)} MB`,
);
console.log(
  `  ${fmt(FRAMES / seconds)} frames/s; reading overlay got ${fmt(received)} messages, ${fmt(counters.states_coalesced ?? 0)} states coalesced, ${fmt(counters.messages_missed ?? 0)} missed`,
);

widget.destroy();
reader.terminate();
stalled.terminate();
inspector.terminate();
await bridge.stop();
