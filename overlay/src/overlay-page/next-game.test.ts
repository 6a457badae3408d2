// @vitest-environment jsdom
// The caster's "next game" on the overlay, rendered in jsdom: the last game's game-over banner
// and toasts go, whether the page saw the game end or was loaded (OBS refreshes a browser source
// on a scene switch) after it; the next game's own game over shows again.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from './App.svelte';
import { OverlayStore } from '../lib/overlay-store.svelte.ts';
import { parseRoute } from '../lib/route.ts';
import { FALLBACK_TOKENS } from '../lib/tokens.ts';
import {
  makeHello,
  makeMatch,
  makeSnapshot,
  makeState,
} from '../../../test-support/game-states.ts';
import type {
  Event,
  GameOverEvent,
  History,
  Match,
  ServerMessage,
  State,
} from '../../../protocol/types.ts';

// jsdom has no Web Animations API; Svelte's animate:flip asks an outgoing toast for its running
// animations (there are none: every duration is 0 here).
Element.prototype.getAnimations ??= () => [];

const stores: OverlayStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.dispose();
});

function setup() {
  const store = new OverlayStore();
  stores.push(store);
  store.setTokens({ ...FALLBACK_TOKENS, tweenMs: 0, enterMs: 0, exitMs: 0 });
  const view = render(App, { store, route: parseRoute(new URL('http://127.0.0.1:9877/overlay/')) });
  store.socketOpened();
  const feed = (...messages: ServerMessage[]) => {
    for (const message of messages) store.apply(message);
    flushSync();
  };
  return { store, feed, container: view.container };
}

// Times on the bridge's clock: the game said hello at 1000 and ended at 5000.
const state = (phase: State['phase'], receivedAt: number): State => ({
  ...makeState({ allyTeams: 2, teamsPerAlly: 1 }),
  phase,
  winners: phase === 'over' ? [0] : [],
  received_at: receivedAt,
});
const event = (body: Partial<Event>, receivedAt: number) =>
  ({
    type: 'event',
    schema_version: 1,
    seq: 9,
    frame: 9000,
    game_seconds: 300,
    ...body,
    received_at: receivedAt,
  }) as Event;
const gameOver = (at: number) => event({ event: 'game_over', winners: [0] }, at) as GameOverEvent;
const matchMessage = (match: Match): ServerMessage => ({ type: 'match', schema_version: 1, match });
const snapshot = (phase: State['phase'], match: Match, endedAt: number | null = 5000) =>
  makeSnapshot({
    hello: { ...makeHello(), received_at: 1000 },
    state: state(phase, 5500),
    game_over: phase === 'over' && endedAt !== null ? gameOver(endedAt) : null,
    match,
  });
const banner = (root: HTMLElement) => root.querySelector('[data-field="game-over"]');
const toasts = (root: HTMLElement) => root.querySelectorAll('[data-panel-part="toasts"] > *');

describe('next game', () => {
  it('clears the game-over banner and the toasts the page saw, and shows the next game over', () => {
    const { feed, container } = setup();
    feed(snapshot('running', makeMatch()));
    feed(event({ event: 'commander_destroyed', team: 1, attacker_team: 0 }, 4900), gameOver(5000));
    feed(state('over', 5200));
    expect(banner(container)?.textContent).toMatch(/Victory/);
    expect(toasts(container).length).toBeGreaterThan(0);

    feed(matchMessage(makeMatch({ next_game_at: 6000 })));
    feed(state('over', 7000)); // the finished game still streams its end screen
    expect(banner(container)).toBeNull();
    expect(toasts(container)).toHaveLength(0);

    feed({ ...makeHello(), received_at: 8000 }, state('lobby', 8100), state('running', 9000));
    feed(gameOver(20000), state('over', 20100));
    expect(banner(container)?.textContent).toMatch(/Victory/);
  });

  it('keeps the banner away on a page loaded after next game, and shows it before', () => {
    const before = setup();
    before.feed(snapshot('over', makeMatch()));
    expect(banner(before.container)?.textContent).toMatch(/Victory/);
    cleanup();
    const after = setup();
    after.feed(snapshot('over', makeMatch({ next_game_at: 6000 })));
    expect(banner(after.container)).toBeNull();
  });

  it('leaves the banner of a game that ended after an early next game, on a page loaded after it too', () => {
    const { feed, container } = setup();
    feed(snapshot('running', makeMatch({ next_game_at: 3000 })));
    feed(gameOver(5000), state('over', 5100));
    expect(banner(container)?.textContent).toMatch(/Victory/);
    cleanup();
    // OBS refreshes the source on the end screen: the snapshot says the game ended at 5000.
    const reloaded = setup();
    reloaded.feed(snapshot('over', makeMatch({ next_game_at: 3000 })));
    expect(banner(reloaded.container)?.textContent).toMatch(/Victory/);
  });

  it('keeps the banner away when the ended game says hello again after next game', () => {
    // The widget on the end screen reconnects (or the bridge restarts): a new hello, the same game.
    const history = (): History => ({
      type: 'history',
      schema_version: 1,
      game: 1000,
      reset: true,
      step_s: 1,
      times: [0, 1],
      ally_teams: [],
      teams: [],
      events: [],
    });
    const { feed, container } = setup();
    feed(snapshot('running', makeMatch()), history());
    feed(gameOver(5000), state('over', 5100));
    feed(matchMessage(makeMatch({ next_game_at: 6000 })));
    expect(banner(container)).toBeNull();
    feed({ ...makeHello(), received_at: 9000 }, state('over', 9100), history());
    expect(banner(container)).toBeNull();
    cleanup();
    const reloaded = setup();
    reloaded.feed(
      makeSnapshot({
        hello: { ...makeHello(), received_at: 9000 },
        state: state('over', 9100),
        match: makeMatch({ next_game_at: 6000 }),
        history: history(),
      }),
    );
    expect(banner(reloaded.container)).toBeNull();
  });

  it('hides the banner after next game on a page whose bridge did not see the game end', () => {
    // A restarted bridge knows the final state but not when the game ended: its hello decides.
    const { feed, container } = setup();
    feed(snapshot('over', makeMatch({ next_game_at: 3000 }), null));
    expect(banner(container)).toBeNull();
  });
});
