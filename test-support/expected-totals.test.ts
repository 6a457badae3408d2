import { describe, expect, it } from 'vitest';
import { expectedAllies, share } from './expected-totals.ts';
import { makeMatch, makeState } from './game-states.ts';

// Figures from game-states.ts's formulas at the given second, worked out by hand.
describe('expected totals', () => {
  it('sums a 2v2 per ally team, names it from the match or its players, ranks by army', () => {
    const allies = expectedAllies(
      makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: 100 }),
      makeMatch(),
    );
    expect(allies).toEqual([
      {
        id: 0,
        name: 'Team Armada',
        rank: 2,
        totals: {
          armyValue: 4650,
          metalIncome: 31.5,
          energyIncome: 740,
          units: 63,
          kills: 17,
          losses: 13,
          commanders: 2,
          buildPower: 820,
          damageDealt: 26700,
          metalProduced: 8300,
        },
        ofLeader: {
          armyValue: 4650 / 5650,
          metalIncome: 31.5 / 37.5,
          energyIncome: 740 / 900,
          units: 63 / 75,
          kills: 17 / 21,
          losses: 13 / 17,
          commanders: 1,
          buildPower: 820 / 900,
          damageDealt: 26700 / 29500,
          metalProduced: 8300 / 9500,
        },
        teams: [
          {
            id: 0,
            name: 'Player 1',
            metalIncome: 15,
            energyIncome: 350,
            buildPower: 400,
            metalFill: 1100 / 1500,
            energyFill: 5300 / 6000,
          },
          {
            id: 1,
            name: 'Player 2',
            metalIncome: 16.5,
            energyIncome: 390,
            buildPower: 420,
            metalFill: 1237 / 1600,
            energyFill: 211 / 6000,
          },
        ],
      },
      {
        id: 1,
        // The match names only ally team 0.
        name: 'Player 3 & Player 4',
        rank: 1,
        totals: {
          armyValue: 5650,
          metalIncome: 37.5,
          energyIncome: 900,
          units: 75,
          kills: 21,
          losses: 17,
          commanders: 2,
          buildPower: 900,
          damageDealt: 29500,
          metalProduced: 9500,
        },
        ofLeader: {
          armyValue: 1,
          metalIncome: 1,
          energyIncome: 1,
          units: 1,
          kills: 1,
          losses: 1,
          commanders: 1,
          buildPower: 1,
          damageDealt: 1,
          metalProduced: 1,
        },
        teams: [
          {
            id: 2,
            name: 'Player 3',
            metalIncome: 18,
            energyIncome: 430,
            buildPower: 440,
            metalFill: 1374 / 1700,
            energyFill: 1122 / 6000,
          },
          {
            id: 3,
            name: 'Player 4',
            metalIncome: 19.5,
            energyIncome: 470,
            buildPower: 460,
            metalFill: 11 / 1800,
            energyFill: 2033 / 6000,
          },
        ],
      },
    ]);
  });

  it('sums only readable values; an unreadable ally team is null, last, with empty bars', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: 100, fullView: false });
    state.teams[1].army_value = null;
    const [own, enemy] = expectedAllies(state, makeMatch());
    expect([own.totals.armyValue, own.totals.units, own.ofLeader.armyValue]).toEqual([2200, 63, 1]);
    expect(enemy.totals).toEqual({
      armyValue: null,
      metalIncome: null,
      energyIncome: null,
      units: null,
      kills: null,
      losses: null,
      commanders: null,
      buildPower: null,
      damageDealt: null,
      metalProduced: null,
    });
    expect(Object.values(enemy.ofLeader)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(enemy.teams[0]).toEqual({
      id: 2,
      name: 'Player 3',
      metalIncome: null,
      energyIncome: null,
      buildPower: null,
      metalFill: 0,
      energyFill: 0,
    });
    expect([own.rank, enemy.rank]).toEqual([1, 2]);
  });

  it('ties army values equal to two significant digits: 9880, 10130, 10380 rank 3, 1, 1', () => {
    const allies = expectedAllies(
      makeState({ allyTeams: 3, teamsPerAlly: 1, seconds: 740 }),
      makeMatch(),
    );
    expect(allies.map((a) => [a.name, a.totals.armyValue, a.rank, a.ofLeader.armyValue])).toEqual([
      ['Team Armada', 9880, 3, 9880 / 10380],
      ['Player 2', 10130, 1, 10130 / 10380],
      ['Player 3', 10380, 1, 1],
    ]);
  });

  it('names teams by their players and unnamed ally teams by their teams', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 3 });
    state.players.push({ ...state.players[3], id: 50, name: 'Bo' });
    state.ally_teams.push({ id: 2, team_ids: [], dead: false });
    const match = makeMatch({
      teams: [{ ally_team: 0, name: '  Spaced  ', tag: '', logo: null, color: null, score: 0 }],
    });
    const allies = expectedAllies(state, match);
    expect(allies.map((a) => a.name)).toEqual(['Spaced', 'Team Player 4 / Bo', 'Ally team 3']);
    expect(allies[1].teams.map((t) => t.name)).toEqual(['Player 4 / Bo', 'Player 5', 'Player 6']);
    expect(expectedAllies(state, null)[0].name).toBe('Team Player 1');
  });

  it("gives the left ally team's share of both", () => {
    expect([share(1, 3), share(0, 0), share(-5, 5), share(null, 3), share(3, null)]).toEqual([
      0.25,
      0.5,
      0,
      null,
      null,
    ]);
  });
});
