import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GameOverEvent, Hello, State, WidgetMessage } from '../../protocol/types.ts';
import { createLiveMatch, gameKey, type LiveMatch } from './live-match.ts';
import { nextGame, setAutoScore, swapSides, updateTeam } from './match-edits.ts';
import type { Logger } from '../logger.ts';
import { openMatchStore, type MatchStore } from './match-store.ts';

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`../../protocol/fixtures/${name}`, import.meta.url), 'utf8'),
  ) as T;
const hello = fixture<Hello>('hello.json');
const state = fixture<State>('state-1v1.json');
const gameOver = (frame: number, winners: number[]): GameOverEvent => ({
  ...fixture<GameOverEvent>('event-game-over.json'),
  frame,
  winners,
});

let dir: string;
let lines: string[];
let store: MatchStore;
let live: LiveMatch;
const log: Pick<Logger, 'info' | 'warn'> = {
  info: (l) => lines.push(l),
  warn: (l) => lines.push(`warn ${l}`),
};
const source = { id: 'src-1', hello, origin: 'widget' } as const;

async function feed(...messages: WidgetMessage[]): Promise<void> {
  for (const message of messages) live.handle(message, source);
  await store.flush();
}
const scores = () => store.get().teams.map((t) => t.score);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'live-match-'));
  lines = [];
  store = await openMatchStore({ dataDir: dir, log });
  live = createLiveMatch({ store, log, now: () => 42 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('live game → match', () => {
  it('creates entries for the ally teams of the live game', async () => {
    await store.update((m) => ({ ...m, teams: [] }));
    await feed(state);
    expect(store.get().teams.map((t) => t.ally_team)).toEqual(state.ally_teams.map((a) => a.id));
  });

  it('scores the winner once per game, however often the game over arrives', async () => {
    await feed(state, gameOver(54000, [1]));
    expect(scores()).toEqual([0, 1]);
    expect(store.get().last_auto_score).toEqual({
      ally_team: 1,
      at: 42,
      team: 1,
      game: gameKey(hello, 54000),
    });
    // The widget reconnects and sends the event again; a second spectator's widget reports it too.
    await feed(gameOver(54000, [1]));
    live.handle(gameOver(54000, [1]), { ...source, id: 'src-2' });
    await store.flush();
    expect(scores()).toEqual([0, 1]);
    // The next game ends at another frame.
    await feed(state, gameOver(30000, [0]));
    expect(scores()).toEqual([1, 1]);
  });

  it('scores the real-world team after a swap of sides', async () => {
    await store.update((m) => updateTeam(m, 0, { name: 'Armada Kings' }));
    await store.update((m) => swapSides(m, 0, 1));
    await feed(gameOver(100, [1]));
    expect(store.get().teams.map((t) => [t.name, t.score])).toEqual([
      ['Armada Kings', 1],
      ['', 0],
    ]);
  });

  it('remembers the scored game across a bridge restart', async () => {
    await feed(gameOver(54000, [1]));
    const restarted = await openMatchStore({ dataDir: dir, log });
    const again = createLiveMatch({ store: restarted, log });
    again.handle(gameOver(54000, [1]), source);
    await restarted.flush();
    expect(restarted.get().teams.map((t) => t.score)).toEqual([0, 1]);
  });

  it('is armed by next game: the next game over scores even when it looks like the last', async () => {
    await feed(gameOver(54000, [1]));
    await feed(gameOver(54000, [1]));
    expect(scores()).toEqual([0, 1]);
    await store.update((m) => nextGame(m, 50));
    // The same replay file cast again, for the broadcast this time.
    await feed(gameOver(54000, [1]));
    await feed(gameOver(54000, [1]));
    expect(scores()).toEqual([0, 2]);
  });

  it('gives no point for an undecided game, or when automatic scoring is off', async () => {
    await feed(gameOver(100, []));
    await feed(gameOver(200, [0, 1]));
    await store.update((m) => setAutoScore(m, false));
    await feed(gameOver(300, [0]));
    expect(scores()).toEqual([0, 0]);
    expect(store.get().last_auto_score).toBeNull();
    expect(lines).toEqual([
      `game over (${gameKey(hello, 100)}) with winners []: no automatic point`,
      `game over (${gameKey(hello, 200)}) with winners [0,1]: no automatic point`,
      `game over (${gameKey(hello, 300)}): automatic scoring is off`,
    ]);
  });

  it('gives no point for a game of the demo or a --replay, and one for a replay cast in BAR', async () => {
    live.handle(gameOver(100, [0]), { ...source, origin: 'demo' });
    live.handle(gameOver(200, [0]), { ...source, origin: 'replay' });
    await store.flush();
    expect(scores()).toEqual([0, 0]);
    expect(lines).toEqual([
      `game over (${gameKey(hello, 100)}) in the demo: no automatic point`,
      `game over (${gameKey(hello, 200)}) in the replay: no automatic point`,
    ]);
    const inGameReplay = { ...hello, game: { ...hello.game, replay: true } };
    live.handle(gameOver(300, [0]), { ...source, hello: inGameReplay });
    await store.flush();
    expect(scores()).toEqual([1, 0]);
  });

  it('reads auto_score after the changes asked for before the game over', async () => {
    const turnedOff = store.update((m) => setAutoScore(m, false)); // still being saved
    live.handle(gameOver(400, [0]), source);
    await turnedOff;
    await store.flush();
    expect(scores()).toEqual([0, 0]);
    expect(lines).toEqual([`game over (${gameKey(hello, 400)}): automatic scoring is off`]);
  });

  it('logs the point it gave', async () => {
    await feed(gameOver(54000, [0]));
    expect(lines).toEqual([`game over (${gameKey(hello, 54000)}): +1 for team 0 (ally team 0)`]);
  });

  it('adds each game from a widget to the series, once, with its army peak and decisive numbers', async () => {
    const earlier = {
      ...state,
      game_seconds: 400,
      teams: state.teams.map((t) => ({ ...t, army_value: t.id === 0 ? 7000 : 100 })),
    };
    await feed(earlier, state, gameOver(54000, [1]), gameOver(54000, [1]));
    expect(store.get().games).toEqual([
      {
        map: 'Supreme Isthmus v1.9',
        winners: [1],
        length_s: 420,
        at: 42,
        sides: [
          {
            ally_team: 0,
            name: 'Zoë "Ace" Müller',
            color: '#0b62e8',
            army_peak: 7000,
            metal_produced: 9800.25,
            damage_dealt: 48210.5,
            units_killed: 23,
          },
          {
            ally_team: 1,
            name: '<img src=x onerror=alert(1)>',
            color: '#e81d0b',
            army_peak: 6180,
            metal_produced: 9120,
            damage_dealt: 39100,
            units_killed: 17,
          },
        ],
      },
    ]);
  });

  it('leaves the demo’s and replays’ games out of the series', async () => {
    live.handle(state, { ...source, origin: 'demo' });
    live.handle(gameOver(54000, [1]), { ...source, origin: 'demo' });
    await store.flush();
    expect(store.get().games).toBeUndefined();
  });
});
