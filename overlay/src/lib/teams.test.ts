import { describe, expect, it } from 'vitest';
import { allyTeamViews, derivedName, hasTeamGames, safeLogo, sumKnown } from './teams.ts';
import { makeMatch, makeState } from '../../../test-support/game-states.ts';
import type { State } from '../../../protocol/types.ts';
import stateFixture from '../../../protocol/fixtures/state-1v1.json' with { type: 'json' };
import partialFixture from '../../../protocol/fixtures/state-partial-view.json' with { type: 'json' };

describe('allyTeamViews: grouping', () => {
  it('groups 8v8 teams under their two ally teams in id order', () => {
    const allies = allyTeamViews(makeState({ allyTeams: 2, teamsPerAlly: 8 }), null);
    expect(allies.map((a) => a.id)).toEqual([0, 1]);
    expect(allies[0].teams.map((t) => t.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(allies[1].teams.map((t) => t.id)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(allies[1].teams.every((t) => t.allyTeam === 1)).toBe(true);
    expect(hasTeamGames(allies)).toBe(true);
  });

  it('keeps a 16-team FFA as 16 ally teams of one', () => {
    const allies = allyTeamViews(makeState({ allyTeams: 16, teamsPerAlly: 1 }), null);
    expect(allies).toHaveLength(16);
    expect(allies.every((a) => a.teams.length === 1)).toBe(true);
    expect(hasTeamGames(allies)).toBe(false);
  });

  it('sorts by id whatever order the state lists things in', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 2 });
    const shuffled: State = {
      ...state,
      ally_teams: [...state.ally_teams].reverse(),
      teams: [...state.teams].reverse(),
    };
    const allies = allyTeamViews(shuffled, null);
    expect(allies.map((a) => a.teams.map((t) => t.id))).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('sums figures per ally team', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: 100 });
    const [first] = allyTeamViews(state, null);
    const own = state.teams.filter((t) => t.ally_team === 0);
    expect(first.totals.armyValue).toBe(own[0].army_value! + own[1].army_value!);
    expect(first.totals.metalIncome).toBeCloseTo(own[0].metal!.income! + own[1].metal!.income!);
    expect(first.totals.kills).toBe(own[0].stats!.units_killed! + own[1].stats!.units_killed!);
    expect(first.totals.commanders).toBe(2);
  });

  it('leaves unreadable enemy figures null in partial view', () => {
    const allies = allyTeamViews(partialFixture as State, null);
    expect(allies[0].totals.armyValue).toBe(5420);
    expect(allies[1].totals.armyValue).toBeNull();
    expect(allies[1].totals.metalIncome).toBeNull();
  });

  it('marks the dead and the winners', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 1 });
    state.ally_teams[1].dead = true;
    state.winners = [0];
    const allies = allyTeamViews(state, null);
    expect(allies.map((a) => [a.dead, a.winner])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('names a team by all players who share it', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 1 });
    state.players.push({ ...state.players[0], id: 50, name: 'Helper' });
    expect(allyTeamViews(state, null)[0].teams[0].name).toBe('Player 1 / Helper');
  });
});

describe('display names, colours and scores', () => {
  it('takes name, tag, colour override and score from the match', () => {
    const allies = allyTeamViews(stateFixture as State, makeMatch());
    expect(allies[0]).toMatchObject({ name: 'Team Armada', tag: 'ARM', score: 1 });
    expect(allies[0].color).toBe('#0b62e8');
    // Empty match name: derived from the players; colour override wins.
    expect(allies[1]).toMatchObject({ name: '<img src=x onerror=alert(1)>', tag: '', score: 2 });
    expect(allies[1].color).toBe('#ff8800');
  });

  it('derives names without match data and has no score', () => {
    const allies = allyTeamViews(makeState({ allyTeams: 2, teamsPerAlly: 3 }), null);
    expect(allies[0].name).toBe('Team Player 1');
    expect(allies[0].score).toBeNull();
    expect(allies[0].tag).toBe('');
  });

  it('derivedName: one, two, many, none', () => {
    const t = (name: string) => ({ name }) as Parameters<typeof derivedName>[0][number];
    expect(derivedName([t('Ace')], 0)).toBe('Ace');
    expect(derivedName([t('Ace'), t('Bo')], 0)).toBe('Ace & Bo');
    expect(derivedName([t('Ace'), t('Bo'), t('Cy')], 0)).toBe('Team Ace');
    expect(derivedName([], 2)).toBe('Ally team 3');
  });

  it('accepts only logos under /assets/', () => {
    expect(safeLogo('/assets/3f2a9c.png')).toBe('/assets/3f2a9c.png');
    expect(safeLogo('https://evil.example/x.png')).toBeNull();
    expect(safeLogo('javascript:alert(1)')).toBeNull();
    expect(safeLogo('/assets/../bridge/secret')).toBeNull();
    expect(safeLogo('/assets/x.png" onerror="alert(1)')).toBeNull();
    expect(safeLogo(null)).toBeNull();
  });

  it('sumKnown ignores nulls and returns null for none', () => {
    expect(sumKnown([1, null, 2])).toBe(3);
    expect(sumKnown([null, undefined])).toBeNull();
    expect(sumKnown([])).toBeNull();
  });
});
