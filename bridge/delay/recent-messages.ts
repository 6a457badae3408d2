// The live source's recent game messages, as relayed (JSON text with received_at), and what the
// bridge made of them (history for the lead graphs) in their place, so delayed clients can be fed
// them late and a delayed page can start from the picture of its moment. It
// keeps as far back as the longest delay used since the bridge started (a page reloaded at the same
// delay finds its picture), and nothing while no delay is used. Kept as UTF-8 bytes, not objects:
// 600 s of an 8v8 game stays small (bridge/bench/delay.bench.ts). Bounded in size too, for a source that floods: the
// oldest states with a newer one after them go first. Whatever is dropped or folded away, a
// picture asked for is never newer than its moment: it is older, or empty.
import type { WidgetMessage } from '../../protocol/types.ts';
import { emptyPicture, takeMessage, type GamePicture } from '../game-picture.ts';
import type { SourceOrigin } from '../sources.ts';

export interface HistoryEntry {
  /** Numbered from 1 in the order received; a feed's place in the history. */
  readonly seq: number;
  /** When the bridge received it (epoch ms). */
  readonly at: number;
  /** The message as relayed (JSON with received_at), as UTF-8: the size of its text, where a
   * string made by slicing and joining the widget's frame would hold on to more. */
  readonly bytes: Buffer;
  readonly isState: boolean;
  /** The connection it came from and who is behind it (live-message listeners are told); null for
   * a message the bridge made (relayed in its place, never part of a picture nor told). */
  readonly from: { readonly id: string; readonly origin: SourceOrigin } | null;
}

/** Bytes kept at most. */
export const HISTORY_MAX_BYTES = 16 * 1024 * 1024;

export class RecentMessages {
  readonly #maxKeepMs: number;
  readonly #maxBytes: number;
  #keepMs = 0;
  /** The game before the first kept message (with #foldedState); it holds from #baseFrom on. */
  #base: GamePicture = emptyPicture();
  /** The last state folded, still as bytes: no parsing on the relay path while no delay is used
   * and every message is folded as the next one comes. Read when a picture needs it. */
  #foldedState: HistoryEntry | null = null;
  #baseFrom = -Infinity;
  #entries: HistoryEntry[] = [];
  #bytes = 0;
  #nextSeq = 1;

  constructor(maxKeepMs: number, maxBytes = HISTORY_MAX_BYTES) {
    this.#maxKeepMs = maxKeepMs;
    this.#maxBytes = maxBytes;
  }

  /** Keeps at least this far back from now on (at most the maximum). */
  keepFor(ms: number): void {
    this.#keepMs = Math.min(this.#maxKeepMs, Math.max(this.#keepMs, ms));
  }

  /** A message of the live source (from set), or one the bridge made of the game (from null). */
  push(
    at: number,
    message: WidgetMessage | null,
    bytes: Buffer,
    from: HistoryEntry['from'],
  ): HistoryEntry {
    const isState = message?.type === 'state';
    const entry = { seq: this.#nextSeq++, at, bytes, isState, from };
    this.#entries.push(entry);
    this.#bytes += bytes.length;
    this.#prune(at);
    return entry;
  }

  /** The seq of the first message received after `time` (the next one when there is none). */
  seqAfter(time: number): number {
    const index = this.#entries.findIndex((entry) => entry.at > time);
    return index < 0 ? this.#nextSeq : this.#entries[index]!.seq;
  }

  /** The first kept message numbered `seq` or later, or undefined when there is none yet. */
  from(seq: number): HistoryEntry | undefined {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#entries[mid]!.seq < seq) low = mid + 1;
      else high = mid;
    }
    return this.#entries[low];
  }

  /** The game at `time`, made of the messages before `seq` (the first one after `time`); empty
   * when the history no longer reaches back that far. */
  pictureAt(time: number, seq: number): GamePicture {
    if (time < this.#baseFrom) return emptyPicture();
    const picture = { ...this.#base };
    if (this.#foldedState) takeMessage(picture, parse(this.#foldedState));
    const end = this.#entries.findIndex((entry) => entry.seq >= seq);
    const before = end < 0 ? this.#entries : this.#entries.slice(0, end);
    // A state replaces the one before it: only the last is read (every other message is).
    let lastState = before.length - 1;
    while (lastState >= 0 && !before[lastState]!.isState) lastState -= 1;
    for (const [i, entry] of before.entries()) {
      if (entry.from && (!entry.isState || i === lastState)) takeMessage(picture, parse(entry));
    }
    return picture;
  }

  /** Messages and bytes held. */
  size(): { messages: number; bytes: number } {
    return { messages: this.#entries.length, bytes: this.#bytes };
  }

  #prune(now: number): void {
    const oldest = now - this.#keepMs;
    let fold = 0;
    while (fold < this.#entries.length && this.#entries[fold]!.at < oldest) {
      const entry = this.#entries[fold]!;
      if (entry.isState) this.#foldedState = entry;
      else if (entry.from) {
        if (this.#foldedState) takeMessage(this.#base, parse(this.#foldedState));
        this.#foldedState = null;
        takeMessage(this.#base, parse(entry));
      }
      this.#baseFrom = entry.at;
      this.#bytes -= entry.bytes.length;
      fold += 1;
    }
    if (fold > 0) this.#entries.splice(0, fold);
    while (this.#bytes > this.#maxBytes && this.#entries.length > 1) {
      // Without the oldest state that has a newer one after it, a picture shows an older state
      // for a while; without the oldest message at all, it misses that message: older, never newer.
      let lastState = this.#entries.length - 1;
      while (lastState >= 0 && !this.#entries[lastState]!.isState) lastState -= 1;
      const index = this.#entries.findIndex((entry, i) => entry.isState && i < lastState);
      const [dropped] = this.#entries.splice(index < 0 ? 0 : index, 1);
      this.#bytes -= dropped!.bytes.length;
    }
  }
}

/** The message a history entry holds. */
export function parse(entry: HistoryEntry): WidgetMessage {
  return JSON.parse(entry.bytes.toString('utf8')) as WidgetMessage;
}
