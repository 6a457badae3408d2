// The live source's messages, from the intake to everyone who follows the game: each valid widget
// message is recorded, accepted or ignored by the sources, stamped, relayed to the WebSocket clients
// (now and, through the delay line, late), applied to the state store (whose history goes the same
// way, right after it) and told to the listeners at the bridge-wide delay. select() relays a newly
// picked source's game the same way.
import type { Counters } from './counters.ts';
import type { Logger } from './logger.ts';
import type { Recorder } from './recorder.ts';
import type { SourceOrigin, Sources } from './sources.ts';
import type { StateStore } from './state-store.ts';
import type { WsFanout } from './ws-fanout.ts';
import { stampReceivedAt } from './message-parser.ts';
import { RecentMessages, parse, type HistoryEntry } from './delay/recent-messages.ts';
import { DelayLine } from './delay/delay-line.ts';
import { MAX_DELAY_S } from '../protocol/delay.ts';
import type { ServerMessage, WidgetMessage } from '../protocol/types.ts';

export type LiveMessageListener = (
  message: WidgetMessage,
  sourceId: string,
  origin: SourceOrigin,
) => void;

export interface LivePipelineOptions {
  sources: Sources;
  store: StateStore;
  fanout: Pick<WsFanout, 'relay'>;
  counters: Counters;
  logger: Logger;
  recorder?: Recorder | null;
  /** The bridge-wide delay in force (ms): the listeners follow the game that late. */
  delayMs(): number;
  /** Who is behind a connection from this peer address: the bridge's demo or replay, or a widget. */
  originOf(peer: string): SourceOrigin;
  /** A source said hello or was picked: the `bridge` status changed. */
  onSourcesChanged(): void;
}

/** A widget connection as the intake knows it. */
export interface LiveConnection {
  id: string;
  peer: string;
}

export class LivePipeline {
  /** The game's recent messages, kept for the longest delay a client may ask for. */
  readonly #recent = new RecentMessages(MAX_DELAY_S * 1000 + 10_000);
  /** Feeds each delayed client group its messages late (delay/delay-line.ts). */
  readonly delayLine: DelayLine;
  readonly #options: LivePipelineOptions;
  readonly #listeners = new Set<LiveMessageListener>();
  // The last message the listeners got, so they hear each one once, in order.
  #listenedSeq = 0;

  constructor(options: LivePipelineOptions) {
    this.#options = options;
    this.delayLine = new DelayLine(this.#recent, (late: number, entry: HistoryEntry) => {
      options.fanout.relay(entry.bytes, entry.isState, late);
      if (late === options.delayMs()) this.#listenUpTo(entry.seq);
    });
  }

  /** One valid message from a widget connection, with its text as received and when. */
  receive(conn: LiveConnection, message: WidgetMessage, text: string, at: number): void {
    const { recorder, sources, counters, logger } = this.#options;
    recorder?.write(at, conn.id, message, text);
    const stamped = { ...message, received_at: at } as WidgetMessage;
    const acceptance = sources.accept(conn.id, stamped, at);
    if (acceptance === 'ignored') {
      counters.inc('messages_ignored');
      return;
    }
    this.#relay(stamped, stampReceivedAt(message, text, at), at, this.#from(conn));
    if (acceptance === 'took_over')
      logger.info(`widget ${conn.id} ${conn.peer} is now the live source`);
    if (message.type === 'hello') this.#options.onSourcesChanged();
  }

  /** Makes another connected widget the live source; false when it has not said hello. */
  select(id: string): boolean {
    const record = this.#options.sources.select(id);
    if (!record?.hello) return false;
    const at = Date.now();
    const from = this.#from({ id, peer: record.peer });
    for (const message of [record.hello, record.state, record.gameOver]) {
      if (message) this.#relay(message, JSON.stringify(message), at, from, false);
    }
    this.#options.logger.info(`widget ${id} ${record.peer} selected as the live source`);
    this.#options.onSourcesChanged();
    return true;
  }

  /**
   * What the bridge makes of the game (history) goes the way of the game's own messages, right
   * after the one it came from, so whatever holds those back holds it too; not counted as widget
   * messages.
   */
  relayMade(made: ServerMessage[], at: number): void {
    for (const message of made) {
      const bytes = Buffer.from(JSON.stringify(message));
      this.#options.fanout.relay(bytes, false);
      this.#recent.push(at, null, bytes, null);
    }
    this.delayLine.added();
  }

  /** Every valid message of the live source, at the bridge-wide delay, and who is behind it. */
  onLiveMessage(listener: LiveMessageListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #from(conn: LiveConnection): NonNullable<HistoryEntry['from']> {
    return { id: conn.id, origin: this.#options.originOf(conn.peer) };
  }

  #relay(
    message: WidgetMessage,
    text: string,
    at: number,
    from: HistoryEntry['from'],
    listen = true,
  ): void {
    const { fanout, counters, store, delayMs } = this.#options;
    // Encoded once: for every client now and for the delayed ones.
    const bytes = Buffer.from(text);
    fanout.relay(bytes, message.type === 'state');
    counters.inc('messages_relayed');
    const entry = this.#recent.push(at, message, bytes, from);
    this.relayMade(store.apply(message), at);
    // Listeners never hear a message twice: a source picked again repeats what they had.
    if (!listen) this.#listenedSeq = entry.seq;
    else if (delayMs() === 0) this.#listenUpTo(entry.seq, message);
  }

  /** Tells the listeners every message up to `seq` they have not had, in order; `last` is message
   * `seq` itself when the caller holds it (no parse on the relay path). */
  #listenUpTo(seq: number, last?: WidgetMessage): void {
    for (
      let entry = this.#recent.from(this.#listenedSeq + 1);
      entry && entry.seq <= seq && this.#listeners.size > 0;
      entry = this.#recent.from(entry.seq + 1)
    ) {
      const from = entry.from;
      if (!from) continue; // made by the bridge, not the widget's
      const message = last && entry.seq === seq ? last : parse(entry);
      for (const listener of this.#listeners) {
        try {
          listener(message, from.id, from.origin);
        } catch (error) {
          this.#options.logger.error(
            `live message listener: ${(error as Error).stack ?? String(error)}`,
          );
        }
      }
    }
    this.#listenedSeq = Math.max(this.#listenedSeq, seq);
  }
}
