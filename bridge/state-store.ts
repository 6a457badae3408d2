// The latest picture an overlay needs on connect: the live game's hello and state and the caster's
// match data. Values stay when the source goes away (the overlay keeps the last good values); a new
// hello (a new game or a takeover) clears the state, which belonged to the previous game.
import type {
  BridgeStatus,
  Hello,
  Match,
  Snapshot,
  State,
  WidgetMessage,
} from '../protocol/types.ts';

export class StateStore {
  hello: Hello | null = null;
  state: State | null = null;
  match: Match | null = null;

  /** Applies one relayed message of the live source (received_at already set). */
  apply(message: WidgetMessage): void {
    if (message.type === 'hello') {
      this.hello = message;
      this.state = null;
    } else if (message.type === 'state') {
      this.state = message;
    }
  }

  /** Switches to another source's last known picture (the control page picked it). */
  adopt(hello: Hello, state: State | null): void {
    this.hello = hello;
    this.state = state;
  }

  snapshot(bridge: BridgeStatus): Snapshot {
    return {
      type: 'snapshot',
      schema_version: 1,
      hello: this.hello,
      state: this.state,
      match: this.match,
      bridge,
    };
  }
}
