import { describe, expect, it } from 'vitest';
import { HistoryKeeper } from './history-keeper.ts';
import { makeHello, makeState } from '../../test-support/game-states.ts';
import type {
  Event,
  FinishedGame,
  GameOverEvent,
  Hello,
  History,
  ServerMessage,
  State,
} from '../../protocol/types.ts';

const hello = (at: number, map = 'Supreme Isthmus v1.9'): Hello => {
  const h = makeHello();
  return { ...h, received_at: at, game: { ...h.game, map } };
};
const state = (seconds: number, phase: State['phase'] = 'running'): State => ({
  ...makeState({ allyTeams: 2, teamsPerAlly: 1, seconds }),
  phase,
});
const gameOver = (seconds: number): GameOverEvent => ({
  type: 'event',
  schema_version: 1,
  seq: 9,
  frame: seconds * 30,
  game_seconds: seconds,
  event: 'game_over',
  winners: [1],
});
const histories = (messages: ServerMessage[]) =>
  messages.filter((m): m is History => m.type === 'history');

/** A game that said hello at 100 and ran to `last` seconds, then ended: a game over, a final state. */
function playToTheEnd(k: HistoryKeeper, last: number): void {
  k.take(hello(100));
  for (let s = 0; s <= last; s++) k.take(state(s));
  k.take(gameOver(last));
  k.take(state(last + 1, 'over'));
}

function keeper() {
  const saved: FinishedGame[] = [];
  return { saved, keeper: new HistoryKeeper({ onFinished: (game) => saved.push(game) }) };
}

describe('HistoryKeeper', () => {
  it('starts a game with the whole history at its first state, then appends', () => {
    const { keeper: k } = keeper();
    expect(k.take(hello(100))).toEqual([]);
    expect(k.snapshot()).toBeNull();
    const first = histories(k.take(state(0)));
    expect(first).toMatchObject([{ game: 100, reset: true, times: [0] }]);
    expect(histories(k.take(state(1)))).toMatchObject([{ game: 100, reset: false, times: [1] }]);
    expect(k.snapshot()).toMatchObject({ reset: true, times: [0, 1] });
  });

  it('goes on through a reconnecting widget’s new hello in the same game', () => {
    const { keeper: k, saved } = keeper();
    k.take(hello(100));
    for (let s = 0; s <= 5; s++) k.take(state(s));
    k.take(hello(200));
    expect(histories(k.take(state(6)))).toMatchObject([{ game: 100, reset: false, times: [6] }]);
    expect(saved).toEqual([]);
  });

  it('puts a game aside as the last game when the next one starts', () => {
    const { keeper: k, saved } = keeper();
    k.take(hello(100));
    for (let s = 0; s <= 5; s++) k.take(state(s));
    k.take(hello(200));
    const out = k.take(state(0));
    const finished = out.find((m): m is FinishedGame => m.type === 'finished_game')!;
    expect(finished.history.times).toEqual([0, 1, 2, 3, 4, 5]);
    expect(finished.state.game_seconds).toBe(5);
    expect(finished.game_over).toBeNull();
    expect(histories(out)).toMatchObject([{ game: 200, reset: true, times: [0] }]);
    expect(k.lastGame).toBe(finished);
    expect(saved).toEqual([finished]);
  });

  it('saves a game as it ends, ending its history on the last state', () => {
    const { keeper: k, saved } = keeper();
    playToTheEnd(k, 400);
    expect(saved).toHaveLength(2);
    expect(saved[1]!.game_over?.winners).toEqual([1]);
    expect(saved[1]!.state.phase).toBe('over');
    expect(saved[1]!.history.times.slice(-2)).toEqual([400, 401]);
    // A game over ends the game: the same map's next hello starts a new one.
    k.take(hello(300));
    expect(histories(k.take(state(402)))).toMatchObject([{ game: 300, reset: true }]);
  });

  it('empties the graph on the caster’s next game and waits for a hello', () => {
    const { keeper: k, saved } = keeper();
    k.take(hello(100));
    for (let s = 0; s <= 3; s++) k.take(state(s));
    const out = k.nextGame(5000);
    expect(out.map((m) => m.type)).toEqual(['finished_game', 'history']);
    expect(out[1]).toMatchObject({ game: 5000, reset: true, times: [], events: [] });
    expect(saved).toHaveLength(1);
    expect(k.take(state(4))).toEqual([]);
    expect(k.snapshot()).toBeNull();
    k.take(hello(6000));
    expect(histories(k.take(state(5)))).toMatchObject([{ game: 6000, reset: true, times: [5] }]);
  });

  it('goes back to the last game when its widget says hello again on the end screen', () => {
    const { keeper: k, saved } = keeper();
    playToTheEnd(k, 3);
    expect(saved).toHaveLength(2);
    k.take(hello(500));
    expect(k.take(state(5, 'over'))).toMatchObject([
      { type: 'history', game: 100, reset: true, times: [0, 1, 2, 3, 4] },
    ]);
    expect(saved).toHaveLength(2);
    expect(k.lastGame?.game_over?.winners).toEqual([1]);
  });

  it('goes back to the saved last game on its end screen after a restart', () => {
    const { keeper: first, saved } = keeper();
    playToTheEnd(first, 3);
    const savedAfter: FinishedGame[] = [];
    const restarted = new HistoryKeeper({
      onFinished: (g) => savedAfter.push(g),
      lastGame: saved[1],
    });
    restarted.take(hello(900));
    expect(restarted.take(state(4, 'over'))).toMatchObject([
      { game: 100, reset: true, times: [0, 1, 2, 3, 4] },
    ]);
    expect(restarted.snapshot()).toMatchObject({ game: 100, times: [0, 1, 2, 3, 4] });
    expect(restarted.lastGame).toBe(saved[1]);
    expect(savedAfter).toEqual([]);
    // The next game (a state not over) starts anew and keeps the same last game.
    restarted.take(hello(1000));
    const out = restarted.take(state(0));
    expect(out.map((m) => m.type)).toEqual(['finished_game', 'history']);
    expect(out[0]).toMatchObject({ history: { game: 100 }, game_over: { winners: [1] } });
    expect(out[1]).toMatchObject({ game: 1000, reset: true, times: [0] });
  });

  it('keeps the graph empty when the end screen says hello after the caster’s next game', () => {
    const { keeper: k } = keeper();
    playToTheEnd(k, 3);
    k.nextGame(5000);
    k.take(hello(6000));
    expect(k.take(state(5, 'over'))).toEqual([]);
    expect(k.snapshot()).toBeNull();
    expect(k.lastGame?.history.game).toBe(100);
  });

  it('starts anew when an ended game’s hello is on another map or with other teams', () => {
    const { keeper: k } = keeper();
    playToTheEnd(k, 3);
    k.take(hello(500, 'Glacier Pass'));
    expect(histories(k.take(state(5, 'over')))).toMatchObject([{ game: 500, reset: true }]);
    k.take(hello(600, 'Glacier Pass'));
    const more = {
      ...state(6, 'over'),
      teams: [...state(6).teams, { ...state(6).teams[0]!, id: 7 }],
    };
    expect(histories(k.take(more))).toMatchObject([{ game: 600, reset: true }]);
  });

  it('starts with the last game it was given', () => {
    const { keeper: first, saved } = keeper();
    first.take(hello(100));
    first.take(state(0));
    first.take(gameOver(0));
    const k = new HistoryKeeper({ onFinished: () => undefined, lastGame: saved[0] });
    expect(k.lastGame).toEqual(saved[0]);
    expect(k.snapshot()).toBeNull();
  });
});

describe('HistoryKeeper.at: what a client that is late sees', () => {
  const late = <T extends State | GameOverEvent>(message: T, at: number): T => ({
    ...message,
    received_at: at,
  });

  it('gives the history up to its picture’s second, and a last game only once it had ended', () => {
    const { keeper: k } = keeper();
    k.take(hello(1000));
    for (let s = 0; s <= 3; s++) k.take(late(state(s), 1000 + s * 1000));
    k.take({
      type: 'event',
      schema_version: 1,
      seq: 8,
      frame: 60,
      game_seconds: 2,
      event: 'commander_destroyed',
      team: 0,
      unit: 7,
      unit_name: 'Armada Commander',
      attacker_team: 1,
      received_at: 3100,
    } as Event);
    k.take(late(gameOver(3), 4500));
    k.take(hello(10_000));
    k.take(late(state(0), 10_000));

    const second = k.at(3500, 2);
    expect(second.history).toMatchObject({ game: 1000, times: [0, 1, 2] });
    expect(second.history!.ally_teams[0]!.series.army).toHaveLength(3);
    expect(second.history!.events).toMatchObject([{ t: 2, kind: 'commander', team: 0 }]);
    expect(second.lastGame).toBeNull();
    expect(k.at(3500, 1).history!.events).toEqual([]);

    // Over, and the next game not begun: the whole of the first game, which is now the last game.
    const over = k.at(5000, 3);
    expect(over.history).toMatchObject({ game: 1000, times: [0, 1, 2, 3] });
    expect(over.lastGame?.hello.received_at).toBe(1000);

    const next = k.at(11_000, 0);
    expect(next.history).toMatchObject({ game: 10_000, times: [0] });
    expect(next.lastGame?.game_over?.winners).toEqual([1]);
    expect(k.at(500, null)).toEqual({ history: null, lastGame: null });
  });
});
