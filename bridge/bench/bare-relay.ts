// The baseline relay.bench.ts compares the bridge with: the least a relay can do. Unframe,
// JSON.parse, stamp received_at, JSON.stringify, send to every client; nothing else (no
// validation, no snapshot, no flow control). Prints the bridge's ready line so the same harness
// starts both.
import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const args = process.argv.slice(2);
const flag = (name: string): number => Number(args[args.indexOf(name) + 1] ?? 0);

const clients = new Set<WebSocket>();
const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});

const tcp = net.createServer((socket) => {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break;
      const message = JSON.parse(pending.toString('utf8', 4, 4 + length)) as Record<
        string,
        unknown
      >;
      pending = pending.subarray(4 + length);
      message.received_at = Date.now();
      const text = JSON.stringify(message);
      for (const client of clients) client.send(text);
    }
  });
});

server.listen(flag('--http-port'), '127.0.0.1', () => {
  tcp.listen(flag('--tcp-port'), '127.0.0.1', () => {
    const tcpPort = (tcp.address() as AddressInfo).port;
    const httpPort = (server.address() as AddressInfo).port;
    console.log(
      `bar-livedata ready: widget tcp 127.0.0.1:${tcpPort}, overlay http://127.0.0.1:${httpPort}/`,
    );
  });
});
process.on('SIGINT', () => process.exit(0));
