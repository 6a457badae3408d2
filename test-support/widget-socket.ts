// The widget's side of the TCP connection to a real bridge (4-byte big-endian length + JSON), for
// tests, benchmarks and screenshots. `send` writes a message as given (tests of the intake's
// checks); `sendNumbered` numbers messages per connection as the widget does (tests that put
// exactly known states on the overlay). The bridge's own demo and replay use
// bridge/loopback-source.ts instead.
import net from 'node:net';
import { once } from 'node:events';
import { encodeFrame } from '../bridge/frame-encoder.ts';
import type { WidgetMessage } from '../protocol/types.ts';

export type Unnumbered<T> = T extends WidgetMessage ? Omit<T, 'seq'> & { seq?: number } : never;

export class WidgetSocket {
  readonly socket: net.Socket;
  readonly closed: Promise<void>;
  private seq = 0;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('error', () => undefined); // a closing bridge resets us; the test sees the effect
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<WidgetSocket> {
    const socket = net.connect({ host, port });
    await once(socket, 'connect');
    return new WidgetSocket(socket);
  }

  send(message: unknown): void {
    this.socket.write(encodeFrame(JSON.stringify(message)));
  }

  sendNumbered(message: Unnumbered<WidgetMessage>): void {
    this.seq += 1;
    this.send({ ...message, seq: this.seq });
  }

  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  close(): Promise<void> {
    this.socket.end();
    return this.closed;
  }
}
