// The latest picture an overlay needs on connect: the live game's hello, state and game over (when
// it ended decides whether the caster's next game hides its banner) and the caster's match data.
// Values stay when the source goes away (the overlay keeps the last good values); a new hello (a new
// game or a takeover) clears the state and the game over, which belonged to the previous game.
import type {
  BridgeStatus,
  GameOverEvent,
  Hello,
  Match,
  Snapshot,
  State,
  WidgetMessage,
} from '../protocol/types.ts';

export class StateStore {
  hello: Hello | null = null;
  state: State | null = null;
  gameOver: GameOverEvent | null = null;
  match: Match | null = null;

  /** Applies one relayed message of the live source (received_at already set). */
  apply(message: WidgetMessage): void {
    if (message.type === 'hello') {
      this.hello = message;
      this.state = null;
      this.gameOver = null;
    } else if (message.type === 'state') {
      this.state = message;
    } else if (message.type === 'event' && message.event === 'game_over') {
      this.gameOver = message;
    }
  }

  /** Switches to another source's last known picture (the control page picked it). */
  adopt(hello: Hello, state: State | null, gameOver: GameOverEvent | null): void {
    this.hello = hello;
    this.state = state;
    this.gameOver = gameOver;
  }

  snapshot(bridge: BridgeStatus): Snapshot {
    return {
      type: 'snapshot',
      schema_version: 1,
      hello: this.hello,
      state: this.state,
      game_over: this.gameOver,
      match: this.match,
      bridge,
    };
  }
}
