// What one widget connection has told of its game so far: the latest hello, state and game over
// (each with received_at). The live source's picture is what an overlay gets on connect
// (state-store.ts); every connection keeps one so the control page can switch to it (sources.ts).
import type { GameOverEvent, Hello, State, WidgetMessage } from '../protocol/types.ts';

export interface GamePicture {
  hello: Hello | null;
  state: State | null;
  /** When it came (received_at) decides whether the caster's next game hides its banner. */
  gameOver: GameOverEvent | null;
}

export function emptyPicture(): GamePicture {
  return { hello: null, state: null, gameOver: null };
}

/** Takes one message into the picture. A hello starts a new game (or a takeover): the state and
 * game over belonged to the previous one. */
export function takeMessage(picture: GamePicture, message: WidgetMessage): void {
  if (message.type === 'hello') {
    picture.hello = message;
    picture.state = null;
    picture.gameOver = null;
  } else if (message.type === 'state') {
    picture.state = message;
  } else if (message.type === 'event' && message.event === 'game_over') {
    picture.gameOver = message;
  }
}
