// A widget-side TCP connection to the bridge's own intake. The demo and the replayer speak to the
// bridge exactly as a widget does (framed JSON over TCP), so their messages take the same decode →
// validate → store → fan-out path as a real game's.
import net from 'node:net';
import { encodeFrame } from './frame-encoder.ts';

export class LoopbackSource {
  readonly #socket: net.Socket;
  #closed = false;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#closed = true;
    });
  }

  static connect(host: string, port: number): Promise<LoopbackSource> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        resolve(new LoopbackSource(socket));
      });
    });
  }

  /** host:port of this end, which the intake sees as the connection's peer. */
  get address(): string {
    return `${this.#socket.localAddress}:${this.#socket.localPort}`;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one message as a frame; false when the connection is gone. */
  send(message: unknown): boolean {
    if (this.#closed) return false;
    this.#socket.write(encodeFrame(JSON.stringify(message)));
    return true;
  }

  /** Ends the connection after pending writes; resolves once it is closed. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.end();
    });
  }
}
