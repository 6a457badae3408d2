// The TCP server widgets connect to. One FrameDecoder per connection; each frame is parsed and
// validated (message-parser.ts). Framing errors close that connection alone (the stream cannot
// resync); bad JSON or schema failures drop that message and keep the connection.
// A widget sends a state every game second, paused or not, so a connection that completes no frame
// for staleAfterMs is stale (shown in status), and after dropAfterMs it is closed: that is how a
// half-open socket, a hung game or a slow-drip client is noticed. TCP keep-alive backs this up.
// `seq` counts a connection's messages from 1, so a jump means the widget dropped some (or replaced
// a queued state by a newer one): counted in messages_missed. Lines a peer can trigger at will are
// rate-limited (LogSampler).
import net from 'node:net';
import { FrameDecoder } from './frame-decoder.ts';
import { parseFrame } from './message-parser.ts';
import { hexHead, LogSampler, type Logger } from './logger.ts';
import type { Counters } from './counters.ts';
import type { WidgetMessage } from '../protocol/types.ts';

export interface WidgetConnection {
  readonly id: string;
  /** Remote address:port. */
  readonly peer: string;
  readonly connectedAt: number;
  /** Epoch ms of the last complete frame, null before the first. */
  readonly lastFrameAt: number | null;
  readonly stale: boolean;
  close(): void;
}

export interface TcpIntakeOptions {
  host: string;
  port: number;
  maxFrame: number;
  staleAfterMs: number;
  dropAfterMs: number;
  maxConnections?: number;
  logger: Logger;
  counters: Counters;
  onConnect(connection: WidgetConnection): void;
  onMessage(connection: WidgetConnection, message: WidgetMessage, text: string, at: number): void;
  onStale(connection: WidgetConnection): void;
  onClose(connection: WidgetConnection): void;
}

export interface TcpIntake {
  readonly port: number;
  close(): Promise<void>;
}

const COUNTER_OF_FAILURE = {
  bad_utf8: 'frames_bad_utf8',
  bad_json: 'frames_bad_json',
  bad_schema: 'messages_invalid',
} as const;

class Connection implements WidgetConnection {
  readonly id: string;
  readonly peer: string;
  readonly connectedAt = Date.now();
  lastFrameAt: number | null = null;
  stale = false;
  /** The last seq seen on this connection, to notice gaps. */
  lastSeq: number | null = null;
  readonly badLog = new LogSampler();
  readonly gapLog = new LogSampler();
  readonly decoder: FrameDecoder;
  readonly socket: net.Socket;

  constructor(id: string, socket: net.Socket, maxFrame: number) {
    this.id = id;
    this.socket = socket;
    this.peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.decoder = new FrameDecoder(maxFrame);
  }

  close(): void {
    this.socket.destroy();
  }
}

export async function startTcpIntake(options: TcpIntakeOptions): Promise<TcpIntake> {
  const { logger, counters } = options;
  const open = new Set<Connection>();
  let nextId = 1;
  const refusedLog = new LogSampler();

  const noteSeq = (conn: Connection, seq: number): void => {
    const last = conn.lastSeq;
    conn.lastSeq = seq;
    if (last === null || seq <= last + 1) return;
    const missed = seq - last - 1;
    counters.inc('messages_missed', missed);
    const note = conn.gapLog.take();
    if (note === null) return;
    logger.warn(
      `widget ${conn.id} ${conn.peer}: seq ${last} → ${seq}: the widget dropped ${missed} message${missed === 1 ? '' : 's'} (a full queue, or states replaced by newer ones)${note}`,
    );
  };

  const onFrame = (conn: Connection, body: Buffer): void => {
    const at = Date.now();
    counters.inc('frames_in');
    conn.lastFrameAt = at;
    if (conn.stale) {
      conn.stale = false;
      options.onStale(conn);
    }
    const parsed = parseFrame(body);
    if (parsed.ok) {
      counters.inc('messages_valid');
      noteSeq(conn, parsed.message.seq);
      options.onMessage(conn, parsed.message, parsed.text, at);
      return;
    }
    counters.inc(COUNTER_OF_FAILURE[parsed.failure]);
    if (parsed.seq !== undefined) noteSeq(conn, parsed.seq);
    const note = conn.badLog.take();
    if (note === null) return;
    logger.warn(
      `widget ${conn.id} ${conn.peer}: dropped a message: ${parsed.reason}${note}; first bytes ${hexHead(body)}`,
    );
  };

  const onConnection = (socket: net.Socket): void => {
    const conn = new Connection(`c${nextId++}`, socket, options.maxFrame);
    open.add(conn);
    counters.inc('connections_total');
    socket.setKeepAlive(true, 5_000);
    socket.setNoDelay(true);
    logger.info(`widget ${conn.id} connected from ${conn.peer}`);
    options.onConnect(conn);

    socket.on('data', (chunk: Buffer) => {
      counters.inc('bytes_in', chunk.length);
      for (const frame of conn.decoder.push(chunk)) {
        if (socket.destroyed) return;
        onFrame(conn, frame);
      }
      const error = conn.decoder.error;
      if (error && !socket.destroyed) {
        counters.inc('framing_errors');
        logger.warn(
          `widget ${conn.id} ${conn.peer}: ${error.reason}; first bytes ${hexHead(error.head)}; closing this connection`,
        );
        socket.destroy();
      }
    });
    socket.on('error', (error) => logger.debug(`widget ${conn.id} ${conn.peer}: ${error.message}`));
    socket.on('close', () => {
      open.delete(conn);
      const partial = conn.decoder.pendingBytes;
      logger.info(
        `widget ${conn.id} ${conn.peer} disconnected${partial ? ` with ${partial} bytes of an unfinished frame` : ''}`,
      );
      options.onClose(conn);
    });
  };

  const sweep = (): void => {
    const now = Date.now();
    for (const conn of open) {
      const silentFor = now - (conn.lastFrameAt ?? conn.connectedAt);
      if (silentFor >= options.dropAfterMs) {
        counters.inc('connections_dropped_idle');
        logger.warn(
          `widget ${conn.id} ${conn.peer}: nothing received for ${Math.round(silentFor / 1000)} s; closing it`,
        );
        conn.close();
      } else if (!conn.stale && silentFor >= options.staleAfterMs) {
        conn.stale = true;
        logger.warn(`widget ${conn.id} ${conn.peer}: silent for ${Math.round(silentFor / 1000)} s`);
        options.onStale(conn);
      }
    }
  };

  const server = net.createServer(onConnection);
  server.maxConnections = options.maxConnections ?? 32;
  server.on('drop', (peer) => {
    counters.inc('connections_refused');
    const note = refusedLog.take();
    if (note === null) return;
    logger.warn(
      `widget connection from ${peer?.remoteAddress ?? '?'}:${peer?.remotePort ?? '?'} refused: ${server.maxConnections} already open${note}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error(`widget intake: ${error.message}`));
  const sweepEvery = Math.max(10, Math.min(1_000, Math.floor(options.staleAfterMs / 4)));
  const timer = setInterval(sweep, sweepEvery);
  timer.unref();

  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of open) conn.close();
      await closed;
    },
  };
}
