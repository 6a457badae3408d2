// The HTTP server: pages, files, /status and the WebSocket upgrade. Other parts extend it through a
// small seam: use(handler) adds a route tried before the built-in ones (the match API mounts
// /api/... and /assets/... this way) and authorize(check) gates every request and upgrade (the
// token check). A handler returns true when it answered the request.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.ts';
import { isLoopbackAddress, isLoopbackHostHeader } from './host.ts';

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

/** Why a request may not proceed: its status and a one-line reason the client is told. */
export interface Refusal {
  status: 401 | 403;
  error: string;
}

/** Decides whether a request (or WebSocket upgrade) may proceed: null, or why not. */
export type Authorize = (
  req: IncomingMessage,
  url: URL,
) => Refusal | null | Promise<Refusal | null>;

/** Takes an upgrade for its path (true) or leaves it (false: 404). Runs after authorize. */
export type UpgradeHandler = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
) => boolean;

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  /** Built-in routes, tried after the ones added with use(). */
  routes: RouteHandler[];
  upgrade: UpgradeHandler;
}

export interface HttpServer {
  readonly port: number;
  /** Adds a route tried before the built-in ones, after earlier use() routes. */
  use(handler: RouteHandler): void;
  /** Replaces the authorisation check (default: everything allowed). */
  authorize(check: Authorize): void;
  close(): Promise<void>;
}

/** Request target → URL; null for anything but an origin-form path. */
function parseTarget(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://bridge${target}`);
  } catch {
    return null;
  }
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(`${text}\n`);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger } = options;
  const extra: RouteHandler[] = [];
  let authorize: Authorize = () => null;
  // Bound to loopback, only loopback Host names are served: a web page that re-binds its own DNS
  // name to 127.0.0.1 cannot read the bridge.
  const checkHost = isLoopbackAddress(options.host);
  const hostAllowed = (req: IncomingMessage): boolean =>
    !checkHost || isLoopbackHostHeader(req.headers.host ?? '');

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const url = parseTarget(req.url);
    if (!url) return sendText(res, 400, 'bad request target');
    if (!hostAllowed(req)) return sendText(res, 403, 'forbidden: unexpected Host header');
    const refusal = await authorize(req, url);
    if (refusal) {
      if (url.pathname.startsWith('/api/'))
        return sendJson(res, refusal.status, { error: refusal.error });
      return sendText(res, refusal.status, refusal.error);
    }
    for (const route of [...extra, ...options.routes]) {
      if (await route(req, res, url)) return;
    }
    if (url.pathname.startsWith('/api/')) {
      const error = `no API endpoint ${req.method} ${url.pathname} (see docs/api.md)`;
      return sendJson(res, 404, { error });
    }
    sendText(res, 404, 'not found');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`http ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseTarget(req.url);
    if (!url) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!hostAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    Promise.resolve(authorize(req, url))
      .then((refusal) => {
        if (refusal) {
          const reason = refusal.status === 401 ? 'Unauthorized' : 'Forbidden';
          return refuseUpgrade(socket, refusal.status, reason);
        }
        if (!options.upgrade(req, socket, head, url)) refuseUpgrade(socket, 404, 'Not Found');
      })
      .catch((error: unknown) => {
        logger.error(`http upgrade ${req.url}: ${(error as Error).message}`);
        refuseUpgrade(socket, 500, 'Internal Server Error');
      });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error(`http server: ${error.message}`));

  return {
    port: (server.address() as AddressInfo).port,
    use(handler) {
      extra.push(handler);
    },
    authorize(check) {
      authorize = check;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
