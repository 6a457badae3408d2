// @vitest-environment jsdom
// The overlay's panels rendered in jsdom from a store fed with protocol messages.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from './App.svelte';
import { OverlayStore } from '../lib/overlay-store.svelte.ts';
import { parseRoute } from '../lib/route.ts';
import { FALLBACK_TOKENS } from '../lib/tokens.ts';
import { makeMatch, makeSnapshot, makeState } from '../../../test-support/game-states.ts';
import type { Match, Snapshot, State } from '../../../protocol/types.ts';
import stateFixture from '../../../protocol/fixtures/state-1v1.json' with { type: 'json' };
import partialFixture from '../../../protocol/fixtures/state-partial-view.json' with { type: 'json' };

const stores: OverlayStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.dispose();
});

function setup(path = '/overlay/', options: { graceMs?: number } = {}) {
  const store = new OverlayStore(options);
  stores.push(store);
  // Numbers jump in these tests; tweening has its own test.
  store.setTokens({ ...FALLBACK_TOKENS, tweenMs: 0, enterMs: 0, exitMs: 0 });
  const route = parseRoute(new URL(path, 'http://127.0.0.1:9877'));
  const view = render(App, { store, route });
  return { store, ...view };
}

function snapshot(state: State | null, match: Match | null = null): Snapshot {
  return makeSnapshot({ state, match });
}

const q = (root: HTMLElement, selector: string) => root.querySelector<HTMLElement>(selector);
const text = (root: HTMLElement, selector: string) => q(root, selector)?.textContent?.trim();

describe('states people can read', () => {
  it('waits for game data calmly, showing no panels', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(null));
    flushSync();
    expect(text(container, '[data-status]')).toBe('Waiting for game data');
    expect(q(container, '[data-status]')!.dataset.status).toBe('waiting');
    expect(container.querySelectorAll('[data-panel]')).toHaveLength(0);
  });

  it('shows every panel and no marker with live full-view data', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(stateFixture as State));
    flushSync();
    expect(q(container, '[data-status]')).toBeNull();
    const panels = [...container.querySelectorAll<HTMLElement>('[data-panel]')].map(
      (p) => p.dataset.panel,
    );
    expect(panels).toEqual(['scoreboard', 'resources', 'compare', 'events-banner', 'events']);
  });

  it('says "partial data" and shows dashes for what it cannot see', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(partialFixture as State));
    flushSync();
    expect(q(container, '[data-status]')!.dataset.status).toBe('partial');
    expect(text(container, '[data-status]')).toMatch(/^Partial data/);
    const enemy = q(container, '[data-panel="scoreboard"] .side-stats[data-ally="1"]')!;
    expect(text(enemy, '[data-stat="armyValue"] .value')).toBe('–');
    const own = q(container, '[data-panel="scoreboard"] .side-stats[data-ally="0"]')!;
    expect(text(own, '[data-stat="armyValue"] .value')).toBe('5.4k');
    expect(q(container, '[data-metric="armyValue"] .split')!.classList).toContain('unknown');
  });

  it('marks a lost bridge only after the grace, keeping the last values', async () => {
    const { store, container } = setup('/overlay/', { graceMs: 150 });
    store.socketOpened();
    store.apply(snapshot(stateFixture as State));
    store.socketClosed();
    flushSync();
    expect(q(container, '[data-status]')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 250));
    flushSync();
    expect(q(container, '[data-status]')!.dataset.status).toBe('disconnected');
    expect(text(container, '[data-status]')).toMatch(/^Disconnected/);
    expect(text(container, '[data-panel="scoreboard"] [data-field="clock"]')).toBe('7:00');
  });

  it('clears the marker when data flows again', async () => {
    const { store, container } = setup('/overlay/', { graceMs: 100 });
    store.socketOpened();
    store.apply(snapshot(stateFixture as State));
    await new Promise((resolve) => setTimeout(resolve, 180));
    flushSync();
    expect(q(container, '[data-status]')!.textContent).toMatch(/Game disconnected/);
    store.apply({ ...(stateFixture as State), game_seconds: 421 });
    flushSync();
    expect(q(container, '[data-status]')).toBeNull();
    expect(text(container, '[data-field="clock"]')).toBe('7:01');
  });
});

describe('values on screen', () => {
  it('prints BAR-style numbers in the scoreboard and compare panels', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(stateFixture as State, makeMatch()));
    flushSync();
    const left = q(container, '.side-stats[data-ally="0"]')!;
    expect(text(left, '[data-stat="armyValue"] .value')).toBe('5.4k');
    expect(text(left, '[data-stat="metalIncome"] .value')).toBe('+24.4/s');
    expect(text(left, '[data-stat="energyIncome"] .value')).toBe('+613/s');
    expect(text(left, '[data-stat="units"] .value')).toBe('87');
    expect(text(left, '[data-stat="kills"]')).toBe('23');
    expect(text(left, '[data-stat="losses"]')).toBe('17');
    expect(text(left, '[data-stat="commanders"] .value')).toBe('1');
    const compare = q(container, '[data-panel="compare"]')!;
    expect(text(compare, '[data-metric="damageDealt"] [data-side="left"]')).toBe('48k');
    const share = Number(q(compare, '[data-metric="armyValue"] .split')!.dataset.share);
    expect(share).toBeCloseTo(5420 / (5420 + 6180), 3);
  });

  it('shows match names, series score and game number; hides what is unset', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(stateFixture as State, makeMatch()));
    flushSync();
    const plates = container.querySelectorAll<HTMLElement>('.plate');
    expect(text(plates[0], '[data-field="name"]')).toBe('Team Armada');
    expect(text(plates[0], '[data-field="score"]')).toBe('1');
    expect(text(plates[1], '[data-field="score"]')).toBe('2');
    expect(text(container, '[data-field="series"]')).toBe('Game 4 · Bo5');
    expect(text(container, '[data-field="tournament"]')).toBe('BAR Spring Cup · Grand final');

    store.apply({
      type: 'match',
      schema_version: 1,
      match: makeMatch({ best_of: 0, tournament: '', stage: '', teams: [] }),
    });
    flushSync();
    expect(container.textContent).not.toMatch(/Bo0|Bo1|Game \d/);
    expect(q(container, '[data-field="score"]')).toBeNull();
    expect(q(container, '[data-field="tournament"]')).toBeNull();
  });

  it('groups 8v8 players under their ally teams in the resources panel', () => {
    const { store, container } = setup('/overlay/resources');
    store.socketOpened();
    const state = makeState({ allyTeams: 2, teamsPerAlly: 8 });
    store.apply(snapshot(state));
    flushSync();
    const groups = container.querySelectorAll<HTMLElement>('[data-panel="resources"] .group');
    expect(groups).toHaveLength(2);
    groups.forEach((group, allyId) => {
      const rows = [...group.querySelectorAll<HTMLElement>('[data-team]')];
      expect(rows.map((r) => Number(r.dataset.team))).toEqual(
        state.teams.filter((t) => t.ally_team === allyId).map((t) => t.id),
      );
      expect(q(group, '.group-head [data-field="name"]')!.textContent).toBe(
        `Team Player ${allyId * 8 + 1}`,
      );
    });
    const row = q(container, '[data-team="9"]')!;
    expect(text(row, '[data-field="name"]')).toBe('Player 10');
    expect(text(row, '[data-stat="metal"] .num')).toBe(
      `+${state.teams[9].metal!.income!.toFixed(1)}`,
    );
  });

  it('lists a 16-team FFA without group headers and ranks it in compare', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(makeState({ allyTeams: 16, teamsPerAlly: 1 })));
    flushSync();
    expect(container.querySelectorAll('[data-panel="resources"] [data-team]')).toHaveLength(16);
    expect(container.querySelectorAll('[data-panel="resources"] .group-head')).toHaveLength(0);
    expect(q(container, '[data-panel="scoreboard"] [data-layout]')!.dataset.layout).toBe('cards');
    const ranked = [
      ...container.querySelectorAll<HTMLElement>('[data-panel="compare"] [data-ally]'),
    ];
    expect(ranked.map((r) => Number(r.dataset.ally))).toEqual([
      15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ]);
  });

  it('marks an eliminated team and announces the winners', () => {
    const { store, container } = setup();
    store.socketOpened();
    const state = makeState({ allyTeams: 2, teamsPerAlly: 1 });
    state.ally_teams[1].dead = true;
    state.teams[1].dead = true;
    store.apply(snapshot(state));
    store.apply({
      type: 'event',
      schema_version: 1,
      seq: 5,
      frame: 9000,
      game_seconds: 300,
      event: 'game_over',
      winners: [0],
    });
    flushSync();
    expect(q(container, '.plate[data-ally="1"] [data-field="eliminated"]')).not.toBeNull();
    expect(q(container, '.plate[data-ally="1"]')!.classList).toContain('dead');
    const banner = q(container, '[data-field="game-over"]')!;
    expect(text(banner, '[data-ally="0"]')).toBe('Player 1');
    expect(banner.textContent).toMatch(/Victory/);
  });

  it('hides panels the match data switches off', () => {
    const { store, container } = setup();
    store.socketOpened();
    const match = makeMatch();
    match.overlay.panels.compare = false;
    store.apply(snapshot(stateFixture as State, match));
    flushSync();
    expect(q(container, '[data-panel="compare"]')).toBeNull();
    expect(q(container, '[data-panel="scoreboard"]')).not.toBeNull();
  });

  it('shows one panel on a panel page', () => {
    const { store, container } = setup('/overlay/compare');
    store.socketOpened();
    store.apply(snapshot(stateFixture as State));
    flushSync();
    expect(
      [...container.querySelectorAll<HTMLElement>('[data-panel]')].map((p) => p.dataset.panel),
    ).toEqual(['compare']);
  });
});

describe('hostile names', () => {
  it('shows a player name with markup as text, never as HTML', () => {
    const { store, container } = setup();
    store.socketOpened();
    store.apply(snapshot(stateFixture as State));
    store.apply({
      type: 'event',
      schema_version: 1,
      seq: 9,
      frame: 9,
      game_seconds: 1,
      event: 'commander_destroyed',
      team: 1,
      attacker_team: 0,
    });
    flushSync();
    const hostile = '<img src=x onerror=alert(1)>';
    expect(container.querySelector('img')).toBeNull();
    const names = [
      ...container.querySelectorAll<HTMLElement>('[data-field="name"], [data-field="who"]'),
    ]
      .map((n) => n.textContent)
      .filter((t) => t === hostile);
    // Scoreboard plate, resources row, compare header and the toast.
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(q(container, '[data-field="who"]')!.textContent).toBe(hostile);
  });

  it('drops a logo that is not the bridge’s own', () => {
    const { store, container } = setup();
    store.socketOpened();
    const match = makeMatch();
    match.teams[0].logo = 'javascript:alert(1)';
    match.teams[1].logo = '/assets/3f2a9c.png';
    store.apply(snapshot(stateFixture as State, match));
    flushSync();
    const logos = [...container.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(logos).toEqual(['/assets/3f2a9c.png']);
  });
});
