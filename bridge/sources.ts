// Which widget connection is the live source. Rule: the most recent connection that sent a valid
// hello (a reconnect, or a second caster's game, takes over). When the live source disconnects no
// other takes its place by itself (the overlays keep the last game's final picture); a new hello or
// the control page's select() picks the next one. Only the live source's messages are relayed.
import type { Source, WidgetMessage } from '../protocol/types.ts';
import { emptyPicture, takeMessage, type GamePicture } from './game-picture.ts';

/** A connection, and its game's picture (kept so select() can switch to it). */
export interface SourceRecord extends GamePicture {
  readonly id: string;
  readonly peer: string;
  readonly connectedAt: number;
  lastMessageAt: number | null;
  messages: number;
  stale: boolean;
}

/** Who is behind a connection: a widget in a game, or the bridge's own demo or --replay. */
export type SourceOrigin = 'widget' | 'demo' | 'replay';

/** What accept() decided for one valid message. */
export type Acceptance = 'live' | 'took_over' | 'ignored';

export class Sources {
  readonly #records = new Map<string, SourceRecord>();
  #liveId: string | null = null;

  add(id: string, peer: string, connectedAt: number): void {
    this.#records.set(id, {
      id,
      peer,
      connectedAt,
      lastMessageAt: null,
      messages: 0,
      stale: false,
      ...emptyPicture(),
    });
  }

  /** Forgets a closed connection; true when it was the live source. */
  remove(id: string): boolean {
    this.#records.delete(id);
    if (this.#liveId !== id) return false;
    this.#liveId = null;
    return true;
  }

  get(id: string): SourceRecord | undefined {
    return this.#records.get(id);
  }

  get live(): SourceRecord | null {
    return this.#liveId === null ? null : (this.#records.get(this.#liveId) ?? null);
  }

  /** Records a valid message (received_at already set) and says whether to relay it. */
  accept(id: string, message: WidgetMessage, at: number): Acceptance {
    const record = this.#records.get(id);
    if (!record) return 'ignored';
    record.messages += 1;
    record.lastMessageAt = at;
    takeMessage(record, message);
    if (message.type === 'hello' && this.#liveId !== id) {
      this.#liveId = id;
      return 'took_over';
    }
    return this.#liveId === id ? 'live' : 'ignored';
  }

  /** Makes a connection that has said hello the live source; null when there is none by that id. */
  select(id: string): SourceRecord | null {
    const record = this.#records.get(id);
    if (!record?.hello) return null;
    this.#liveId = id;
    return record;
  }

  setStale(id: string, stale: boolean): void {
    const record = this.#records.get(id);
    if (record) record.stale = stale;
  }

  /** Every connection, oldest first, as the protocol's Source. */
  list(): Source[] {
    return [...this.#records.values()].map((r) => ({
      id: r.id,
      peer: r.peer,
      live: r.id === this.#liveId,
      stale: r.stale,
      connected_at: r.connectedAt,
      last_message_at: r.lastMessageAt,
      messages: r.messages,
      hello: r.hello,
    }));
  }
}
