// The latest picture an overlay needs on connect: the live game's (game-picture.ts), its history
// and the last finished game's (history/history-keeper.ts), and the caster's match data. Values
// stay when the source goes away (the overlay keeps the last good values); a new hello (a new game
// or a takeover) clears what belonged to the previous game.
import type {
  BridgeStatus,
  Match,
  ServerMessage,
  Snapshot,
  WidgetMessage,
} from '../protocol/types.ts';
import { emptyPicture, takeMessage, type GamePicture } from './game-picture.ts';
import { HistoryKeeper, type HistoryKeeperOptions } from './history/history-keeper.ts';

export class StateStore {
  game: GamePicture = emptyPicture();
  match: Match | null = null;
  readonly history: HistoryKeeper;

  constructor(history: HistoryKeeperOptions = { onFinished: () => undefined }) {
    this.history = new HistoryKeeper(history);
  }

  /** Applies one relayed message of the live source (received_at already set); returns the
   * history messages it makes, to relay after it. */
  apply(message: WidgetMessage): ServerMessage[] {
    takeMessage(this.game, message);
    return this.history.take(message);
  }

  /**
   * What a client gets on connect: the live picture, or for a delayed client the game as it stood
   * at `time` (delay-line.ts) with the history as far as that picture goes.
   */
  snapshot(bridge: BridgeStatus, delayed?: { game: GamePicture; time: number }): Snapshot {
    const game = delayed?.game ?? this.game;
    const { history, lastGame } = delayed
      ? this.history.at(delayed.time, game.state?.game_seconds ?? null)
      : { history: this.history.snapshot(), lastGame: this.history.lastGame };
    return {
      type: 'snapshot',
      schema_version: 1,
      hello: game.hello,
      state: game.state,
      game_over: game.gameOver,
      match: this.match,
      bridge,
      history,
      last_game: lastGame,
    };
  }
}
