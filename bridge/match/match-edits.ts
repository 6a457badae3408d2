// Every change a caster, a hotkey or the live game makes to the match document, as pure functions:
// each takes the current document and returns a new one (or the same object when nothing changes),
// or throws a MatchError naming what was wrong.
import type {
  Match,
  MatchFields,
  MatchTeam,
  SeriesGame,
  State,
  TeamFields,
} from '../../protocol/types.ts';
import { emptyTeam, MatchError, SCORE_MAX } from './match-document.ts';
import type { Panel } from '../../protocol/panels.ts';

function teamAt(match: Match, index: number): MatchTeam {
  const team = match.teams[index];
  if (!team) {
    throw new MatchError('not_found', `no team ${index} (there are ${match.teams.length})`);
  }
  return team;
}

function withTeam(match: Match, index: number, edit: (team: MatchTeam) => MatchTeam): Match {
  const team = teamAt(match, index);
  const teams = match.teams.slice();
  teams[index] = edit(team);
  return { ...match, teams };
}

const clampScore = (score: number): number => Math.min(SCORE_MAX, Math.max(0, score));

export function adjustScore(match: Match, index: number, delta: number): Match {
  return withTeam(match, index, (team) => ({ ...team, score: clampScore(team.score + delta) }));
}

/** Swaps the ally teams two entries play as: name, logo and score move with the real-world team. */
export function swapSides(match: Match, a: number, b: number): Match {
  if (a === b) throw new MatchError('invalid', `cannot swap team ${a} with itself`);
  const first = teamAt(match, a);
  const second = teamAt(match, b);
  const teams = match.teams.slice();
  teams[a] = { ...first, ally_team: second.ally_team };
  teams[b] = { ...second, ally_team: first.ally_team };
  return { ...match, teams };
}

export function setPanel(match: Match, panel: Panel, visible?: boolean): Match {
  // Absent, the series screen counts as shown and the end-of-game screen as not forced on.
  const current = match.overlay.panels[panel] ?? panel === 'series';
  const panels = { ...match.overlay.panels, [panel]: visible ?? !current };
  return { ...match, overlay: { ...match.overlay, panels } };
}

export function setTheme(match: Match, theme: string | null): Match {
  return { ...match, overlay: { ...match.overlay, theme } };
}

export function setAutoScore(match: Match, enabled?: boolean): Match {
  return { ...match, auto_score: enabled ?? !match.auto_score };
}

export function updateMatchFields(match: Match, fields: MatchFields): Match {
  return { ...match, ...fields };
}

export function updateTeam(match: Match, index: number, fields: TeamFields): Match {
  return withTeam(match, index, (team) => ({ ...team, ...fields }));
}

/** Adds an entry bound to `allyTeam`, or to the lowest ally team no entry is bound to. */
export function addTeam(match: Match, allyTeam?: number): Match {
  const bound = new Set(match.teams.map((team) => team.ally_team));
  let target = allyTeam;
  if (target === undefined) for (target = 0; bound.has(target); target++);
  if (bound.has(target)) {
    throw new MatchError('conflict', `ally team ${target} already has an entry`);
  }
  return { ...match, teams: [...match.teams, emptyTeam(target)] };
}

export function removeTeam(match: Match, index: number): Match {
  teamAt(match, index);
  const teams = match.teams.filter((_, i) => i !== index);
  const last = match.last_auto_score;
  // The undo record points at an entry by index: follow the entries that moved up, drop it if its
  // entry is the one removed.
  let lastAutoScore = last;
  if (last?.team !== undefined && last.team >= index) {
    lastAutoScore = last.team === index ? null : { ...last, team: last.team - 1 };
  }
  return { ...match, teams, last_auto_score: lastAutoScore };
}

/**
 * The next game of the series starts at `at`: the last game's undo record goes, and next_game_at
 * tells overlays to clear what that game left on screen. Scores stay.
 */
export function nextGame(match: Match, at: number): Match {
  // The end-of-game screen goes back to showing itself when the next game is over.
  const { postgame: _auto, ...panels } = match.overlay.panels;
  return {
    ...match,
    overlay: { ...match.overlay, panels },
    last_auto_score: null,
    next_game_at: at,
  };
}

/** Creates an entry for every ally team of the live game that has none; names stay empty. */
export function fillFromState(match: Match, state: State): Match {
  const bound = new Set(match.teams.map((team) => team.ally_team));
  const missing = state.ally_teams.filter((ally) => !bound.has(ally.id));
  if (missing.length === 0) return match;
  const room = 16 - match.teams.length;
  const added = missing.slice(0, Math.max(0, room)).map((ally) => emptyTeam(ally.id));
  return added.length === 0 ? match : { ...match, teams: [...match.teams, ...added] };
}

/** One point for the entry bound to the winning ally team, remembered so it can be undone. */
export function awardAutoScore(match: Match, winner: number, game: string, at: number): Match {
  let next = match;
  let index = next.teams.findIndex((team) => team.ally_team === winner);
  if (index < 0) {
    next = addTeam(next, winner);
    index = next.teams.length - 1;
  }
  next = adjustScore(next, index, 1);
  return { ...next, last_auto_score: { ally_team: winner, at, team: index, game } };
}

export function undoAutoScore(match: Match): Match {
  const last = match.last_auto_score;
  if (!last) throw new MatchError('conflict', 'no automatic score to undo');
  const index = last.team ?? match.teams.findIndex((team) => team.ally_team === last.ally_team);
  const undone = match.teams[index] ? adjustScore(match, index, -1) : match;
  return { ...undone, last_auto_score: null };
}

/** Adds a finished game to the series' list (the oldest goes past the schema's 99). */
export function addSeriesGame(match: Match, game: SeriesGame): Match {
  return { ...match, games: [...(match.games ?? []), game].slice(-99) };
}
