// One widget's messages from the demo or a replay, sent to the bridge's own intake over loopback
// connections (loopback-source.ts). The intake treats them like a real widget's, so the feed
// behaves like one across the two things that could otherwise freeze the overlays:
// - A (re)connection starts with a hello: the intake ignores a connection that has not said hello.
//   When the connection was lost mid-game the feed sends its latest hello again, numbered just
//   before the message that follows so the intake sees no seq gap.
// - Slowed down (--speed below 1), the wait between two messages can pass the intake's stale and
//   idle limits; a widget in a paused game still sends its state every second, so while waiting the
//   feed sends its latest state (or, before the first state, its hello) again every keepAliveMs.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoopbackSource } from './loopback-source.ts';
import type { Hello, State, WidgetMessage } from '../protocol/types.ts';

export class LoopbackFeed {
  readonly #connect: () => Promise<LoopbackSource>;
  readonly #keepAliveMs: number;
  #source: LoopbackSource | null = null;
  #hello: Hello | null = null;
  /** What a keep-alive repeats: the latest state since the hello, else the hello. */
  #latest: Hello | State | null = null;
  #lastSentAt = 0;

  /** `connect` opens one connection to the intake; keepAliveMs must be below its stale limit. */
  constructor(connect: () => Promise<LoopbackSource>, keepAliveMs: number) {
    this.#connect = connect;
    this.#keepAliveMs = keepAliveMs;
  }

  /** Sends one message, connecting first when no connection is open. */
  async send(message: WidgetMessage): Promise<void> {
    if (!this.#source || this.#source.closed) {
      this.#source = await this.#connect();
      if (message.type !== 'hello' && this.#hello) {
        this.#source.send({ ...this.#hello, seq: Math.max(1, message.seq - 1) });
      }
    }
    if (message.type === 'hello') this.#hello = message;
    if (message.type === 'hello' || message.type === 'state') this.#latest = message;
    this.#source.send(message);
    this.#lastSentAt = performance.now();
  }

  /** Sleeps ms (abortable), repeating the latest state whenever keepAliveMs pass in silence. */
  async wait(ms: number, signal: AbortSignal): Promise<void> {
    const until = performance.now() + ms;
    for (;;) {
      const now = performance.now();
      const keepAliveAt = this.#lastSentAt + this.#keepAliveMs;
      if (until <= keepAliveAt) {
        if (until > now) await sleep(until - now, undefined, { signal });
        return;
      }
      if (keepAliveAt > now) await sleep(keepAliveAt - now, undefined, { signal });
      if (this.#latest && this.#source && !this.#source.closed) this.#source.send(this.#latest);
      this.#lastSentAt = performance.now();
    }
  }

  /** Ends the open connection; a later send opens a new one, starting with the hello. */
  async close(): Promise<void> {
    const source = this.#source;
    this.#source = null;
    await source?.close();
  }
}
