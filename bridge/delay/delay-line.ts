// Feeds the game history to delayed clients: one feed per delay in use, each with its place in
// the history and one timer set for its next message, so any number of clients with the same delay
// cost one timer. A feed hands on every message in order, exactly `delayMs` after the bridge
// received it; a client that joins a feed starts from the picture just before the feed's place.
import type { GamePicture } from '../game-picture.ts';
import type { RecentMessages, HistoryEntry } from './recent-messages.ts';

export type DelayedSend = (delayMs: number, entry: HistoryEntry) => void;

interface Feed {
  /** The next message it hands on. */
  seq: number;
  timer: NodeJS.Timeout | undefined;
}

export class DelayLine {
  readonly #history: RecentMessages;
  readonly #send: DelayedSend;
  readonly #now: () => number;
  readonly #feeds = new Map<number, Feed>();

  constructor(history: RecentMessages, send: DelayedSend, now: () => number = Date.now) {
    this.#history = history;
    this.#send = send;
    this.#now = now;
  }

  /** Starts (or finds) the feed for this delay; the picture a client joining it starts from, and
   * the moment it shows. */
  join(delayMs: number): { game: GamePicture; time: number } {
    const feed = this.open(delayMs);
    const time = this.#now() - delayMs;
    return { game: this.#history.pictureAt(time, feed.seq), time };
  }

  /** Starts the feed for this delay unless it runs: from the first message not yet due. */
  open(delayMs: number): Feed {
    // A margin, so that no message is folded away before its feed has handed it on.
    this.#history.keepFor(delayMs + 10_000);
    let feed = this.#feeds.get(delayMs);
    if (!feed) {
      feed = { seq: this.#history.seqAfter(this.#now() - delayMs), timer: undefined };
      this.#feeds.set(delayMs, feed);
      this.#schedule(delayMs, feed);
    }
    return feed;
  }

  /** Keeps only the feeds for these delays (the ones clients and the bridge still use). */
  keep(delays: Iterable<number>): void {
    const wanted = new Set(delays);
    for (const [delayMs, feed] of this.#feeds) {
      if (wanted.has(delayMs)) continue;
      clearTimeout(feed.timer);
      this.#feeds.delete(delayMs);
    }
  }

  /** A message was just added to the history: feeds waiting for nothing now wait for it. */
  added(): void {
    for (const [delayMs, feed] of this.#feeds) {
      if (feed.timer === undefined) this.#schedule(delayMs, feed);
    }
  }

  close(): void {
    this.keep([]);
  }

  #schedule(delayMs: number, feed: Feed): void {
    const next = this.#history.from(feed.seq);
    feed.timer = next
      ? setTimeout(() => this.#due(delayMs, feed), Math.max(0, next.at + delayMs - this.#now()))
      : undefined;
  }

  #due(delayMs: number, feed: Feed): void {
    const now = this.#now();
    for (let next = this.#history.from(feed.seq); next; next = this.#history.from(feed.seq)) {
      if (next.at + delayMs > now) break;
      feed.seq = next.seq + 1;
      this.#send(delayMs, next);
    }
    if (this.#feeds.get(delayMs) === feed) this.#schedule(delayMs, feed);
  }
}
