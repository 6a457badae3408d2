// The overlay's WebSocket to the bridge: reconnects by itself with capped, jittered exponential
// backoff, so a bridge restart costs a second or two and many overlays do not reconnect in step.
import type { ServerMessage } from '../../../protocol/types.ts';

export interface SocketHandlers {
  onOpen(): void;
  onClose(): void;
  onMessage(message: ServerMessage): void;
}

export interface BackoffOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** The browser's WebSocket, or another implementation of the same interface (tests use `ws`). */
export type WebSocketClass = new (url: string) => WebSocket;

const MIN_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

/** Delay before reconnect attempt `attempt` (0-based): min·2^attempt, capped, ±20 % jitter. */
export function backoffDelay(
  attempt: number,
  { minDelayMs = MIN_DELAY_MS, maxDelayMs = MAX_DELAY_MS }: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const base = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

function parse(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return value &&
      typeof value === 'object' &&
      typeof (value as { type?: unknown }).type === 'string'
      ? (value as ServerMessage)
      : null;
  } catch {
    return null;
  }
}

export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers,
    private readonly backoff: BackoffOptions = {},
    private readonly Socket: WebSocketClass = WebSocket,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Sends text on the open connection; false when there is none (the control page's actions). */
  send(text: string): boolean {
    if (this.socket?.readyState !== 1) return false;
    this.socket.send(text);
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  private connect(): void {
    const socket = new this.Socket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.handlers.onOpen();
    };
    socket.onmessage = (e: MessageEvent) => {
      const message = parse(e.data);
      if (message) this.handlers.onMessage(message);
      else console.warn('[overlay] ignored a message that is not protocol JSON');
    };
    // An error is always followed by close, which drives the reconnect; handling it here keeps
    // Node implementations (which throw on an unhandled error event) quiet as well.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.handlers.onClose();
      if (!this.stopped) {
        this.timer = setTimeout(() => this.connect(), backoffDelay(this.attempt, this.backoff));
        this.attempt += 1;
      }
    };
  }
}
