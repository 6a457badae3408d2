import { describe, expect, it } from 'vitest';
import {
  COMPARE_METRICS,
  fractionOf,
  leftShare,
  metricLeaders,
  rankBy,
  rankKey,
} from './compare.ts';
import { allyTeamViews } from './teams.ts';
import { makeState } from '../../../test-support/game-states.ts';

describe('leftShare', () => {
  it('splits two values', () => {
    expect(leftShare(30, 10)).toBe(0.75);
    expect(leftShare(0, 10)).toBe(0);
    expect(leftShare(0, 0)).toBe(0.5);
  });
  it('refuses to guess with an unreadable side', () => {
    expect(leftShare(null, 10)).toBeNull();
    expect(leftShare(10, null)).toBeNull();
  });
  it('treats negative figures as zero', () => {
    expect(leftShare(-5, 5)).toBe(0);
  });
});

describe('rankBy', () => {
  const allies = allyTeamViews(makeState({ allyTeams: 4, teamsPerAlly: 1 }), null);

  it('orders highest first with bar length relative to the leader', () => {
    const ranked = rankBy(allies, 'armyValue');
    expect(ranked.map((r) => r.ally.id)).toEqual([3, 2, 1, 0]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(ranked[0].ofLeader).toBe(1);
    expect(ranked[3].ofLeader).toBeCloseTo(
      allies[0].totals.armyValue! / allies[3].totals.armyValue!,
    );
  });

  it('ties values that print alike, keeping id order', () => {
    expect(rankKey(1234)).toBe(1200);
    expect(rankKey(4.36)).toBe(4.4);
    expect(rankKey(null)).toBeNull();
    const close = allies.map((a) => ({
      ...a,
      totals: { ...a.totals, armyValue: 1200 + a.id * 10 },
    }));
    const ranked = rankBy(close, 'armyValue');
    expect(ranked.map((r) => [r.ally.id, r.rank])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it('puts unreadable values last and gives ties one rank', () => {
    const tied = allies.map((a) => ({
      ...a,
      totals: { ...a.totals, kills: a.id === 1 ? null : 5 },
    }));
    const ranked = rankBy(tied, 'kills');
    expect(ranked.map((r) => [r.ally.id, r.rank])).toEqual([
      [0, 1],
      [2, 1],
      [3, 1],
      [1, 4],
    ]);
    expect(ranked[3].ofLeader).toBe(0);
  });
});

describe('COMPARE_METRICS', () => {
  it("covers the spectator HUD's basic metrics and formats them BAR-style", () => {
    expect(COMPARE_METRICS.map((m) => m.short)).toEqual(['M/s', 'E/s', 'AV', 'Dmg', 'MP']);
    expect(COMPARE_METRICS[0].format(34.46)).toBe('+34.5/s');
    expect(COMPARE_METRICS[2].format(5420)).toBe('5.4k');
  });
});

describe('metricLeaders, fractionOf', () => {
  it('finds each metric leader and scales to it', () => {
    const allies = allyTeamViews(makeState({ allyTeams: 3, teamsPerAlly: 1 }), null);
    const leaders = metricLeaders(allies);
    expect(leaders.armyValue).toBe(allies[2].totals.armyValue);
    expect(fractionOf(allies[2].totals.armyValue, leaders.armyValue)).toBe(1);
    expect(fractionOf(null, 10)).toBe(0);
    expect(fractionOf(5, 0)).toBe(0);
  });
});
