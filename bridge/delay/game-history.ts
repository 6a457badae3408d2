// The live source's game messages of the last MAX_DELAY_S seconds, as relayed (JSON text with
// received_at), so a delayed client can be fed them late and a delayed page can start from the
// picture of its moment. Kept as text, not objects: 600 s of an 8v8 game stays small
// (bench:delay). Messages that fall out of the window are folded into the picture before them.
import type { WidgetMessage } from '../../protocol/types.ts';
import { emptyPicture, takeMessage, type GamePicture } from '../game-picture.ts';
import type { SourceOrigin } from '../sources.ts';

export interface HistoryEntry {
  /** Numbered from 1 in the order received; a client's place in the history. */
  readonly seq: number;
  /** When the bridge received it (epoch ms). */
  readonly at: number;
  /** The message as relayed: JSON with received_at. */
  readonly text: string;
  readonly isState: boolean;
  /** The connection it came from and who is behind it (live-message listeners are told). */
  readonly from: { readonly id: string; readonly origin: SourceOrigin };
}

export class GameHistory {
  readonly keepMs: number;
  #base: GamePicture = emptyPicture();
  #entries: HistoryEntry[] = [];
  #nextSeq = 1;

  constructor(keepMs: number) {
    this.keepMs = keepMs;
  }

  push(at: number, message: WidgetMessage, text: string, from: HistoryEntry['from']): HistoryEntry {
    const entry = { seq: this.#nextSeq++, at, text, isState: message.type === 'state', from };
    this.#entries.push(entry);
    this.prune(at);
    return entry;
  }

  /** Folds what is older than the window into the picture before the first kept message. */
  prune(now: number): void {
    const oldest = now - this.keepMs;
    let drop = 0;
    while (drop < this.#entries.length && this.#entries[drop]!.at < oldest) {
      takeMessage(this.#base, JSON.parse(this.#entries[drop]!.text) as WidgetMessage);
      drop += 1;
    }
    if (drop > 0) this.#entries.splice(0, drop);
  }

  /** The seq of the first message received after `time` (the next one when there is none). */
  seqAfter(time: number): number {
    const index = this.#entries.findIndex((entry) => entry.at > time);
    return index < 0 ? this.#nextSeq : this.#entries[index]!.seq;
  }

  /** The message numbered `seq`, or undefined when it is not (or no longer, or not yet) kept. */
  entry(seq: number): HistoryEntry | undefined {
    const first = this.#entries[0];
    return first ? this.#entries[seq - first.seq] : undefined;
  }

  /** The game as it stood just before message `seq`. */
  pictureBefore(seq: number): GamePicture {
    const picture = { ...this.#base };
    for (const entry of this.#entries) {
      if (entry.seq >= seq) break;
      takeMessage(picture, JSON.parse(entry.text) as WidgetMessage);
    }
    return picture;
  }

  /** Characters held (a JS string of ASCII text costs one byte per character). */
  size(): { messages: number; chars: number } {
    let chars = 0;
    for (const entry of this.#entries) chars += entry.text.length;
    return { messages: this.#entries.length, chars };
  }
}
