// The game's history as the overlay holds it, from the bridge's `history` messages (reset: the whole
// history; otherwise points and markers to add), and the lead graph's values from it: one ally
// team's figure minus the other's, or each ally team's own figure when more than two play.
import type { History, HistoryMarker, HistorySeries } from '../../../protocol/types.ts';
import type { GraphMetric } from './route.ts';
import { HISTORY_METRICS } from '../../../protocol/history-metrics.ts';

export interface GameHistory {
  game: number;
  step: number;
  times: number[];
  /** Per ally team id. */
  allies: Map<number, HistorySeries>;
  markers: HistoryMarker[];
  /** Counts resets: a drawing made for an older one must start again. */
  generation: number;
}

function padded(length: number): HistorySeries {
  const series = {} as HistorySeries;
  for (const key of HISTORY_METRICS) series[key] = new Array<null>(length).fill(null);
  return series;
}

let generations = 0;

/** Takes one message into `held` (changed in place and returned), or starts anew on a reset or
 * another game's append. */
export function applyHistory(held: GameHistory | null, message: History): GameHistory {
  if (message.reset || !held || held.game !== message.game) {
    generations += 1;
    return {
      game: message.game,
      step: message.step_s,
      times: [...message.times],
      allies: new Map(message.ally_teams.map((a) => [a.id, a.series])),
      markers: [...message.events],
      generation: generations,
    };
  }
  const before = held.times.length;
  held.times.push(...message.times);
  for (const ally of message.ally_teams) {
    let series = held.allies.get(ally.id);
    if (!series) held.allies.set(ally.id, (series = padded(before)));
    for (const key of HISTORY_METRICS) series[key].push(...ally.series[key]);
  }
  // An ally team the append leaves out has no value at its points.
  for (const series of held.allies.values()) {
    for (const key of HISTORY_METRICS) {
      while (series[key].length < held.times.length) series[key].push(null);
    }
  }
  held.markers.push(...message.events);
  return held;
}

/** The lead graph's value at point `i`: `first` minus `second` (null when either is unknown). */
export function leadAt(
  history: GameHistory,
  metric: GraphMetric,
  first: number,
  second: number,
  i: number,
): number | null {
  const a = history.allies.get(first)?.[metric][i] ?? null;
  const b = history.allies.get(second)?.[metric][i] ?? null;
  return a === null || b === null ? null : a - b;
}

/** One ally team's value at point `i` (null when unknown). */
export function valueAt(
  history: GameHistory,
  metric: GraphMetric,
  ally: number,
  i: number,
): number | null {
  return history.allies.get(ally)?.[metric][i] ?? null;
}
