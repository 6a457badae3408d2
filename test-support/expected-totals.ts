// The figures the overlay's panels must show for a state and the caster's match data, worked out
// straight from the protocol's fields without the overlay's own code (overlay/src/lib/teams.ts,
// compare.ts), so a bug there fails the browser tests instead of passing them.
// expected-totals.test.ts pins the rules to written-out values; expected-text.ts writes the text.
//
// The rules: ally teams in id order, each with its teams in id order. An ally team's figure is the
// sum of its teams' readable (non-null) values, null when none is readable. Its name is the match
// data's (trimmed), else made from its teams' names. The compare panel ranks by army value
// rounded to two significant digits (close rivals tie and share the higher rank; unreadable last)
// and draws each figure as a fraction of the highest, or for two ally teams as the left's share.
import type { Match, Resource, State, Team } from '../protocol/types.ts';

type Figure = number | null;

export interface ExpectedTotals {
  armyValue: Figure;
  metalIncome: Figure;
  energyIncome: Figure;
  units: Figure;
  kills: Figure;
  losses: Figure;
  commanders: Figure;
  buildPower: Figure;
  damageDealt: Figure;
  metalProduced: Figure;
}

export type TotalKey = keyof ExpectedTotals;

export interface ExpectedTeam {
  id: number;
  name: string;
  metalIncome: Figure;
  energyIncome: Figure;
  buildPower: Figure;
  /** Storage bars' drawn length, 0..1: current over storage, 0 when unreadable. */
  metalFill: number;
  energyFill: number;
}

export interface ExpectedAlly {
  id: number;
  name: string;
  /** Place in the compare panel's ranked list (by army value). */
  rank: number;
  totals: ExpectedTotals;
  /** Each figure over the highest of all ally teams, 0..1 (the ranked list's bars). */
  ofLeader: Record<TotalKey, number>;
  teams: ExpectedTeam[];
}

const TEAM_FIGURES: Record<TotalKey, (t: Team) => Figure | undefined> = {
  armyValue: (t) => t.army_value,
  metalIncome: (t) => t.metal?.income,
  energyIncome: (t) => t.energy?.income,
  units: (t) => t.unit_count,
  kills: (t) => t.stats?.units_killed,
  losses: (t) => t.stats?.units_died,
  commanders: (t) => t.commanders_alive,
  buildPower: (t) => t.build_power,
  damageDealt: (t) => t.stats?.damage_dealt,
  metalProduced: (t) => t.stats?.metal_produced,
};
const KEYS = Object.keys(TEAM_FIGURES) as TotalKey[];

function sumReadable(values: (Figure | undefined)[]): Figure {
  const readable = values.filter((v): v is number => v != null);
  return readable.length ? readable.reduce((a, b) => a + b, 0) : null;
}

const fillOf = (r: Resource | null): number =>
  r?.current != null && r.storage ? r.current / r.storage : 0;

/** Its players' names ("A / B" when several share it), else the team's own (an AI's). */
function teamName(team: Team, state: State): string {
  const names = state.players
    .filter((p) => !p.spectator && p.team === team.id)
    .sort((a, b) => a.id - b.id)
    .map((p) => p.name);
  return names.length > 1 ? names.join(' / ') : team.name;
}

/** Without a name in the match data: "A", "A & B", "Team A" for three or more teams. */
function madeName(names: string[], allyId: number): string {
  if (names.length === 0) return `Ally team ${allyId + 1}`;
  if (names.length <= 2) return names.join(' & ');
  return `Team ${names[0]}`;
}

/** The left ally team's share of left + right, 0..1: even when both are 0 (negatives count as 0),
 * null when either is unreadable. */
export function share(left: Figure, right: Figure): number | null {
  if (left == null || right == null) return null;
  const [l, r] = [Math.max(0, left), Math.max(0, right)];
  return l + r === 0 ? 0.5 : l / (l + r);
}

export function expectedAllies(state: State, match: Match | null): ExpectedAlly[] {
  const byId = <T extends { id: number }>(list: T[]) => [...list].sort((a, b) => a.id - b.id);
  const allies = byId(state.ally_teams).map((ally) => {
    const teams = byId(state.teams.filter((t) => t.ally_team === ally.id));
    const totals = {} as ExpectedTotals;
    for (const key of KEYS) totals[key] = sumReadable(teams.map(TEAM_FIGURES[key]));
    const names = teams.map((t) => teamName(t, state));
    const named = match?.teams.find((m) => m.ally_team === ally.id)?.name.trim();
    return {
      id: ally.id,
      name: named || madeName(names, ally.id),
      totals,
      teams: teams.map((t, i) => ({
        id: t.id,
        name: names[i],
        metalIncome: t.metal?.income ?? null,
        energyIncome: t.energy?.income ?? null,
        buildPower: t.build_power,
        metalFill: fillOf(t.metal),
        energyFill: fillOf(t.energy),
      })),
    };
  });

  const rankValue = (a: (typeof allies)[number]) => {
    const v = a.totals.armyValue;
    return v == null ? null : Number(v.toPrecision(2));
  };
  const beats = (x: Figure, y: Figure) => x != null && (y == null || x > y);
  return allies.map((a) => {
    const ofLeader = {} as Record<TotalKey, number>;
    for (const key of KEYS) {
      const leader = Math.max(0, ...allies.map((o) => o.totals[key] ?? 0));
      const v = a.totals[key];
      ofLeader[key] = v == null || leader === 0 ? 0 : Math.max(0, v) / leader;
    }
    const rank = 1 + allies.filter((o) => beats(rankValue(o), rankValue(a))).length;
    return { ...a, rank, ofLeader };
  });
}
