// One finished game as the series screen lists it: map, winners, length, and per ally team the
// numbers that decided it, under the name it played as. Army value's peak is not in any single
// state, so a tracker follows it through the game's states.
import type { Hello, Match, SeriesGame, State } from '../../protocol/types.ts';

const MAX_NAME = 200;

function sum(values: (number | null | undefined)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null && v !== undefined) total = (total ?? 0) + v;
  return total;
}

/** Follows one game's states: the latest one, and each ally team's army value peak. */
export class SeriesTracker {
  state: State | null = null;
  private readonly peaks = new Map<number, number>();

  take(state: State): void {
    if (this.state && state.game_seconds < this.state.game_seconds) this.peaks.clear();
    this.state = state;
    for (const ally of state.ally_teams) {
      const army = sum(state.teams.filter((t) => t.ally_team === ally.id).map((t) => t.army_value));
      if (army !== null) this.peaks.set(ally.id, Math.max(army, this.peaks.get(ally.id) ?? 0));
    }
  }

  /** The game as the series lists it, or null before its first state. */
  summary(hello: Hello | null, match: Match, winners: number[], at: number): SeriesGame | null {
    const state = this.state;
    if (!state) return null;
    const bound = new Map(match.teams.map((t) => [t.ally_team, t]));
    return {
      map: (hello?.game.map ?? 'unknown map').slice(0, MAX_NAME),
      winners,
      length_s: state.game_seconds,
      at,
      sides: state.ally_teams.slice(0, 16).map((ally) => {
        const teams = state.teams.filter((t) => t.ally_team === ally.id);
        const name = bound.get(ally.id)?.name.trim() || teams.map((t) => t.name).join(' & ');
        return {
          ally_team: ally.id,
          name: (name || `Ally team ${ally.id + 1}`).slice(0, MAX_NAME),
          color: bound.get(ally.id)?.color ?? teams[0]?.color ?? '#808080',
          army_peak: this.peaks.get(ally.id) ?? null,
          metal_produced: sum(teams.map((t) => t.stats?.metal_produced)),
          damage_dealt: sum(teams.map((t) => t.stats?.damage_dealt)),
          units_killed: sum(teams.map((t) => t.stats?.units_killed)),
        };
      }),
    };
  }
}
