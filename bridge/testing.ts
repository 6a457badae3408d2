// Helpers for the bridge's tests: real widget-side TCP sockets, real WebSocket clients, sample
// messages from the demo generator, and a logger that keeps its lines for assertions.
import net from 'node:net';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { encodeFrame } from './frame-encoder.ts';
import { demoGames } from './demo/game.ts';
import type { DemoShape } from './demo/roster.ts';
import type {
  GameOverEvent,
  Hello,
  ServerMessage,
  State,
  WidgetMessage,
} from '../protocol/types.ts';

export interface CapturingLogger extends Logger {
  readonly lines: string[];
}

export function capturingLogger(level: LogLevel = 'debug'): CapturingLogger {
  const lines: string[] = [];
  return Object.assign(createLogger(level, { write: (line: string) => lines.push(line) }), {
    lines,
  });
}

/** Polls until check() is truthy; fails after timeoutMs naming what it waited for. */
export async function waitFor<T>(
  check: () => T,
  what: string,
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The first `count` messages a demo game of this shape sends (valid protocol messages). */
export function demoMessages(count: number, shape: DemoShape = '8v8', seed = 1): WidgetMessage[] {
  const out: WidgetMessage[] = [];
  for (const game of demoGames(seed, shape)) {
    for (const step of game) {
      if (step.kind === 'send') out.push(step.message);
      if (out.length === count) return out;
    }
  }
  return out;
}

export function sampleHello(): Hello {
  return demoMessages(1)[0] as Hello;
}

export function sampleState(seq = 2): State {
  return { ...(demoMessages(2)[1] as State), seq };
}

/** The game over after sampleHello and sampleState: ally team 1 won, half an hour in. */
export function sampleGameOver(seq = 3): GameOverEvent {
  return {
    type: 'event',
    schema_version: 1,
    seq,
    frame: 54000,
    game_seconds: 1800,
    event: 'game_over',
    winners: [1],
  };
}

/** A widget's side of the TCP connection, without any smartness. */
export class WidgetSocket {
  readonly socket: net.Socket;
  readonly closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number): Promise<WidgetSocket> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    return new WidgetSocket(socket);
  }

  send(message: unknown): void {
    this.socket.write(encodeFrame(JSON.stringify(message)));
  }

  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  close(): Promise<void> {
    this.socket.end();
    return this.closed;
  }
}

/** A real WebSocket client that keeps every message it receives. */
export class OverlayClient {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<void>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as ServerMessage));
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
  }

  static async connect(
    httpPort: number,
    query = '',
    options: ConstructorParameters<typeof WebSocket>[2] = {},
  ): Promise<OverlayClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/ws${query}`, options);
    const client = new OverlayClient(ws);
    await once(ws, 'open');
    return client;
  }

  /** Waits for a message matching `match` that arrived at or after index `from`. */
  next<T extends ServerMessage>(match: (m: ServerMessage) => m is T, from?: number): Promise<T>;
  next(match: (m: ServerMessage) => boolean, from?: number): Promise<ServerMessage>;
  async next(match: (m: ServerMessage) => boolean, from = 0): Promise<ServerMessage> {
    return waitFor(() => this.messages.slice(from).find(match), 'a matching WebSocket message');
  }

  close(): Promise<void> {
    this.ws.close();
    return this.closed;
  }
}

/** A message without the bridge's received_at, for comparing with what a widget sent. */
export function withoutReceivedAt(message: object): object {
  const { received_at: _dropped, ...rest } = message as { received_at?: number };
  return rest;
}
