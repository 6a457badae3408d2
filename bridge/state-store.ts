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

  /** Switches to another source's last known picture (the control page picked it). */
  adopt(picture: GamePicture): void {
    this.game = { hello: picture.hello, state: picture.state, gameOver: picture.gameOver };
  }

  snapshot(bridge: BridgeStatus): Snapshot {
    return {
      type: 'snapshot',
      schema_version: 1,
      hello: this.game.hello,
      state: this.game.state,
      game_over: this.game.gameOver,
      match: this.match,
      bridge,
      history: this.history.snapshot(),
      last_game: this.history.lastGame,
    };
  }
}
