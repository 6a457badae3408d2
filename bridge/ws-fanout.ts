// WebSocket clients at /ws: overlays (role=overlay) and caster control pages (role=control).
// Each gets the snapshot on connect, then every relayed message. Flow control per client: at most
// one `state` is in flight (handed to the socket but not yet written out) and at most one waits
// behind it; a newer state replaces the waiting one. Other messages are never dropped while the
// client stays connected; one that arrives while a state waits sends that state first, so order is
// kept. A client whose socket buffer still grows past maxBufferedBytes is dropped, as is one that
// does not answer pings.
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.ts';
import type { Counters } from './counters.ts';
import type { ClientInfo, ServerMessage, Snapshot } from '../protocol/types.ts';
import { CLIENT_ROLES, type ClientRole } from '../protocol/client-roles.ts';

/** A connected client, as other modules see it (e.g. to answer a control page's action). */
export interface WsClient {
  readonly id: number;
  readonly role: ClientRole;
  /** How late it gets the game's messages (0: as they come). */
  readonly delayMs: number;
  readonly peer: string;
  send(message: ServerMessage): void;
}

export type ClientMessageListener = (client: WsClient, text: string) => void;

export interface WsFanoutOptions {
  logger: Logger;
  counters: Counters;
  /** What a client gets first: the game as it stood `delayMs` ago. */
  snapshot(delayMs: number): Snapshot;
  /** Called after a client connects or goes away. */
  onClientsChanged(): void;
  pingIntervalMs: number;
  maxBufferedBytes: number;
}

/** Sent as text frames: the data is UTF-8 JSON, encoded once per message. */
const TEXT_FRAME = { binary: false } as const;

/** Largest message a client may send (control actions are small). */
const MAX_CLIENT_MESSAGE = 256 * 1024;

class Client implements WsClient {
  readonly id: number;
  readonly role: ClientRole;
  readonly delayMs: number;
  readonly peer: string;
  readonly ws: WebSocket;
  readonly connectedAt = Date.now();
  page: string | null = null;
  userAgent: string | null = null;
  alive = true;
  statesInFlight = 0;
  waitingState: Buffer | null = null;
  readonly #fanout: WsFanout;

  constructor(
    fanout: WsFanout,
    id: number,
    role: ClientRole,
    delayMs: number,
    ws: WebSocket,
    peer: string,
  ) {
    this.#fanout = fanout;
    this.id = id;
    this.role = role;
    this.delayMs = delayMs;
    this.ws = ws;
    this.peer = peer;
  }

  send(message: ServerMessage): void {
    this.#fanout.sendTo(this, Buffer.from(JSON.stringify(message)), false);
  }

  readonly onStateWritten = (): void => {
    this.statesInFlight -= 1;
    if (this.statesInFlight === 0 && this.waitingState !== null) {
      const data = this.waitingState;
      this.waitingState = null;
      this.#fanout.sendTo(this, data, true);
    }
  };
}

export class WsFanout {
  readonly #options: WsFanoutOptions;
  readonly #wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_CLIENT_MESSAGE,
  });
  readonly #clients = new Set<Client>();
  readonly #listeners = new Set<ClientMessageListener>();
  readonly #pinger: NodeJS.Timeout;
  #nextId = 1;

  constructor(options: WsFanoutOptions) {
    this.#options = options;
    this.#pinger = setInterval(() => this.#ping(), options.pingIntervalMs);
    this.#pinger.unref();
  }

  /** Completes an HTTP upgrade already routed to /ws and authorised. */
  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    role: ClientRole,
    delayMs: number,
  ): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, role, delayMs, req));
  }

  /** Listens to messages from control clients; returns the unsubscribe function. */
  onClientMessage(listener: ClientMessageListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends one relayed widget message (UTF-8 JSON, received_at already in it) to every client whose
   * delay is `delayMs` (0: the clients that get the game as it comes).
   */
  relay(data: Buffer, isState: boolean, delayMs = 0): void {
    for (const client of this.#clients) {
      if (client.delayMs === delayMs) this.sendTo(client, data, isState);
    }
  }

  /** Sends each client of these roles the message made for its delay and role (made once per pair in use). */
  broadcastByDelay(
    make: (delayMs: number, role: ClientRole) => ServerMessage,
    roles: readonly ClientRole[] = CLIENT_ROLES,
  ): void {
    const made = new Map<string, Buffer>();
    for (const client of this.#clients) {
      if (!roles.includes(client.role)) continue;
      const key = `${client.role} ${client.delayMs}`;
      let data = made.get(key);
      if (!data) {
        data = Buffer.from(JSON.stringify(make(client.delayMs, client.role)));
        made.set(key, data);
      }
      this.sendTo(client, data, false);
    }
  }

  /** The delays of the connected clients. */
  delays(): Set<number> {
    return new Set([...this.#clients].map((client) => client.delayMs));
  }

  /** Closes every client as a restart (1012): they reconnect and start over (a new delay). */
  restartClients(reason: string): void {
    for (const client of this.#clients) client.ws.close(1012, reason);
  }

  /** Sends a bridge-made message (bridge, match, theme, reload, ...) to every client; never dropped. */
  broadcast(message: ServerMessage): void {
    if (this.#clients.size === 0) return;
    const data = Buffer.from(JSON.stringify(message));
    for (const client of this.#clients) this.sendTo(client, data, false);
  }

  /** Every connected client, oldest first. */
  clients(): ClientInfo[] {
    return [...this.#clients].map((client) => ({
      id: `ws${client.id}`,
      role: client.role,
      peer: client.peer,
      connected_at: client.connectedAt,
      page: client.page,
      user_agent: client.userAgent,
      delay_s: client.delayMs / 1000,
    }));
  }

  counts(): { overlays: number; controls: number } {
    let controls = 0;
    for (const client of this.#clients) if (client.role === 'control') controls += 1;
    return { overlays: this.#clients.size - controls, controls };
  }

  /** Flow-controlled send of one UTF-8 JSON text to one client (see the file comment). */
  sendTo(client: Client, data: Buffer, isState: boolean): void {
    if (client.ws.readyState !== WebSocket.OPEN) return;
    if (isState && client.statesInFlight > 0) {
      if (client.waitingState !== null) this.#options.counters.inc('states_coalesced');
      client.waitingState = data;
      return;
    }
    if (!isState && client.waitingState !== null) {
      const waiting = client.waitingState;
      client.waitingState = null;
      this.#write(client, waiting, true);
    }
    this.#write(client, data, isState);
  }

  async close(): Promise<void> {
    clearInterval(this.#pinger);
    const gone = [...this.#clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          client.ws.once('close', () => resolve());
          client.ws.close(1001, 'bridge shutting down');
          setTimeout(() => {
            client.ws.terminate();
            resolve();
          }, 1_000).unref();
        }),
    );
    await Promise.all(gone);
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #write(client: Client, data: Buffer, isState: boolean): void {
    if (client.ws.readyState !== WebSocket.OPEN) return;
    if (client.ws.bufferedAmount > this.#options.maxBufferedBytes) {
      this.#options.counters.inc('clients_dropped_slow');
      this.#options.logger.warn(
        `ws client ${client.id} (${client.role}, ${client.peer}) reads too slowly: ${client.ws.bufferedAmount} bytes waiting; dropping it`,
      );
      client.ws.terminate();
      return;
    }
    if (isState) {
      client.statesInFlight += 1;
      client.ws.send(data, TEXT_FRAME, client.onStateWritten);
    } else {
      client.ws.send(data, TEXT_FRAME);
    }
  }

  #onConnection(ws: WebSocket, role: ClientRole, delayMs: number, req: IncomingMessage): void {
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const client = new Client(this, this.#nextId++, role, delayMs, ws, peer);
    // Both come from the client: kept short, shown as text only.
    client.page =
      new URL(req.url ?? '/', 'http://bridge').searchParams.get('page')?.slice(0, 64) || null;
    client.userAgent = req.headers['user-agent']?.slice(0, 300) || null;
    const { logger, counters } = this.#options;
    this.#clients.add(client);
    counters.inc('clients_total');
    const late = delayMs > 0 ? `, ${delayMs / 1000} s late` : '';
    logger.info(`ws client ${client.id} (${role}${late}) connected from ${peer}`);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      client.alive = true;
      if (role !== 'control' || isBinary) return;
      const text = data.toString();
      for (const listener of this.#listeners) listener(client, text);
    });
    ws.on('error', (error) => logger.debug(`ws client ${client.id}: ${error.message}`));
    ws.on('close', () => {
      this.#clients.delete(client);
      logger.info(`ws client ${client.id} (${role}) disconnected`);
      this.#options.onClientsChanged();
    });
    // The snapshot goes out before any relay can reach this client; it counts as a state in flight.
    const snapshot = this.#options.snapshot(delayMs);
    this.#write(client, Buffer.from(JSON.stringify(snapshot)), true);
    this.#options.onClientsChanged();
  }

  #ping(): void {
    for (const client of this.#clients) {
      if (!client.alive) {
        this.#options.counters.inc('clients_dropped_dead');
        this.#options.logger.warn(
          `ws client ${client.id} (${client.role}, ${client.peer}) did not answer a ping; dropping it`,
        );
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }
}
