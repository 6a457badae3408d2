import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Match, State } from '../../protocol/types.ts';
import { checkMatch, defaultMatch, MatchError } from './match-document.ts';
import {
  addTeam,
  adjustScore,
  awardAutoScore,
  fillFromState,
  nextGame,
  removeTeam,
  setAutoScore,
  setPanel,
  setTheme,
  swapSides,
  undoAutoScore,
  updateTeam,
} from './match-edits.ts';

const state1v1 = JSON.parse(
  readFileSync(new URL('../../protocol/fixtures/state-1v1.json', import.meta.url), 'utf8'),
) as State;

function series(): Match {
  let m = defaultMatch();
  m = updateTeam(m, 0, { name: 'Armada Kings', tag: 'ARM', score: 1 });
  m = updateTeam(m, 1, { name: 'Cortex Crew', tag: 'COR', score: 0 });
  return m;
}

function refusal(edit: () => unknown): MatchError {
  try {
    edit();
  } catch (err) {
    if (err instanceof MatchError) return err;
    throw err;
  }
  throw new Error('expected a MatchError');
}

describe('defaults', () => {
  it('are a valid document: two unnamed sides, best of 3, every panel, auto-score on', () => {
    const m = defaultMatch();
    expect(checkMatch(m).ok).toBe(true);
    expect(m.teams.map((t) => [t.ally_team, t.name, t.score])).toEqual([
      [0, '', 0],
      [1, '', 0],
    ]);
    expect(m.best_of).toBe(3);
    expect(Object.values(m.overlay.panels)).toEqual([true, true, true, true]);
    expect([m.overlay.theme, m.auto_score, m.last_auto_score]).toEqual([null, true, null]);
  });
});

describe('score', () => {
  it('adds and subtracts, clamped to 0..99', () => {
    const m = series();
    expect(adjustScore(m, 0, 1).teams[0]!.score).toBe(2);
    expect(adjustScore(m, 1, -1).teams[1]!.score).toBe(0);
    expect(adjustScore(m, 0, 150).teams[0]!.score).toBe(99);
  });

  it('names a missing team', () => {
    const err = refusal(() => adjustScore(series(), 5, 1));
    expect([err.kind, err.message]).toEqual(['not_found', 'no team 5 (there are 2)']);
  });

  it('does not touch the input document', () => {
    const m = series();
    const before = structuredClone(m);
    adjustScore(m, 0, 1);
    swapSides(m, 0, 1);
    expect(m).toEqual(before);
  });
});

describe('swap sides', () => {
  it('swaps the ally teams; name, tag, logo and score stay with the real-world team', () => {
    const swapped = swapSides(series(), 0, 1);
    expect(swapped.teams.map((t) => [t.name, t.ally_team, t.score])).toEqual([
      ['Armada Kings', 1, 1],
      ['Cortex Crew', 0, 0],
    ]);
    expect(checkMatch(swapped).ok).toBe(true);
  });

  it('refuses swapping a team with itself', () => {
    expect(refusal(() => swapSides(series(), 1, 1)).kind).toBe('invalid');
  });
});

describe('overlay control', () => {
  it('sets or toggles a panel', () => {
    const off = setPanel(series(), 'events', false);
    expect(off.overlay.panels.events).toBe(false);
    expect(setPanel(off, 'events').overlay.panels.events).toBe(true);
    expect(setPanel(off, 'scoreboard').overlay.panels).toEqual({
      scoreboard: false,
      resources: true,
      compare: true,
      events: false,
    });
  });

  it('shows and hides the screens between games; next game puts the end of game back to by itself', () => {
    // Absent, the series screen counts as shown: a toggle hides it.
    expect(setPanel(series(), 'series').overlay.panels.series).toBe(false);
    // Absent, the end of game shows only after game over: a toggle forces it on.
    const shown = setPanel(series(), 'postgame');
    expect(shown.overlay.panels.postgame).toBe(true);
    expect(setPanel(shown, 'postgame', false).overlay.panels.postgame).toBe(false);
    const next = nextGame(setPanel(setPanel(shown, 'series', false), 'postgame', false), 5);
    expect(next.overlay.panels).toEqual({
      scoreboard: true,
      resources: true,
      compare: true,
      events: true,
      series: false,
    });
    expect(checkMatch(next)).toMatchObject({ ok: true });
  });

  it('sets the theme and auto-score', () => {
    expect(setTheme(series(), 'neon').overlay.theme).toBe('neon');
    expect(setAutoScore(series()).auto_score).toBe(false);
    expect(setAutoScore(series(), true).auto_score).toBe(true);
  });
});

describe('teams from the live game', () => {
  it('adds an entry for each ally team without one, names empty', () => {
    const m = { ...defaultMatch(), teams: [] };
    const filled = fillFromState(m, state1v1);
    expect(filled.teams.map((t) => [t.ally_team, t.name])).toEqual(
      state1v1.ally_teams.map((a) => [a.id, '']),
    );
  });

  it('returns the same document when every ally team has an entry', () => {
    const m = series();
    expect(fillFromState(m, state1v1)).toBe(m);
  });

  it('keeps caster-typed entries and adds the new ally teams of a bigger game', () => {
    const ffa: State = {
      ...state1v1,
      ally_teams: [0, 1, 2, 3].map((id) => ({ id, team_ids: [id], dead: false })),
    };
    const filled = fillFromState(series(), ffa);
    expect(filled.teams.map((t) => [t.ally_team, t.name])).toEqual([
      [0, 'Armada Kings'],
      [1, 'Cortex Crew'],
      [2, ''],
      [3, ''],
    ]);
  });

  it('adds and removes entries by hand', () => {
    const added = addTeam(series());
    expect(added.teams[2]!.ally_team).toBe(2);
    expect(refusal(() => addTeam(series(), 1)).kind).toBe('conflict');
    expect(removeTeam(added, 0).teams.map((t) => t.ally_team)).toEqual([1, 2]);
  });
});

describe('automatic score, undo, next game', () => {
  it('gives the winner a point and remembers it', () => {
    const m = awardAutoScore(series(), 1, 'Map@9000', 1234);
    expect(m.teams[1]!.score).toBe(1);
    expect(m.last_auto_score).toEqual({ ally_team: 1, at: 1234, team: 1, game: 'Map@9000' });
    expect(checkMatch(m).ok).toBe(true);
  });

  it('undo takes the point back from the same real-world team after a swap', () => {
    let m = awardAutoScore(series(), 0, 'Map@9000', 1); // Armada Kings (ally 0) wins: 2-0
    m = swapSides(m, 0, 1); // next game they play as ally 1
    m = undoAutoScore(m);
    expect(m.teams.map((t) => [t.name, t.score])).toEqual([
      ['Armada Kings', 1],
      ['Cortex Crew', 0],
    ]);
    expect(m.last_auto_score).toBeNull();
  });

  it('undo with nothing to undo is a conflict', () => {
    expect(refusal(() => undoAutoScore(series())).message).toBe('no automatic score to undo');
  });

  it('creates the winner entry when the game had an ally team without one', () => {
    const m = awardAutoScore(series(), 4, 'Map@1', 1);
    expect(m.teams[2]).toMatchObject({ ally_team: 4, score: 1 });
    expect(m.last_auto_score?.team).toBe(2);
  });

  it('next game clears the per-game state, says when for overlays, and keeps the series', () => {
    const m = nextGame(awardAutoScore(series(), 0, 'Map@1', 1), 77);
    expect([m.last_auto_score, m.next_game_at, m.auto_score]).toEqual([null, 77, true]);
    expect(m.teams.map((t) => t.score)).toEqual([2, 0]);
    expect(nextGame(m, 78).next_game_at).toBe(78); // pressed again: overlays clear again
  });

  it('removing a team keeps the undo record pointing at the right entry', () => {
    let m = addTeam(series());
    m = awardAutoScore(m, 2, 'Map@1', 1);
    expect(removeTeam(m, 0).last_auto_score?.team).toBe(1);
    expect(removeTeam(m, 2).last_auto_score).toBeNull();
  });
});
