// Shapes a state (plus the caster's match data) into what the panels show: ally teams in id order,
// each with its display name, colour, series score and summed figures, and its teams (one row per
// player slot) with their own colours and resources.
import type {
  Match,
  MatchTeam,
  Resource,
  State,
  Team,
  TeamStats,
} from '../../../protocol/types.ts';

export interface TeamView {
  id: number;
  allyTeam: number;
  /** The players controlling this team ("A / B" when several share it), or the AI's name. */
  name: string;
  color: string;
  faction: Team['faction'];
  dead: boolean;
  ai: boolean;
  metal: Resource | null;
  energy: Resource | null;
  buildPower: number | null;
  unitCount: number | null;
  armyValue: number | null;
  commanders: number | null;
  stats: TeamStats | null;
}

export interface Totals {
  armyValue: number | null;
  metalIncome: number | null;
  energyIncome: number | null;
  units: number | null;
  kills: number | null;
  losses: number | null;
  commanders: number | null;
  buildPower: number | null;
  damageDealt: number | null;
  metalProduced: number | null;
}

export interface AllyTeamView {
  id: number;
  /** From the match data, else derived from the players. */
  name: string;
  /** Short tag from the match data; empty when none was set. */
  tag: string;
  /** Same-origin logo URL under /assets/, or null. */
  logo: string | null;
  color: string;
  /** Series score from the match data; null without match data for this ally team. */
  score: number | null;
  dead: boolean;
  winner: boolean;
  teams: TeamView[];
  totals: Totals;
}

/** Sums the readable values; null when none of them is readable. */
export function sumKnown(values: readonly (number | null | undefined)[]): number | null {
  let total: number | null = null;
  for (const v of values) {
    if (v != null && Number.isFinite(v)) total = (total ?? 0) + v;
  }
  return total;
}

function teamView(team: Team, state: State): TeamView {
  const names = state.players
    .filter((p) => !p.spectator && p.team === team.id)
    .sort((a, b) => a.id - b.id)
    .map((p) => p.name);
  return {
    id: team.id,
    allyTeam: team.ally_team,
    name: names.length > 1 ? names.join(' / ') : team.name,
    color: team.color,
    faction: team.faction,
    dead: team.dead,
    ai: team.ai,
    metal: team.metal,
    energy: team.energy,
    buildPower: team.build_power,
    unitCount: team.unit_count,
    armyValue: team.army_value,
    commanders: team.commanders_alive,
    stats: team.stats,
  };
}

function totalsOf(teams: readonly TeamView[]): Totals {
  const sum = (pick: (t: TeamView) => number | null | undefined) => sumKnown(teams.map(pick));
  return {
    armyValue: sum((t) => t.armyValue),
    metalIncome: sum((t) => t.metal?.income),
    energyIncome: sum((t) => t.energy?.income),
    units: sum((t) => t.unitCount),
    kills: sum((t) => t.stats?.units_killed),
    losses: sum((t) => t.stats?.units_died),
    commanders: sum((t) => t.commanders),
    buildPower: sum((t) => t.buildPower),
    damageDealt: sum((t) => t.stats?.damage_dealt),
    metalProduced: sum((t) => t.stats?.metal_produced),
  };
}

/** "Ace", "Ace & Bo", or "Team Ace" for three or more. */
export function derivedName(teams: readonly TeamView[], allyTeamId: number): string {
  if (teams.length === 0) return `Ally team ${allyTeamId + 1}`;
  if (teams.length === 1) return teams[0].name;
  if (teams.length === 2) return `${teams[0].name} & ${teams[1].name}`;
  return `Team ${teams[0].name}`;
}

/** Only logos the bridge serves itself; anything else is dropped. */
export function safeLogo(logo: string | null | undefined): string | null {
  return logo && /^\/assets\/[^\s"'<>\\]+$/.test(logo) && !logo.includes('..') ? logo : null;
}

export function allyTeamViews(state: State, match: Match | null): AllyTeamView[] {
  const byAlly = new Map<number, TeamView[]>();
  for (const team of [...state.teams].sort((a, b) => a.id - b.id)) {
    const list = byAlly.get(team.ally_team) ?? [];
    list.push(teamView(team, state));
    byAlly.set(team.ally_team, list);
  }
  const matchTeams = new Map<number, MatchTeam>((match?.teams ?? []).map((t) => [t.ally_team, t]));
  return [...state.ally_teams]
    .sort((a, b) => a.id - b.id)
    .map((ally) => {
      const teams = byAlly.get(ally.id) ?? [];
      const bound = matchTeams.get(ally.id);
      return {
        id: ally.id,
        name: bound?.name.trim() || derivedName(teams, ally.id),
        tag: bound?.tag.trim() ?? '',
        logo: safeLogo(bound?.logo),
        color: bound?.color ?? teams[0]?.color ?? '#808080',
        score: bound ? bound.score : null,
        dead: ally.dead,
        winner: state.winners.includes(ally.id),
        teams,
        totals: totalsOf(teams),
      };
    });
}

/** True when some ally team has more than one team, so per-ally group headers help. */
export function hasTeamGames(allies: readonly AllyTeamView[]): boolean {
  return allies.some((a) => a.teams.length > 1);
}
