// Speaks the widget's side of the protocol to a real bridge over TCP (4-byte big-endian length +
// JSON), numbering messages per connection as the widget does. Tests and the benchmark use it to
// put exactly known states on the overlay.
import net from 'node:net';
import { encodeFrame } from '../../bridge/frame-encoder.ts';
import type { WidgetMessage } from '../../protocol/types.ts';

type Unnumbered<T> = T extends WidgetMessage ? Omit<T, 'seq'> & { seq?: number } : never;

export class WidgetClient {
  private seq = 0;

  private constructor(private readonly socket: net.Socket) {}

  static connect(port: number, host = '127.0.0.1'): Promise<WidgetClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined); // a closing bridge resets us; the test sees the effect
        resolve(new WidgetClient(socket));
      });
      socket.once('error', reject);
    });
  }

  send(message: Unnumbered<WidgetMessage>): void {
    this.seq += 1;
    this.socket.write(encodeFrame(JSON.stringify({ ...message, seq: this.seq })));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.end(() => resolve());
      this.socket.once('close', () => resolve());
    });
  }
}
