import { describe, expect, it } from 'vitest';
import { BETWEEN_GAMES_MS, demoGames, type DemoStep } from './game.ts';
import { DEMO_SHAPES, HARD_NAMES } from './roster.ts';
import { validateWidgetMessage } from '../../protocol/validate.ts';
import type { Event, Hello, State, WidgetMessage } from '../../protocol/types.ts';

function firstSteps(seed: number, shape: (typeof DEMO_SHAPES)[number], count: number): DemoStep[] {
  const steps: DemoStep[] = [];
  for (const game of demoGames(seed, shape)) {
    for (const step of game) {
      steps.push(step);
      if (steps.length === count) return steps;
    }
  }
  return steps;
}

const messages = (steps: DemoStep[]): WidgetMessage[] =>
  steps.flatMap((s) => (s.kind === 'send' ? [s.message] : []));

describe('demo game', () => {
  it('is deterministic: the same seed gives the same steps, another seed other steps', () => {
    const a = firstSteps(11, '8v8', 1500);
    expect(firstSteps(11, '8v8', 1500)).toEqual(a);
    expect(firstSteps(12, '8v8', 1500)).not.toEqual(a);
  });

  for (const shape of DEMO_SHAPES) {
    it(`plays a whole valid ${shape} game to a winner, then starts the next`, () => {
      const games = demoGames(3, shape);
      const steps = [...games.next().value!];
      const sent = messages(steps);
      for (const message of sent) {
        const result = validateWidgetMessage(message);
        expect(result.ok ? 'ok' : result.error).toBe('ok');
      }
      expect(steps[0]).toEqual({ waitMs: 0, kind: 'connect' });
      expect(steps.at(-1)?.kind).toBe('disconnect');
      expect(sent.map((m) => m.seq)).toEqual(sent.map((_, i) => i + 1));
      expect(sent[0]?.type).toBe('hello');
      expect(sent.at(-1)).toMatchObject({ type: 'goodbye', reason: 'game over' });

      const states = sent.filter((m): m is State => m.type === 'state');
      const events = sent.filter((m): m is Event => m.type === 'event');
      const frames = sent.map((m) => m.frame);
      expect(frames).toEqual([...frames].sort((x, y) => x - y));
      const kinds = new Set(events.map((e) => e.event));
      for (const kind of ['game_start', 'commander_destroyed', 'team_died', 'game_over'])
        expect(kinds).toContain(kind);
      const over = events.find((e) => e.event === 'game_over') as Extract<
        Event,
        { event: 'game_over' }
      >;
      expect(over.winners).toHaveLength(1);
      const last = states.at(-1)!;
      expect(last.phase).toBe('over');
      expect(last.winners).toEqual(over.winners);
      expect(last.ally_teams.filter((a) => !a.dead).map((a) => a.id)).toEqual(over.winners);

      // The economy grows and armies trade.
      const at = (s: number): State =>
        states.find((x) => x.game_seconds === s && x.phase === 'running')!;
      const income = (s: State): number =>
        s.teams.reduce((sum, t) => sum + (t.metal?.income ?? 0), 0);
      expect(income(at(300))).toBeGreaterThan(income(at(30)) * 3);
      expect(last.teams.reduce((sum, t) => sum + (t.stats?.units_killed ?? 0), 0)).toBeGreaterThan(
        10,
      );
      // About one second of real time per game second while running.
      const running = states.filter((s) => s.phase === 'running' && !s.paused);
      const seconds = running.at(-1)!.game_seconds - running[0]!.game_seconds;
      const index = (m: WidgetMessage): number =>
        steps.findIndex((s) => s.kind === 'send' && s.message === m);
      const ms = steps
        .slice(index(running[0]!) + 1, index(running.at(-1)!) + 1)
        .reduce((sum, s) => sum + s.waitMs, 0);
      expect(ms / seconds).toBeGreaterThan(990);

      const next = [...games.next().value!].slice(0, 2);
      expect(next[0]).toEqual({ waitMs: BETWEEN_GAMES_MS, kind: 'connect' });
      expect(next[1]).toMatchObject({ kind: 'send', message: { type: 'hello', seq: 1 } });
    });
  }

  it('names players the hard way: markup, quotes and other scripts are in the 8v8 roster', () => {
    const state = messages(firstSteps(5, '8v8', 3))[1] as State;
    const names = state.players.map((p) => p.name);
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names.filter((n) => HARD_NAMES.includes(n)).length).toBeGreaterThanOrEqual(4);
    expect(state.teams).toHaveLength(16);
    expect(new Set(state.teams.map((t) => t.color)).size).toBe(16);
    expect((messages(firstSteps(5, '8v8', 2))[0] as Hello).local_player.spectator).toBe(true);
  });
});
