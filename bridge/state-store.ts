// The latest picture an overlay needs on connect: the live game's (game-picture.ts) and the
// caster's match data. Values stay when the source goes away (the overlay keeps the last good
// values); a new hello (a new game or a takeover) clears what belonged to the previous game.
import type { BridgeStatus, Match, Snapshot, WidgetMessage } from '../protocol/types.ts';
import { emptyPicture, takeMessage, type GamePicture } from './game-picture.ts';

export class StateStore {
  game: GamePicture = emptyPicture();
  match: Match | null = null;

  /** Applies one relayed message of the live source (received_at already set). */
  apply(message: WidgetMessage): void {
    takeMessage(this.game, message);
  }

  /** Switches to another source's last known picture (the control page picked it). */
  adopt(picture: GamePicture): void {
    this.game = { hello: picture.hello, state: picture.state, gameOver: picture.gameOver };
  }

  /** What a client gets on connect: the live picture, or the one of its delay (delay-line.ts). */
  snapshot(bridge: BridgeStatus, game: GamePicture = this.game): Snapshot {
    return {
      type: 'snapshot',
      schema_version: 1,
      hello: game.hello,
      state: game.state,
      game_over: game.gameOver,
      match: this.match,
      bridge,
    };
  }
}
