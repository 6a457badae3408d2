// What the live game does to the match document: every ally team gets an entry, and a game over
// gives the winner a point and adds the game to the series' list, once per game. A game is known by its map and game-over frame, which
// stay the same when a reconnecting widget sends the event again or a second spectator's widget
// reports the same game, and survive a bridge restart through last_auto_score.game. Only games
// from a widget score: the bridge's own demo and --replay games are for show (an in-game BAR
// replay comes from a widget, and scores: a caster may cast one as a delayed broadcast).
import type { Hello, WidgetMessage } from '../../protocol/types.ts';
import type { SourceOrigin } from '../sources.ts';
import { addSeriesGame, awardAutoScore, fillFromState } from './match-edits.ts';
import { SeriesTracker } from './series-game.ts';
import type { Logger } from '../logger.ts';
import type { MatchStore } from './match-store.ts';

export interface LiveSource {
  id: string;
  hello: Hello | null;
  origin: SourceOrigin;
}

export interface LiveMatch {
  /** Feed every valid message of the live source, in order. */
  handle(message: WidgetMessage, source: LiveSource): void;
}

export function gameKey(hello: Hello | null, gameOverFrame: number): string {
  return `${hello?.game.map ?? 'unknown map'}@${gameOverFrame}`;
}

export function createLiveMatch(options: {
  store: MatchStore;
  log: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}): LiveMatch {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  let lastGameOver = store.get().last_auto_score?.game ?? null;
  // Next game arms scoring: the next game over scores even when it looks like the last one.
  let nextGameAt = store.get().next_game_at;
  store.onChange((match) => {
    if (match.next_game_at === nextGameAt) return;
    nextGameAt = match.next_game_at;
    lastGameOver = null;
  });
  const report = (err: Error) => log.warn(`match data not updated: ${err.message}`);
  const tracker = new SeriesTracker();

  return {
    handle(message, source) {
      if (message.type === 'state') {
        tracker.take(message);
        store.update((match) => fillFromState(match, message)).catch(report);
        return;
      }
      if (message.type !== 'event' || message.event !== 'game_over') return;
      const key = gameKey(source.hello, message.frame);
      if (source.origin !== 'widget') {
        log.info(`game over (${key}) in the ${source.origin}: no automatic point`);
        return;
      }
      if (key === lastGameOver) return;
      lastGameOver = key;
      const game = tracker.summary(source.hello, store.get(), message.winners, now());
      if (game) store.update((match) => addSeriesGame(match, game)).catch(report);
      if (message.winners.length !== 1) {
        log.info(`game over (${key}) with winners [${message.winners}]: no automatic point`);
        return;
      }
      const winner = message.winners[0]!;
      // auto_score is read inside the edit: a toggle just before is applied by then.
      let off = false;
      store
        .update((match) => {
          off = !match.auto_score;
          return off ? match : awardAutoScore(match, winner, key, now());
        })
        .then((match) => {
          const team = match.last_auto_score?.team ?? -1;
          log.info(
            off
              ? `game over (${key}): automatic scoring is off`
              : `game over (${key}): +1 for team ${team} (ally team ${winner})`,
          );
        })
        .catch(report);
    },
  };
}
