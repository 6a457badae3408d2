import { describe, expect, it } from 'vitest';
import { GameHistory, HISTORY_CAPACITY, MAX_UNIT_MARKERS } from './game-history.ts';
import { makeState } from '../../test-support/game-states.ts';
import { validateHistory } from '../../protocol/validate.ts';
import type { Event, State } from '../../protocol/types.ts';

const twoVsTwo = (seconds: number): State => makeState({ allyTeams: 2, teamsPerAlly: 2, seconds });

function unitLost(t: number, team: number, cost: number): Event {
  return {
    type: 'event',
    schema_version: 1,
    seq: 1,
    frame: t * 30,
    game_seconds: t,
    event: 'unit_destroyed',
    unit_def: 'armbanth',
    unit_name: 'Bantha',
    team,
    cost,
    attacker_team: null,
  };
}

describe('GameHistory', () => {
  it('makes a point per state with each team and the sums per ally team', () => {
    const history = new GameHistory(1000);
    const message = history.takeState(twoVsTwo(10))!;
    expect(validateHistory(message)).toMatchObject({ ok: true });
    expect(message).toMatchObject({ game: 1000, reset: false, step_s: 1, times: [10], events: [] });
    // makeState: army 1000 + 250·id + 12·s, metal income 10 + 1.5·id + 0.05·s, units 20 + 3·id + s/10.
    expect(message.teams[1]).toEqual({
      id: 1,
      ally_team: 0,
      series: {
        army: [1370],
        metal: [12],
        energy: [255],
        damage: [6500],
        build_power: [330],
        metal_produced: [2500],
        units: [24],
      },
    });
    expect(message.ally_teams[0]!.series).toEqual({
      army: [2490],
      metal: [22.5],
      energy: [470],
      damage: [12300],
      build_power: [640],
      metal_produced: [4700],
      units: [45],
    });
  });

  it('leaves null where the widget could not read a team, and sums only what it read', () => {
    const history = new GameHistory(1000);
    const message = history.takeState(
      makeState({ allyTeams: 2, teamsPerAlly: 1, seconds: 10, fullView: false }),
    )!;
    expect(message.teams[1]!.series.army).toEqual([null]);
    expect(message.ally_teams[1]!.series.army).toEqual([null]);
    expect(message.ally_teams[0]!.series.army).toEqual([1120]);
  });

  it('thins to twice the step once past capacity, keeping the first and newest points', () => {
    const history = new GameHistory(1);
    for (let s = 0; s < HISTORY_CAPACITY; s++)
      expect(history.takeState(twoVsTwo(s))?.reset).toBe(false);
    const thinned = history.takeState(twoVsTwo(HISTORY_CAPACITY))!;
    expect(thinned.reset).toBe(true);
    expect(thinned.step_s).toBe(2);
    // 0, 2, ..., 178 and the newest, 180.
    expect(thinned.times).toHaveLength(91);
    expect(thinned.times.slice(0, 3)).toEqual([0, 2, 4]);
    expect(thinned.times.slice(-2)).toEqual([178, 180]);
    expect(thinned.teams[0]!.series.army.slice(-2)).toEqual([1000 + 178 * 12, 1000 + 180 * 12]);
    // A state closer than the step makes no point.
    expect(history.takeState(twoVsTwo(181))).toBeNull();
    expect(history.takeState(twoVsTwo(182))!.times).toEqual([182]);
  });

  it('keeps every marker through thinning, with the ally team of the team that lost', () => {
    const history = new GameHistory(1);
    history.takeState(twoVsTwo(0));
    const marker = history.takeEvent(unitLost(0, 3, 1450))!;
    expect(marker.events).toEqual([
      { t: 0, kind: 'unit', team: 3, ally_team: 1, unit: 'Bantha', cost: 1450 },
    ]);
    for (let s = 1; s <= 2000; s++) {
      history.takeState(twoVsTwo(s));
      if (s % 100 === 0) history.takeEvent(unitLost(s, 2, 900));
    }
    const whole = history.message();
    expect(whole.events.map((m) => m.t)).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600,
      1700, 1800, 1900, 2000,
    ]);
    expect(whole.times[0]).toBe(0);
    expect(whole.times.at(-1)).toBe(2000);
  });

  it('drops the cheapest unit marker past its limit, never a commander', () => {
    const history = new GameHistory(1);
    history.takeState(twoVsTwo(0));
    history.takeEvent({
      type: 'event',
      schema_version: 1,
      seq: 1,
      frame: 30,
      game_seconds: 1,
      event: 'commander_destroyed',
      team: 0,
      attacker_team: 2,
    });
    history.takeEvent(unitLost(2, 1, 50));
    for (let i = 0; i < MAX_UNIT_MARKERS; i++) history.takeEvent(unitLost(3 + i, 1, 100 + i));
    const events = history.message().events;
    expect(events).toHaveLength(1 + MAX_UNIT_MARKERS);
    expect(events[0]).toEqual({ t: 1, kind: 'commander', team: 0, ally_team: 0 });
    expect(events.some((m) => m.cost === 50)).toBe(false);
  });

  it('holds an 8v8 within its budgets all game: ≤ 600 points a series, ≤ 150 KB as JSON', () => {
    const history = new GameHistory(1);
    let largest = 0;
    for (let s = 0; s <= 5400; s++) {
      history.takeState(makeState({ allyTeams: 2, teamsPerAlly: 8, seconds: s }));
      if (s % 20 === 0) history.takeEvent(unitLost(s, s % 16, 1000 + s));
      if (s % 10 === 0)
        largest = Math.max(largest, Buffer.byteLength(JSON.stringify(history.message())));
    }
    const whole = history.message();
    expect(validateHistory(whole)).toMatchObject({ ok: true });
    // Thinned at 180, 360, 720, 1440, 2880 s: every 32 s now; the last state is within a step.
    expect(whole.step_s).toBe(32);
    expect(whole.times).toEqual(Array.from({ length: 169 }, (_, i) => i * 32));
    expect(whole.events).toHaveLength(MAX_UNIT_MARKERS);
    expect(largest).toBeLessThanOrEqual(150 * 1024);
  });

  it('ends on the last state when closed, however close it is to the point before', () => {
    const history = new GameHistory(1);
    for (let s = 0; s <= 400; s++) history.takeState(twoVsTwo(s));
    expect(history.times.slice(-2)).toEqual([396, 400]);
    history.close(twoVsTwo(401));
    expect(history.times.slice(-2)).toEqual([400, 401]);
    expect(history.message().teams[0]!.series.army.at(-1)).toBe(1000 + 401 * 12);
    history.close(twoVsTwo(401));
    expect(history.times.slice(-2)).toEqual([400, 401]);
  });
});

describe('GameHistory.resume', () => {
  it('carries on a saved history: the same whole message, then points and markers after it', () => {
    const played = new GameHistory(1000);
    for (let s = 0; s <= HISTORY_CAPACITY; s++) played.takeState(twoVsTwo(s));
    played.takeEvent(unitLost(90, 3, 2500));
    const saved = JSON.parse(JSON.stringify(played.message(true)));
    const resumed = GameHistory.resume(saved);
    expect(resumed.message(true)).toEqual(saved);
    expect(resumed.step).toBe(2);
    expect(resumed.takeState(twoVsTwo(HISTORY_CAPACITY + 1))).toBeNull();
    expect(resumed.takeState(twoVsTwo(HISTORY_CAPACITY + 2))).toMatchObject({
      game: 1000,
      reset: false,
      times: [182],
      teams: [{ id: 0, series: { army: [3184] } }, {}, {}, {}],
    });
    expect(resumed.takeEvent(unitLost(200, 3, 100))).toMatchObject({
      events: [{ t: 200, kind: 'unit', team: 3, ally_team: 1 }],
    });
  });
});
