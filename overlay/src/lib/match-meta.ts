// The scoreboard's match lines: tournament and stage, the series ("Game 4 · Bo5") and the casters.
// Empty parts are left out, so no "Bo0" or stray separators appear without match data.
import type { Caster, Match, State } from '../../../protocol/types.ts';
import type { AllyTeamView } from './teams.ts';

export function tournamentLine(match: Match | null): string | null {
  const parts = [match?.tournament, match?.stage].map((p) => p?.trim()).filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

export function seriesLine(
  match: Match | null,
  allies: readonly AllyTeamView[],
  state: State | null,
): string | null {
  if (!match || !Number.isInteger(match.best_of) || match.best_of < 2) return null;
  const scores = allies.map((a) => a.score).filter((s): s is number => s !== null);
  const played = scores.reduce((sum, s) => sum + s, 0);
  const game = played + 1;
  // Once a game is over its score may already be counted; the game number would mislead.
  if (scores.length === 0 || state?.phase === 'over' || game > match.best_of)
    return `Bo${match.best_of}`;
  return `Game ${game} · Bo${match.best_of}`;
}

/** The casters to credit, name and handle trimmed; entries with neither are left out. */
export function castersOf(match: Match | null): Caster[] {
  return (match?.casters ?? [])
    .map((c) => ({ name: c.name.trim(), handle: c.handle.trim() }))
    .filter((c) => c.name || c.handle);
}
