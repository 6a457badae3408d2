// The live game's history and the last finished game's. A hello alone does not start a new
// history: a widget that reconnects mid-game says hello again, so the history goes on when the
// next state is of the same map, not over, and not earlier than the history. Anything else, or
// the caster's "next game", puts the game so far aside as the last game (kept in the data folder
// by the caller through onFinished) and starts anew. One exception: the last game's widget saying
// hello again on its end screen (it reconnected, or the bridge restarted) goes back to that game,
// so its history, its game over and the end-of-game screen stay as they were.
import type {
  FinishedGame,
  GameOverEvent,
  Hello,
  History,
  HistorySeries,
  ServerMessage,
  State,
  WidgetMessage,
} from '../../protocol/types.ts';
import { GameHistory } from './game-history.ts';
import { HISTORY_METRICS } from '../../protocol/history-metrics.ts';

export interface HistoryKeeperOptions {
  /** The last game changed: it ended, or the next one replaced it. Called to save it. */
  onFinished(game: FinishedGame): void;
  /** The last finished game found in the data folder at start, or null. */
  lastGame?: FinishedGame | null;
}

/** A finished game and when it was put aside (epoch ms; -Infinity for one from the data folder). */
interface Finished {
  game: FinishedGame;
  at: number;
}

/** What a client that is `delay` behind may see of the history: nothing newer than its picture. */
export interface HistoryAt {
  history: History | null;
  lastGame: FinishedGame | null;
}

export class HistoryKeeper {
  lastGame: FinishedGame | null;
  /** The last game and the one before it, with when each was put aside (for delayed clients). */
  private finished: Finished[];
  private live: GameHistory | null = null;
  private hello: Hello | null = null;
  private state: State | null = null;
  private gameOver: GameOverEvent | null = null;
  private pendingHello: Hello | null = null;
  /** The caster's "next game" emptied the graph: a return to the last game's end screen keeps it empty. */
  private putAside = false;
  private readonly onFinished: (game: FinishedGame) => void;
  /** When the message or press being taken came (epoch ms): when a game is put aside. */
  private clock = 0;

  constructor(options: HistoryKeeperOptions) {
    this.onFinished = options.onFinished;
    this.lastGame = options.lastGame ?? null;
    this.finished = this.lastGame ? [{ game: this.lastGame, at: -Infinity }] : [];
  }

  /**
   * The history as it stood at `time` (epoch ms) for a client whose picture of the game is then at
   * `gameSeconds`: the game's points and markers up to that second, and the last game only if it
   * had been put aside by then. A thinning since shows as fewer points, never as newer ones.
   */
  at(time: number, gameSeconds: number | null): HistoryAt {
    const [last, before] = this.finished;
    const lastGame =
      last && last.at <= time ? last.game : before && before.at <= time ? before.game : null;
    // The game shown then: the newest whose history had started by then.
    const shown = [this.live?.message(true), last?.game.history, before?.game.history].find(
      (history) => history && history.game <= time,
    );
    const history = shown && gameSeconds !== null ? historyUpTo(shown, gameSeconds) : null;
    return { history, lastGame };
  }

  /** The live history whole, for a snapshot; null before the game's first state. */
  snapshot(): History | null {
    return this.live?.message(true) ?? null;
  }

  /** Takes one message of the live source (received_at set); returns the messages to relay. */
  take(message: WidgetMessage): ServerMessage[] {
    this.clock = message.received_at ?? this.clock;
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
    this.clock = now;
    const out: ServerMessage[] = [];
    const finished = this.finish();
    if (finished) out.push(finished);
    this.live = null;
    this.hello = null;
    this.state = null;
    this.gameOver = null;
    this.putAside = true;
    return [...out, new GameHistory(now).message(true)];
  }

  private takeState(state: State): ServerMessage[] {
    const out: ServerMessage[] = [];
    if (this.pendingHello) {
      const hello = this.pendingHello;
      this.pendingHello = null;
      if (!this.continues(hello, state)) {
        const last = this.lastGame;
        if (last && isEndScreenOf(last, hello, state)) return this.backTo(last, hello, state);
        const finished = this.live && this.state ? this.finish() : null;
        if (finished) out.push(finished);
        this.live = new GameHistory(hello.received_at ?? state.received_at ?? 0);
        this.gameOver = null;
        this.putAside = false;
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

  /** The finished game's end screen said hello again: it is the game on show, as it ended. */
  private backTo(last: FinishedGame, hello: Hello, state: State): ServerMessage[] {
    this.hello = hello;
    this.state = state;
    this.gameOver = last.game_over;
    if (this.putAside) return [];
    if (this.live?.game !== last.history.game) this.live = GameHistory.resume(last.history);
    // Whole, so pages that came after the restart know which game is on show.
    return [this.live.message(true)];
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
    // A game over and then its last state each finish the same game: it keeps when it first ended.
    const [last, before] = this.finished;
    this.finished =
      last && last.game.history.game === this.lastGame.history.game
        ? [{ game: this.lastGame, at: last.at }, ...(before ? [before] : [])]
        : [{ game: this.lastGame, at: this.clock }, ...(last ? [last] : [])];
    this.onFinished(this.lastGame);
    return this.lastGame;
  }
}

/** Whether a hello and its first state are the finished game's end screen: over, on the same map
 * with the same teams, and no earlier than its last state. */
function isEndScreenOf(game: FinishedGame, hello: Hello, state: State): boolean {
  const ids = (s: State) => s.teams.map((team) => team.id).join(',');
  return (
    state.phase === 'over' &&
    (game.state.phase === 'over' || game.game_over !== null) &&
    game.hello.game.map === hello.game.map &&
    ids(game.state) === ids(state) &&
    state.game_seconds >= game.state.game_seconds
  );
}

/** The part of a whole history up to `gameSeconds`: its points and markers no later than that. */
export function historyUpTo(history: History, gameSeconds: number): History {
  const count = history.times.filter((t) => t <= gameSeconds).length;
  const cut = (series: HistorySeries): HistorySeries => {
    const out = {} as HistorySeries;
    for (const metric of HISTORY_METRICS) out[metric] = series[metric].slice(0, count);
    return out;
  };
  return {
    ...history,
    times: history.times.slice(0, count),
    ally_teams: history.ally_teams.map((ally) => ({ ...ally, series: cut(ally.series) })),
    teams: history.teams.map((team) => ({ ...team, series: cut(team.series) })),
    events: history.events.filter((marker) => marker.t <= gameSeconds),
  };
}
