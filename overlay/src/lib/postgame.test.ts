import { describe, expect, it } from 'vitest';
import { makeMatch, makeState, makeHello } from '../../../test-support/game-states.ts';
import { applyHistory } from './history.ts';
import { awards, postgameGame, sideNumbers } from './postgame.ts';
import { allyTeamViews } from './teams.ts';
import type { FinishedGame, History } from '../../../protocol/types.ts';

const over = {
  ...makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: 210 }),
  phase: 'over' as const,
  winners: [0],
};
const history: History = {
  type: 'history',
  schema_version: 1,
  game: 1,
  reset: true,
  step_s: 1,
  times: [0, 100],
  ally_teams: [
    {
      id: 0,
      series: {
        army: [0, 9000],
        metal: [0, 0],
        energy: [0, 0],
        damage: [0, 0],
        build_power: [0, 0],
        metal_produced: [0, 0],
        units: [0, 0],
      },
    },
  ],
  teams: [],
  events: [],
};
const finished: FinishedGame = {
  type: 'finished_game',
  schema_version: 1,
  hello: { ...makeHello(), received_at: 1 },
  state: over,
  game_over: null,
  history,
};

describe('the end-of-game screen', () => {
  it('shows the live game once it is over, else the last finished game', () => {
    const running = makeState({ allyTeams: 2, teamsPerAlly: 2, seconds: 30 });
    expect(postgameGame({ state: over, history: null, map: 'Live map' }, finished)).toMatchObject({
      map: 'Live map',
      state: over,
    });
    expect(
      postgameGame({ state: running, history: null, map: 'Live map' }, finished),
    ).toMatchObject({ map: 'Supreme Isthmus v1.9', state: over });
    expect(postgameGame({ state: running, history: null, map: null }, null)).toBeNull();
  });

  it('sums each ally team’s numbers and takes the army peak from the history', () => {
    const game = { state: over, history: applyHistory(null, history), map: null };
    const [first, second] = sideNumbers(game, makeMatch());
    // At 210 s (states.ts): metal produced 2000 + 300·id + 20·s, damage received 4000 + 500·id + 70·s,
    // units lost 2 + id + ⌊s/25⌋, army 1000 + 250·id + 12·s.
    expect(first).toMatchObject({
      metalProduced: 12_700,
      damageReceived: 37_900,
      unitsLost: 21,
      armyPeak: 9000,
    });
    expect(second).toMatchObject({ metalProduced: 13_900, unitsKilled: 31, armyPeak: 8290 });
  });

  it('gives each award to the player with the highest figure', () => {
    const prizes = awards(allyTeamViews(over, null));
    expect(prizes.map((p) => [p.title, p.player, p.value])).toEqual([
      ['Most damage dealt', 'Player 4', 23_900],
      ['Best eco', 'Player 4', 7100],
      ['Most units destroyed', 'Player 4', 16],
      ['Biggest army', 'Player 4', 4270],
    ]);
  });
});
