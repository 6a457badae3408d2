// The live game's history and the last finished game's. A hello alone does not start a new
// history: a widget that reconnects mid-game says hello again, so the history goes on when the
// next state is of the same map, not over, and not earlier than the history. Anything else, or
// the caster's "next game", puts the game so far aside as the last game (kept in the data folder
// by the caller through onFinished) and starts anew.
import type {
  FinishedGame,
  GameOverEvent,
  Hello,
  History,
  ServerMessage,
  State,
  WidgetMessage,
} from '../../protocol/types.ts';
import { GameHistory } from './game-history.ts';

export interface HistoryKeeperOptions {
  /** The last game changed: it ended, or the next one replaced it. Called to save it. */
  onFinished(game: FinishedGame): void;
  /** The last finished game found in the data folder at start, or null. */
  lastGame?: FinishedGame | null;
}

export class HistoryKeeper {
  lastGame: FinishedGame | null;
  private live: GameHistory | null = null;
  private hello: Hello | null = null;
  private state: State | null = null;
  private gameOver: GameOverEvent | null = null;
  private pendingHello: Hello | null = null;
  private readonly onFinished: (game: FinishedGame) => void;

  constructor(options: HistoryKeeperOptions) {
    this.onFinished = options.onFinished;
    this.lastGame = options.lastGame ?? null;
  }

  /** The live history whole, for a snapshot; null before the game's first state. */
  snapshot(): History | null {
    return this.live?.message(true) ?? null;
  }

  /** Takes one message of the live source (received_at set); returns the messages to relay. */
  take(message: WidgetMessage): ServerMessage[] {
    if (message.type === 'hello') {
      this.pendingHello = message;
      return [];
    }
    if (message.type === 'state') return this.takeState(message);
    if (message.type !== 'event' || !this.live) return [];
    const out: ServerMessage[] = [];
    const marker = this.live.takeEvent(message);
    if (marker) out.push(marker);
    if (message.event === 'game_over') {
      this.gameOver = message;
      this.finish();
    }
    return out;
  }

  /** The caster started the next game: the game so far becomes the last game; the graph empties
   * until the next game's hello. */
  nextGame(now: number): ServerMessage[] {
    const out: ServerMessage[] = [];
    const finished = this.finish();
    if (finished) out.push(finished);
    this.live = null;
    this.hello = null;
    this.state = null;
    this.gameOver = null;
    return [...out, new GameHistory(now).message(true)];
  }

  private takeState(state: State): ServerMessage[] {
    const out: ServerMessage[] = [];
    if (this.pendingHello) {
      const hello = this.pendingHello;
      this.pendingHello = null;
      if (!this.continues(hello, state)) {
        const finished = this.live && this.state ? this.finish() : null;
        if (finished) out.push(finished);
        this.live = new GameHistory(hello.received_at ?? state.received_at ?? 0);
        this.gameOver = null;
      }
      this.hello = hello;
    }
    if (!this.live || !this.hello) return out; // after "next game", until a hello
    const wasOver = this.state?.phase === 'over';
    this.state = state;
    const appended = this.live.takeState(state);
    // A game's first point goes out as the whole history: it names the new game.
    if (appended) out.push(this.live.times.length === 1 ? this.live.message(true) : appended);
    if (state.phase === 'over' && !wasOver) this.finish();
    return out;
  }

  private continues(hello: Hello, state: State): boolean {
    const last = this.live?.lastTime ?? null;
    return (
      last !== null &&
      this.hello?.game.map === hello.game.map &&
      this.gameOver === null &&
      this.state?.phase !== 'over' &&
      state.game_seconds >= last
    );
  }

  /** Makes the game so far the last game and hands it on to be saved; null when there is none. */
  private finish(): FinishedGame | null {
    if (!this.live || !this.hello || !this.state) return null;
    this.live.close(this.state);
    this.lastGame = {
      type: 'finished_game',
      schema_version: 1,
      hello: this.hello,
      state: this.state,
      game_over: this.gameOver,
      history: this.live.message(true),
    };
    this.onFinished(this.lastGame);
    return this.lastGame;
  }
}
