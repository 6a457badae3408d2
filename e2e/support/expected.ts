// What the overlay should show for one of the fake game's `truth` lines (its own figures, by a
// full scan of the model, independent of the widget), written as BAR does (test-support/expected-text.ts, not the overlay's formatters):
//
//   const want = expectedFromTruth(truth, match);       // match: names and series scores, optional
//   const diff = differences(await readOverlay(page), want);   // [] when the page shows it all
//
// Kills and losses are not in the truth lines and are left out.
import type { Match } from '../../protocol/types.ts';
import { count, income, rate, short } from '../../test-support/expected-text.ts';
import type { OverlayView } from './overlay-page.ts';

/** One team of a `truth` line (play_fake_game.lua --truth; FakeGame:truthTeam). */
export interface TruthTeam {
  id: number;
  ally_team: number;
  name: string;
  dead: boolean;
  ai: boolean;
  unit_count: number;
  army_value: number;
  defense_value: number;
  build_power: number;
  commanders_alive: number;
  metal: { income: number; current: number; storage: number };
  energy: { income: number; current: number; storage: number };
}

export interface Truth {
  frame: number;
  started: boolean;
  over: boolean;
  paused: boolean;
  teams: TruthTeam[];
}

export interface ExpectedAlly {
  id: number;
  /** Only with match data naming the team. */
  name?: string;
  /** Only with match data for this ally team. */
  score?: string;
  stats: Record<'armyValue' | 'metalIncome' | 'energyIncome' | 'units' | 'commanders', string>;
}

export interface ExpectedTeam {
  id: number;
  name: string;
  metal: string;
  energy: string;
  buildPower: string;
}

export interface ExpectedView {
  allies: ExpectedAlly[];
  teams: ExpectedTeam[];
}

const sum = (teams: TruthTeam[], pick: (t: TruthTeam) => number): number =>
  teams.reduce((total, t) => total + pick(t), 0);

export function expectedFromTruth(truth: Truth, match?: Match | null): ExpectedView {
  const allyIds = [...new Set(truth.teams.map((t) => t.ally_team))].sort((a, b) => a - b);
  const allies = allyIds.map((id): ExpectedAlly => {
    const teams = truth.teams.filter((t) => t.ally_team === id);
    const bound = match?.teams.find((t) => t.ally_team === id);
    return {
      id,
      ...(bound?.name.trim() ? { name: bound.name.trim() } : {}),
      ...(bound ? { score: String(bound.score) } : {}),
      stats: {
        armyValue: short(sum(teams, (t) => t.army_value)),
        metalIncome: rate(sum(teams, (t) => t.metal.income)),
        energyIncome: rate(sum(teams, (t) => t.energy.income)),
        units: count(sum(teams, (t) => t.unit_count)),
        commanders: count(sum(teams, (t) => t.commanders_alive)),
      },
    };
  });
  const teams = truth.teams.map((t) => ({
    id: t.id,
    name: t.name,
    metal: income(t.metal.income),
    energy: income(t.energy.income),
    buildPower: short(t.build_power),
  }));
  return { allies, teams };
}

/** Every way the page differs from what is expected, as "where: shown … expected …" lines. */
export function differences(view: OverlayView, want: ExpectedView): string[] {
  const out: string[] = [];
  const check = (where: string, shown: unknown, expected: unknown): void => {
    if (shown !== expected)
      out.push(`${where}: shows ${String(shown)}, expected ${String(expected)}`);
  };
  for (const ally of want.allies) {
    const shown = view.allies.find((a) => a.id === ally.id);
    if (!shown) {
      out.push(`scoreboard: no ally team ${ally.id}`);
      continue;
    }
    if (ally.name !== undefined) check(`ally ${ally.id} name`, shown.name, ally.name);
    if (ally.score !== undefined) check(`ally ${ally.id} score`, shown.score, ally.score);
    for (const [stat, text] of Object.entries(ally.stats)) {
      check(`ally ${ally.id} ${stat}`, shown.stats[stat], text);
    }
  }
  for (const team of want.teams) {
    const shown = view.teams.find((t) => t.id === team.id);
    if (!shown) {
      out.push(`resources: no team ${team.id}`);
      continue;
    }
    for (const key of ['name', 'metal', 'energy', 'buildPower'] as const) {
      check(`team ${team.id} ${key}`, shown[key], team[key]);
    }
  }
  return out;
}
