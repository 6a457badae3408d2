// The compare panel's figures: BAR's spectator HUD metrics as a two-sided share bar for two ally
// teams, or a ranked list when there are more.
import { formatRate, formatShort } from './format.ts';
import type { AllyTeamView, Totals } from './teams.ts';

export interface CompareMetric {
  key: keyof Totals;
  label: string;
  /** BAR's spectator HUD abbreviation. */
  short: string;
  format: (value: number | null) => string;
}

export const COMPARE_METRICS: readonly CompareMetric[] = [
  { key: 'metalIncome', label: 'Metal income', short: 'M/s', format: (v) => formatRate(v) },
  { key: 'energyIncome', label: 'Energy income', short: 'E/s', format: (v) => formatRate(v) },
  { key: 'armyValue', label: 'Army value', short: 'AV', format: formatShort },
  { key: 'damageDealt', label: 'Damage dealt', short: 'Dmg', format: formatShort },
  { key: 'metalProduced', label: 'Metal produced', short: 'MP', format: formatShort },
];

/**
 * The left side's share of left + right, 0..1. Even (0.5) when both are zero; null when either
 * side is unreadable, so the bar shows no lead it cannot know.
 */
export function leftShare(left: number | null, right: number | null): number | null {
  if (left == null || right == null) return null;
  const l = Math.max(0, left);
  const r = Math.max(0, right);
  return l + r === 0 ? 0.5 : l / (l + r);
}

export interface RankedEntry {
  ally: AllyTeamView;
  rank: number;
  value: number | null;
  /** Value relative to the leader, 0..1 (for bar length); 0 when unreadable. */
  ofLeader: number;
}

/** A value as a fraction of the leader's, 0..1 (for bar length); 0 when unreadable. */
export function fractionOf(value: number | null, leader: number): number {
  return value == null || leader <= 0 ? 0 : Math.max(0, value) / leader;
}

/** The highest readable value of every metric (0 when none). */
export function metricLeaders(allies: readonly AllyTeamView[]): Record<keyof Totals, number> {
  const leaders = {} as Record<keyof Totals, number>;
  for (const { key } of COMPARE_METRICS) {
    leaders[key] = Math.max(0, ...allies.map((a) => a.totals[key] ?? 0));
  }
  return leaders;
}

/**
 * What ranks compare: the value to two significant digits, about what the panel prints, so close
 * rivals tie (and keep their order) instead of swapping places every second.
 */
export function rankKey(value: number | null): number | null {
  return value == null ? null : Number(value.toPrecision(2));
}

/** Ally teams by one metric, highest first; unreadable values last; ties share a rank. */
export function rankBy(allies: readonly AllyTeamView[], key: keyof Totals): RankedEntry[] {
  const sorted = [...allies].sort((a, b) => {
    const va = rankKey(a.totals[key]);
    const vb = rankKey(b.totals[key]);
    if (va == null || vb == null) return va == null ? (vb == null ? a.id - b.id : 1) : -1;
    return vb - va || a.id - b.id;
  });
  const leader = Math.max(0, ...allies.map((a) => a.totals[key] ?? 0));
  let rank = 0;
  let previous: number | null | undefined;
  return sorted.map((ally, index) => {
    const value = ally.totals[key];
    const rankedBy = rankKey(value);
    if (rankedBy !== previous) rank = index + 1;
    previous = rankedBy;
    return {
      ally,
      rank,
      value,
      ofLeader: fractionOf(value, leader),
    };
  });
}
