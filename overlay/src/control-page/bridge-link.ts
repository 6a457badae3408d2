// The control page's line to the bridge: a reconnecting WebSocket as a control client, actions
// sent over it and matched with their action_result, and HTTP requests carrying the page's token.
import type { ClientMessage, ServerMessage } from '../../../protocol/types.ts';
import { ReconnectingSocket } from '../lib/socket.ts';

/** An action as the page writes it; the envelope (type, schema_version, id) is added on sending. */
export type Action = ClientMessage extends infer M
  ? M extends ClientMessage
    ? Omit<M, 'type' | 'schema_version' | 'id'>
    : never
  : never;

const ANSWER_TIMEOUT_MS = 5000;

/** The control page's WebSocket URL: same origin, role=control, the page's token if any. */
export function controlSocketUrl(page: URL, token: string | null): string {
  const ws = new URL('/ws', page);
  ws.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.search = '';
  ws.searchParams.set('role', 'control');
  if (token) ws.searchParams.set('token', token);
  return ws.href;
}

export interface LinkHandlers {
  onOpen(): void;
  onClose(): void;
  /** Every message but action results, which settle act(). */
  onMessage(message: ServerMessage): void;
}

export class BridgeLink {
  private readonly socket: ReconnectingSocket;
  private readonly pending = new Map<number, (error: string | null) => void>();
  private nextId = 1;

  constructor(
    private readonly origin: string,
    private readonly token: string | null,
    handlers: LinkHandlers,
  ) {
    this.socket = new ReconnectingSocket(controlSocketUrl(new URL(origin), token), {
      onOpen: handlers.onOpen,
      onClose: () => {
        for (const settle of this.pending.values()) settle('the connection to the bridge dropped');
        handlers.onClose();
      },
      onMessage: (message) => {
        if (message.type !== 'action_result') handlers.onMessage(message);
        else if (typeof message.id === 'number') this.pending.get(message.id)?.(message.error);
      },
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  /** Sends one action; resolves with null once the bridge carried it out, else the reason. */
  act(action: Action): Promise<string | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timeout = setTimeout(() => settle('no answer from the bridge'), ANSWER_TIMEOUT_MS);
      const settle = (error: string | null) => {
        clearTimeout(timeout);
        this.pending.delete(id);
        resolve(error);
      };
      this.pending.set(id, settle);
      const text = JSON.stringify({ type: 'action', schema_version: 1, id, ...action });
      if (!this.socket.send(text)) settle('not connected to the bridge');
    });
  }

  /** A same-origin request with the page's token. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    return fetch(new URL(path, this.origin), { ...init, headers, cache: 'no-store' });
  }
}
