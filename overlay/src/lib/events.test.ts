import { describe, expect, it } from 'vitest';
import { toastFor } from './events.ts';
import { allyTeamViews } from './teams.ts';
import { makeMatch, makeState } from '../../../test-support/game-states.ts';
import type { Event } from '../../../protocol/types.ts';
import commanderDestroyed from '../../../protocol/fixtures/event-commander-destroyed.json' with { type: 'json' };
import unitFinished from '../../../protocol/fixtures/event-unit-finished.json' with { type: 'json' };

const state = makeState({ allyTeams: 2, teamsPerAlly: 2 });
const allies = allyTeamViews(state, makeMatch());
const base = { type: 'event', schema_version: 1, seq: 9, frame: 900, game_seconds: 30 } as const;

describe('toastFor', () => {
  it('names victim and attacker of a commander kill in their colours', () => {
    const toast = toastFor(commanderDestroyed as Event, allies, state)!;
    expect(toast.kind).toBe('commander');
    expect(toast.title).toBe('Commander destroyed');
    const { team, attacker_team } = commanderDestroyed as { team: number; attacker_team: number };
    expect(toast.who).toEqual({ name: `Player ${team + 1}`, color: state.teams[team].color });
    expect(toast.by?.name).toBe(`Player ${attacker_team + 1}`);
  });

  it('tells a unit completion with its cost', () => {
    const toast = toastFor(unitFinished as Event, allies, state)!;
    const { unit_name, cost } = unitFinished as { unit_name: string; cost: number };
    expect(toast.title).toBe(`${unit_name} completed`);
    expect(toast.detail).toMatch(/ metal$/);
    expect(cost).toBeGreaterThan(0);
  });

  it('eliminates a player, then the whole ally team when its last team dies', () => {
    const player: Event = { ...base, event: 'team_died', team: 2 };
    expect(toastFor(player, allies, state)).toMatchObject({
      title: 'Eliminated',
      who: { name: 'Player 3' },
    });
    const after = { ...state, teams: state.teams.map((t) => ({ ...t, dead: t.id === 2 })) };
    const last: Event = { ...base, event: 'team_died', team: 3 };
    expect(toastFor(last, allies, after)).toMatchObject({
      title: 'Team eliminated',
      who: { name: allies[1].name, color: '#ff8800' },
    });
  });

  it('leaves out a self-inflicted attacker and unknown ones', () => {
    const e: Event = {
      ...base,
      event: 'unit_destroyed',
      unit_def: 'corjugg',
      unit_name: 'Behemoth',
      team: 1,
      cost: 32000,
      attacker_team: 1,
    };
    expect(toastFor(e, allies, state)!.by).toBeNull();
    expect(toastFor({ ...e, attacker_team: null }, allies, state)!.by).toBeNull();
  });

  it('has no toast for clock and banner events', () => {
    expect(toastFor({ ...base, event: 'paused', player: 1 }, allies, state)).toBeNull();
    expect(toastFor({ ...base, event: 'game_over', winners: [0] }, allies, state)).toBeNull();
  });
});
