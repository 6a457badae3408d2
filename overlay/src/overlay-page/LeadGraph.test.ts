// @vitest-environment jsdom
// The lead graph in jsdom, from a store fed with protocol messages: what it draws for a head-to-head
// and for a free-for-all, and that a new point adds pieces rather than redrawing the path.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import App from './App.svelte';
import { OverlayStore } from '../lib/overlay-store.svelte.ts';
import { FALLBACK_TOKENS } from '../lib/tokens.ts';
import { parseRoute } from '../lib/route.ts';
import { historySeries, makeState } from '../../../test-support/game-states.ts';
import type { History } from '../../../protocol/types.ts';

const stores: OverlayStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.dispose();
});

function history(allies: number[][], times: number[], reset = true): History {
  return {
    type: 'history',
    schema_version: 1,
    game: 1,
    reset,
    step_s: 1,
    times,
    ally_teams: allies.map((army, id) => ({ id, series: historySeries(army) })),
    teams: [],
    events: reset ? [{ t: 1, kind: 'commander', team: 1, ally_team: 1 }] : [],
  };
}

function graph(allyTeams: number, message: History) {
  const store = new OverlayStore();
  stores.push(store);
  store.setTokens({ ...FALLBACK_TOKENS, tweenMs: 0 });
  store.apply(makeState({ allyTeams, teamsPerAlly: 1, seconds: 3 }));
  store.apply(message);
  const route = parseRoute(new URL('http://127.0.0.1:9877/overlay/graph'));
  const view = render(App, { store, route });
  flushSync();
  return { store, ...view };
}

const pieces = (root: HTMLElement) => [
  ...root.querySelectorAll<SVGElement>('.graph-line:not(.graph-tail)'),
];

describe('the lead graph', () => {
  it('draws the first ally team’s lead over the second, filled in their colours, with markers', () => {
    const { container } = graph(
      2,
      history(
        [
          [0, 100, 300],
          [0, 200, 100],
        ],
        [0, 1, 2],
      ),
    );
    expect(pieces(container).map((p) => p.getAttribute('d'))).toEqual([
      'M0 0L1 -100',
      'M1 -100L2 200',
    ]);
    // makeState colours: team 0 #0b62e8, team 1 #e81d0b.
    const fills = [...container.querySelectorAll<SVGElement>('.graph-fill')].map(
      (u) => u.style.fill,
    );
    expect(fills).toEqual(['rgb(11, 98, 232)', 'rgb(232, 29, 11)']);
    const marker = container.querySelector<SVGElement>('.graph-marker')!;
    expect([marker.dataset.kind, marker.dataset.color]).toEqual(['commander', '#e81d0b']);
  });

  it('draws one line per ally team in a free-for-all, in each one’s colour', () => {
    const { container } = graph(
      3,
      history(
        [
          [0, 100],
          [0, 50],
          [0, 70],
        ],
        [0, 1],
      ),
    );
    expect(pieces(container).map((p) => [p.getAttribute('d'), p.style.stroke])).toEqual([
      ['M0 0L1 100', 'rgb(11, 98, 232)'],
      ['M0 0L1 50', 'rgb(232, 29, 11)'],
      ['M0 0L1 70', 'rgb(31, 207, 58)'],
    ]);
    const fills = [...container.querySelectorAll<SVGElement>('.graph-fill')];
    expect(fills.every((u) => u.style.display === 'none')).toBe(true);
  });

  it('adds a piece for a new point and keeps the ones drawn', () => {
    const { store, container } = graph(
      2,
      history(
        [
          [0, 100],
          [0, 200],
        ],
        [0, 1],
      ),
    );
    const before = pieces(container);
    store.apply(history([[400], [100]], [2], false));
    flushSync();
    const after = pieces(container);
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.getAttribute('d')).toBe('M1 -100L2 300');
  });
});
