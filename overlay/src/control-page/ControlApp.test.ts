// @vitest-environment jsdom
// The control page rendered in jsdom from a store fed with protocol messages (no bridge needed).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import type { BridgeStatus, Match, State } from '../../../protocol/types.ts';
import bridgeFixture from '../../../protocol/fixtures/bridge-status.json' with { type: 'json' };
import { makeMatch, makeSnapshot, makeState } from '../../../test-support/game-states.ts';
import { derivedName, allyTeamViews } from '../lib/teams.ts';
import ControlApp from './ControlApp.svelte';
import { ControlStore } from './control-store.svelte.ts';

afterEach(cleanup);

function setup(match: Match, state: State | null) {
  const store = new ControlStore('http://127.0.0.1:9877', null);
  store.apply(makeSnapshot({ state, match, bridge: bridgeFixture as unknown as BridgeStatus }));
  const view = render(ControlApp, { store });
  flushSync();
  return { store, ...view };
}

const field = (root: HTMLElement, label: string) =>
  root.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;

describe('the control page', () => {
  it('shows every section and each team with its score', () => {
    const match = makeMatch();
    const { container } = setup(match, makeState({ allyTeams: 2, teamsPerAlly: 1 }));
    for (const id of ['teams', 'series', 'overlay', 'match', 'sources']) {
      expect(container.querySelector(`[data-section="${id}"]`), id).not.toBeNull();
    }
    const scores = [...container.querySelectorAll('[data-team] [data-score]')].map(
      (e) => e.textContent,
    );
    expect(scores).toEqual(match.teams.map((t) => String(t.score)));
  });

  it('offers the name overlays derive from the players as the placeholder', () => {
    const state = makeState({ allyTeams: 2, teamsPerAlly: 2 });
    const match = makeMatch();
    match.teams[1]!.name = '';
    const { container } = setup(match, state);
    const ally = allyTeamViews(state, match).find((a) => a.id === match.teams[1]!.ally_team)!;
    expect(field(container, 'Team 2 name').placeholder).toBe(derivedName(ally.teams, ally.id));
  });

  it('shows names as text, never as HTML', () => {
    const match = makeMatch();
    match.teams[0]!.name = '<img src=x onerror="window.hacked=1">';
    match.tournament = '<b>Cup</b>';
    const { container } = setup(match, null);
    expect(field(container, 'Team 1 name').value).toBe('<img src=x onerror="window.hacked=1">');
    expect(field(container, 'Tournament').value).toBe('<b>Cup</b>');
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('follows match messages', () => {
    const match = makeMatch();
    const { store, container } = setup(match, null);
    const next = structuredClone(match);
    next.teams[0]!.score = 7;
    next.overlay.panels.events = false;
    store.apply({ type: 'match', schema_version: 1, match: next });
    flushSync();
    expect(container.querySelector('[data-team="0"] [data-score]')!.textContent).toBe('7');
    const events = container.querySelector('[data-panel-toggle="events"]')!;
    expect(events.getAttribute('aria-pressed')).toBe('false');
  });
});
