import { describe, expect, it } from 'vitest';
import { castersOf, seriesLine, tournamentLine } from './match-meta.ts';
import { allyTeamViews } from './teams.ts';
import { makeMatch, makeState } from '../../../test-support/game-states.ts';

const state = makeState({ allyTeams: 2, teamsPerAlly: 1 });

describe('tournamentLine', () => {
  it('joins what is set', () => {
    expect(tournamentLine(makeMatch())).toBe('BAR Spring Cup · Grand final');
    expect(tournamentLine(makeMatch({ stage: ' ' }))).toBe('BAR Spring Cup');
    expect(tournamentLine(makeMatch({ tournament: '', stage: '' }))).toBeNull();
    expect(tournamentLine(null)).toBeNull();
  });
});

describe('seriesLine', () => {
  it('shows the game number within the series', () => {
    const match = makeMatch();
    expect(seriesLine(match, allyTeamViews(state, match), state)).toBe('Game 4 · Bo5');
  });
  it('never shows Bo0 or Bo1', () => {
    for (const best_of of [0, 1]) {
      const match = makeMatch({ best_of });
      expect(seriesLine(match, allyTeamViews(state, match), state)).toBeNull();
    }
    expect(seriesLine(null, [], state)).toBeNull();
  });
  it('drops the game number after game over and without scores', () => {
    const match = makeMatch();
    const over = { ...state, phase: 'over' as const };
    expect(seriesLine(match, allyTeamViews(over, match), over)).toBe('Bo5');
    const unbound = makeMatch({ teams: [] });
    expect(seriesLine(unbound, allyTeamViews(state, unbound), state)).toBe('Bo5');
  });
});

describe('castersOf', () => {
  it('credits each caster by name and handle, trimmed, leaving out empty entries', () => {
    const match = makeMatch({
      casters: [
        { name: ' Alex ', handle: '@alexcasts' },
        { name: '', handle: ' ' },
        { name: '', handle: '@sam' },
        { name: 'Kim', handle: '' },
      ],
    });
    expect(castersOf(match)).toEqual([
      { name: 'Alex', handle: '@alexcasts' },
      { name: '', handle: '@sam' },
      { name: 'Kim', handle: '' },
    ]);
    expect(castersOf(makeMatch())).toEqual([]);
    expect(castersOf(null)).toEqual([]);
  });
});
