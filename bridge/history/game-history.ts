// One game's history for the lead graphs: a point per `step_s` game seconds (1 at first, doubled
// by thinning.ts as the game grows) of each team's and ally team's figures, and the notable events
// as markers (never thinned). It answers every state and event with the `history` message to relay
// (a one-point append, or the whole history after thinning), and gives the whole of it for a
// snapshot or the data folder.
import type {
  Event,
  History,
  HistoryMarker,
  HistorySeries,
  State,
  Team,
} from '../../protocol/types.ts';
import { pick, thinnedIndices } from './thinning.ts';
import { HISTORY_METRICS } from '../../protocol/history-metrics.ts';

/** Points per series before thinning (then 90 to 180): an 8v8's whole history stays under 150 KB
 * of JSON at any game length. */
export const HISTORY_CAPACITY = 180;
/** Unit-loss markers kept; beyond it the cheapest goes (commander, team and pause markers stay). */
export const MAX_UNIT_MARKERS = 200;

type Metric = (typeof HISTORY_METRICS)[number];
type Point = Record<Metric, number | null>;

const whole = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : Math.round(v);

/** A team's figures at one point, rounded so the history stays small on the wire. */
function teamPoint(team: Team): Point {
  const income = team.metal?.income;
  return {
    army: whole(team.army_value),
    metal: income === null || income === undefined ? null : Math.round(income * 10) / 10,
    energy: whole(team.energy?.income),
    damage: whole(team.stats?.damage_dealt),
    build_power: whole(team.build_power),
    metal_produced: whole(team.stats?.metal_produced),
    units: team.unit_count,
  };
}

function sumPoints(points: Point[]): Point {
  const sum = {} as Point;
  for (const metric of HISTORY_METRICS) {
    let total: number | null = null;
    for (const point of points) {
      const v = point[metric];
      if (v !== null) total = (total ?? 0) + v;
    }
    sum[metric] = metric === 'metal' && total !== null ? Math.round(total * 10) / 10 : total;
  }
  return sum;
}

function emptySeries(length: number): HistorySeries {
  const series = {} as HistorySeries;
  for (const metric of HISTORY_METRICS) series[metric] = new Array<null>(length).fill(null);
  return series;
}

interface Row {
  id: number;
  allyTeam: number;
  series: HistorySeries;
}

export class GameHistory {
  readonly game: number;
  step = 1;
  times: number[] = [];
  events: HistoryMarker[] = [];
  private readonly teams = new Map<number, Row>();
  private readonly allies = new Map<number, Row>();
  private readonly allyOf = new Map<number, number>();

  /** `game` names it on the wire: its hello's received_at. */
  constructor(game: number) {
    this.game = game;
  }

  /** Carries on a history from its whole message (the last game's, as saved before a restart). */
  static resume(history: History): GameHistory {
    const resumed = new GameHistory(history.game);
    resumed.step = history.step_s;
    resumed.times = [...history.times];
    resumed.events = [...history.events];
    for (const ally of history.ally_teams) {
      resumed.allies.set(ally.id, { id: ally.id, allyTeam: ally.id, series: copy(ally.series) });
    }
    for (const team of history.teams) {
      resumed.teams.set(team.id, {
        id: team.id,
        allyTeam: team.ally_team,
        series: copy(team.series),
      });
      resumed.allyOf.set(team.id, team.ally_team);
    }
    return resumed;
  }

  get lastTime(): number | null {
    return this.times.at(-1) ?? null;
  }

  /** Takes a state; returns the message to relay when it made a point, else null. */
  takeState(state: State): History | null {
    for (const team of state.teams) this.allyOf.set(team.id, team.ally_team);
    const last = this.lastTime;
    if (last !== null && state.game_seconds < last + this.step) return null;
    return this.addPoint(state);
  }

  /** The game ended on `state`: it becomes the last point even within a step of the one before. */
  close(state: State): void {
    const last = this.lastTime;
    if (last === null || state.game_seconds > last) this.addPoint(state);
  }

  private addPoint(state: State): History | null {
    const teamPoints = new Map(state.teams.map((team) => [team.id, teamPoint(team)]));
    const allyPoints = new Map(
      state.ally_teams.map((ally) => [
        ally.id,
        sumPoints(ally.team_ids.flatMap((id) => teamPoints.get(id) ?? [])),
      ]),
    );
    const teamRows = state.teams.map((team) => this.row(this.teams, team.id, team.ally_team));
    const allyRows = state.ally_teams.map((ally) => this.row(this.allies, ally.id, ally.id));
    this.times.push(state.game_seconds);
    this.push(this.teams, teamPoints);
    this.push(this.allies, allyPoints);
    if (this.times.length > HISTORY_CAPACITY) {
      this.thin();
      return this.message(true);
    }
    const at = this.times.length - 1;
    return {
      ...this.header(false),
      times: [state.game_seconds],
      ally_teams: allyRows.map((row) => ({ id: row.id, series: slice(row.series, at) })),
      teams: teamRows.map((row) => ({
        id: row.id,
        ally_team: row.allyTeam,
        series: slice(row.series, at),
      })),
      events: [],
    };
  }

  /** Takes an event; returns the message to relay when it is a marker, else null. */
  takeEvent(event: Event): History | null {
    const marker = markerFor(event, (team) => this.allyOf.get(team) ?? null);
    if (!marker) return null;
    this.events.push(marker);
    if (marker.kind === 'unit') this.dropCheapUnitMarker();
    return { ...this.header(false), times: [], ally_teams: [], teams: [], events: [marker] };
  }

  /** The whole history (reset: true), for a snapshot, a new game or the data folder. */
  message(reset = true): History {
    const rows = <T extends Row>(map: Map<number, T>) => [...map.values()];
    return {
      ...this.header(reset),
      times: [...this.times],
      ally_teams: rows(this.allies).map((row) => ({ id: row.id, series: copy(row.series) })),
      teams: rows(this.teams).map((row) => ({
        id: row.id,
        ally_team: row.allyTeam,
        series: copy(row.series),
      })),
      events: [...this.events],
    };
  }

  private header(reset: boolean) {
    return {
      type: 'history',
      schema_version: 1,
      game: this.game,
      reset,
      step_s: this.step,
    } as const;
  }

  /** The row of `id`, created with nulls for the points before it appeared. */
  private row(map: Map<number, Row>, id: number, allyTeam: number): Row {
    let row = map.get(id);
    if (!row) {
      row = { id, allyTeam, series: emptySeries(this.times.length) };
      map.set(id, row);
    }
    return row;
  }

  /** Appends each row's value at the new point (null for a row the state lacks). */
  private push(map: Map<number, Row>, points: Map<number, Point>): void {
    for (const row of map.values()) {
      const point = points.get(row.id);
      for (const metric of HISTORY_METRICS) row.series[metric].push(point?.[metric] ?? null);
    }
  }

  private thin(): void {
    this.step *= 2;
    const keep = thinnedIndices(this.times, this.step);
    this.times = pick(this.times, keep);
    for (const map of [this.teams, this.allies]) {
      for (const row of map.values()) {
        for (const metric of HISTORY_METRICS) row.series[metric] = pick(row.series[metric], keep);
      }
    }
  }

  private dropCheapUnitMarker(): void {
    const units = this.events.filter((m) => m.kind === 'unit');
    if (units.length <= MAX_UNIT_MARKERS) return;
    const cheapest = units.reduce((a, b) => ((b.cost ?? 0) < (a.cost ?? 0) ? b : a));
    this.events.splice(this.events.indexOf(cheapest), 1);
  }
}

function slice(series: HistorySeries, at: number): HistorySeries {
  const one = {} as HistorySeries;
  for (const metric of HISTORY_METRICS) one[metric] = [series[metric][at] ?? null];
  return one;
}

function copy(series: HistorySeries): HistorySeries {
  const out = {} as HistorySeries;
  for (const metric of HISTORY_METRICS) out[metric] = [...series[metric]];
  return out;
}

/** The marker an event makes on the graph, or null for events that make none. */
export function markerFor(
  event: Event,
  allyOf: (team: number) => number | null,
): HistoryMarker | null {
  const t = event.game_seconds;
  switch (event.event) {
    case 'commander_destroyed':
      return { t, kind: 'commander', team: event.team, ally_team: allyOf(event.team) };
    case 'team_died':
      return { t, kind: 'team_died', team: event.team, ally_team: allyOf(event.team) };
    case 'unit_destroyed':
      return {
        t,
        kind: 'unit',
        team: event.team,
        ally_team: allyOf(event.team),
        unit: event.unit_name,
        cost: event.cost,
      };
    case 'paused':
      return { t, kind: 'pause', team: null, ally_team: null };
    default:
      return null;
  }
}
