import { describe, expect, it } from 'vitest';
import type { History } from '../../../protocol/types.ts';
import { applyHistory, leadAt, valueAt } from './history.ts';
import { historySeries } from '../../../test-support/game-states.ts';

function message(over: Partial<History>): History {
  return {
    type: 'history',
    schema_version: 1,
    game: 7,
    reset: false,
    step_s: 1,
    times: [],
    ally_teams: [],
    teams: [],
    events: [],
    ...over,
  };
}

describe('applyHistory', () => {
  it('takes a reset whole, then appends points and markers in place', () => {
    const held = applyHistory(
      null,
      message({
        reset: true,
        times: [0, 1],
        ally_teams: [
          { id: 0, series: historySeries([100, 200]) },
          { id: 1, series: historySeries([100, 50]) },
        ],
      }),
    );
    const same = applyHistory(
      held,
      message({
        times: [2],
        ally_teams: [{ id: 0, series: historySeries([400]) }],
        events: [{ t: 2, kind: 'commander', team: 1, ally_team: 1 }],
      }),
    );
    expect(same).toBe(held);
    expect(held.times).toEqual([0, 1, 2]);
    expect(held.allies.get(0)!.army).toEqual([100, 200, 400]);
    // Left out of the append: no value at that point.
    expect(held.allies.get(1)!.army).toEqual([100, 50, null]);
    expect(held.markers).toEqual([{ t: 2, kind: 'commander', team: 1, ally_team: 1 }]);
    expect(leadAt(held, 'army', 0, 1, 1)).toBe(150);
    expect(leadAt(held, 'army', 0, 1, 2)).toBeNull();
    expect(valueAt(held, 'army', 0, 2)).toBe(400);
  });

  it('starts anew on a reset or on another game’s append, with a new generation', () => {
    const first = applyHistory(null, message({ reset: true, times: [0] }));
    const reset = applyHistory(first, message({ reset: true, times: [5], step_s: 2 }));
    expect(reset).not.toBe(first);
    expect(reset.generation).toBeGreaterThan(first.generation);
    expect(reset).toMatchObject({ times: [5], step: 2 });
    const other = applyHistory(reset, message({ game: 8, times: [9] }));
    expect(other).toMatchObject({ game: 8, times: [9] });
    expect(other.generation).toBeGreaterThan(reset.generation);
  });
});
