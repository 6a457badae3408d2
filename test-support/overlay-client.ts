// A real WebSocket client of the bridge's /ws that keeps every message it receives.
import { once } from 'node:events';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../protocol/types.ts';
import { waitFor } from './wait.ts';

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
    return waitFor('a matching WebSocket message', () => this.messages.slice(from).find(match));
  }

  close(): Promise<void> {
    this.ws.close();
    return this.closed;
  }
}
