// A flood of garbage at the bridge's widget port, as a port scanner, a confused tool or a broken
// client would send it: many connections at once, each sending one kind of junk, reconnecting as
// soon as the bridge drops it. Seeded, so a failing run can be replayed.
//
//   const flood = startGarbageFlood(bridge.tcpPort, { connections: 16, seed: 1 });
//   ...                                   // the real widget keeps streaming meanwhile
//   const sent = await flood.stop();      // { connections, bytes, kinds: { 'random-bytes': 12, ... } }
//
// Kinds: random bytes; a zero length; a length over any limit (0xffffffff); a frame of random
// bytes (not UTF-8); a frame of UTF-8 text that is not JSON; a frame of JSON that is no widget
// message; a frame cut off mid-way. None is
// ever a valid hello, so none may become the live source.
import net from 'node:net';

export const GARBAGE_KINDS = [
  'random-bytes',
  'zero-length',
  'huge-length',
  'not-utf8',
  'not-json',
  'bad-schema',
  'cut-off',
] as const;
export type GarbageKind = (typeof GARBAGE_KINDS)[number];

export interface FloodOptions {
  /** Connections open at once (default 16; the bridge takes 32). */
  connections?: number;
  seed?: number;
}

export interface FloodReport {
  connections: number;
  bytes: number;
  kinds: Record<GarbageKind, number>;
}

export interface Flood {
  /** Stops reconnecting, closes every socket, and reports what was sent. */
  stop(): Promise<FloodReport>;
}

/** A small seeded PRNG (mulberry32): the same seed, the same garbage. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lengthPrefix(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** The bytes one connection sends for a kind of garbage. */
export function garbage(kind: GarbageKind, rand: () => number): Buffer {
  const bytes = (n: number) =>
    Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
  const size = 1 + Math.floor(rand() * 2048);
  switch (kind) {
    case 'random-bytes':
      return bytes(size);
    case 'zero-length':
      return Buffer.concat([lengthPrefix(0), bytes(16)]);
    case 'huge-length':
      return Buffer.concat([lengthPrefix(0xffffffff), bytes(64)]);
    case 'not-utf8': {
      // 0xff never occurs in UTF-8.
      const body = Buffer.concat([Buffer.from([0xff]), bytes(size)]);
      return Buffer.concat([lengthPrefix(body.length), body]);
    }
    case 'not-json': {
      // Printable ASCII after a letter: text, but never JSON.
      const text = Array.from({ length: size }, () => 32 + Math.floor(rand() * 95));
      const body = Buffer.from([0x78, ...text]);
      return Buffer.concat([lengthPrefix(body.length), body]);
    }
    case 'bad-schema': {
      const body = Buffer.from(
        JSON.stringify({ type: 'hello', schema_version: 1, seq: 'one', junk: rand() }),
      );
      return Buffer.concat([lengthPrefix(body.length), body]);
    }
    case 'cut-off':
      return Buffer.concat([lengthPrefix(size + 100), bytes(size)]);
  }
}

export function startGarbageFlood(port: number, options: FloodOptions = {}): Flood {
  const rand = random(options.seed ?? 1);
  const report: FloodReport = {
    connections: 0,
    bytes: 0,
    kinds: Object.fromEntries(GARBAGE_KINDS.map((k) => [k, 0])) as Record<GarbageKind, number>,
  };
  const open = new Set<net.Socket>();
  let stopped = false;

  const worker = (): void => {
    if (stopped) return;
    const kind = GARBAGE_KINDS[Math.floor(rand() * GARBAGE_KINDS.length)]!;
    const socket = net.connect(port, '127.0.0.1');
    open.add(socket);
    socket.on('error', () => {});
    socket.on('connect', () => {
      const data = garbage(kind, rand);
      report.connections += 1;
      report.bytes += data.length;
      report.kinds[kind] += 1;
      socket.write(data);
      // Stay a moment (the bridge may close it first), then make room for the next one.
      setTimeout(() => socket.destroy(), 20 + Math.floor(rand() * 200));
    });
    socket.on('close', () => {
      open.delete(socket);
      setTimeout(worker, 5);
    });
  };
  for (let i = 0; i < (options.connections ?? 16); i += 1) worker();

  return {
    async stop() {
      stopped = true;
      await Promise.all(
        [...open].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.once('close', () => resolve());
              s.destroy();
            }),
        ),
      );
      return report;
    },
  };
}
