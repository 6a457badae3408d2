// The fake game's measuring lines, which the end-to-end benchmark and soak rely on: "wrote" stamps
// the wall-clock moment the widget's socket took a frame's last byte (before the reader can have
// it), and --mem reports the Lua state's memory once per game minute. And the game under the
// engine's 32-bit-float Lua, which the end-to-end test runs too.
import { describe, it } from 'vitest';
import { readlinkSync } from 'node:fs';
import net from 'node:net';
import { FrameDecoder } from '../bridge/frame-decoder.ts';
import { startFakeGame } from './fake-game-process.ts';

interface Wrote {
  kind: string;
  seq: number | null;
  at: number;
}

/** A TCP reader that notes when each frame (by seq) arrived, in epoch milliseconds. */
async function frameClock(): Promise<{
  port: number;
  arrived: Map<number, number>;
  close(): void;
}> {
  const arrived = new Map<number, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk) => {
      const now = Date.now();
      for (const frame of decoder.push(chunk)) {
        const { seq } = JSON.parse(frame.toString('utf8')) as { seq: number };
        arrived.set(seq, now);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    arrived,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('play_fake_game.lua measuring lines', { timeout: 60_000 }, () => {
  it('stamps each frame with the wall clock when the socket took it, in send order', async ({
    expect,
    onTestFinished,
  }) => {
    const reader = await frameClock();
    onTestFinished(reader.close);
    const started = Date.now();
    const game = startFakeGame({
      port: reader.port,
      shape: '1v1',
      duration: 20,
      speed: 4,
      lobby: 0.3,
      linger: 0.5,
      trace: true,
    });
    onTestFinished(game.stop);
    expect(await game.done).toBe(0);

    const sent = game.lines('sent') as Array<{ kind: string; seq: number }>;
    const wrote = game.lines('wrote') as Wrote[];
    expect(wrote.length).toBeGreaterThan(5);
    expect(wrote.map(({ kind, seq }) => ({ kind, seq }))).toEqual(sent.slice(0, wrote.length));
    for (let i = 1; i < wrote.length; i += 1) {
      expect(wrote[i]!.at).toBeGreaterThanOrEqual(wrote[i - 1]!.at);
    }
    for (const w of wrote) {
      const at = w.at * 1000;
      const arrival = reader.arrived.get(w.seq!);
      expect(arrival, `frame seq ${w.seq} never arrived`).toBeDefined();
      // Same machine, same clock. The stamp is read just after send() returns, so on a busy
      // machine the reader may take the bytes a little before the writer reads its clock.
      expect(at).toBeGreaterThanOrEqual(started);
      expect(at - arrival!).toBeLessThan(100);
      expect(arrival! - at).toBeLessThan(1000);
    }
  });

  it('prints the memory once per game minute with --mem', async ({ expect, onTestFinished }) => {
    const game = startFakeGame({
      port: 1, // nothing listens: memory is reported whether or not a bridge is there
      shape: '2x8',
      duration: 150,
      speed: 30,
      lobby: 0.2,
      linger: 0.2,
      mem: true,
    });
    onTestFinished(game.stop);
    expect(await game.done).toBe(0);
    const mem = game.lines('mem') as string[];
    expect(mem).toHaveLength(2); // game minutes 1 and 2 of 2.5
    for (const kb of mem) {
      expect(kb).toMatch(/^\d+$/);
      expect(Number(kb)).toBeGreaterThan(100);
    }
  });

  it('plays in real time under the 32-bit-float Lua with lua: float', async ({
    expect,
    onTestFinished,
  }) => {
    const reader = await frameClock();
    onTestFinished(reader.close);
    const started = Date.now();
    const game = startFakeGame({
      port: reader.port,
      lua: 'float',
      shape: '1v1',
      duration: 8,
      speed: 4,
      lobby: 0.3,
      linger: 0.3,
      truth: true,
    });
    onTestFinished(game.stop);
    // with-float-lua.sh execs the float interpreter in place of itself.
    let exe = '';
    const until = Date.now() + 30_000;
    while (!exe.includes('lua-float') && game.child.exitCode === null && Date.now() < until) {
      try {
        exe = readlinkSync(`/proc/${game.child.pid}/exe`);
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(exe).toMatch(/\.cache\/lua-float\/root\/bin\/lua5\.1$/);
    expect(await game.done, game.stderr()).toBe(0);
    // 0.3 s of lobby, 8 game seconds at 4× and 0.3 s of linger: the clock runs as on the wall
    // (an epoch time in a float is exact only to 128 s).
    const wall = (Date.now() - started) / 1000;
    expect(wall).toBeGreaterThan(2.4);
    expect(wall).toBeLessThan(8);
    const truth = game.lines('truth') as Array<{ frame: number; over: boolean }>;
    expect(truth.at(-1)).toMatchObject({ frame: 240, over: true });
    expect(reader.arrived.size).toBeGreaterThan(8);
  });
});
