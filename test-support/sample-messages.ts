// Valid protocol messages for tests: the demo generator's first messages and a matching game over.
import { demoGames } from '../bridge/demo/game.ts';
import type { DemoShape } from '../bridge/demo/roster.ts';
import type { GameOverEvent, Hello, State, WidgetMessage } from '../protocol/types.ts';

/** The first `count` messages a demo game of this shape sends (valid protocol messages). */
export function demoMessages(count: number, shape: DemoShape = '8v8', seed = 1): WidgetMessage[] {
  const out: WidgetMessage[] = [];
  for (const game of demoGames(seed, shape)) {
    for (const step of game) {
      if (step.kind === 'send') out.push(step.message);
      if (out.length === count) return out;
    }
  }
  return out;
}

export function sampleHello(): Hello {
  return demoMessages(1)[0] as Hello;
}

export function sampleState(seq = 2): State {
  return { ...(demoMessages(2)[1] as State), seq };
}

/** The game over after sampleHello and sampleState: ally team 1 won, half an hour in. */
export function sampleGameOver(seq = 3): GameOverEvent {
  return {
    type: 'event',
    schema_version: 1,
    seq,
    frame: 54000,
    game_seconds: 1800,
    event: 'game_over',
    winners: [1],
  };
}

/** A message without the bridge's received_at, for comparing with what a widget sent. */
export function withoutReceivedAt(message: object): object {
  const { received_at: _dropped, ...rest } = message as { received_at?: number };
  return rest;
}
