// @vitest-environment jsdom
// The casters' credit on the scoreboard, in jsdom from a store fed with protocol messages.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import Scoreboard from './Scoreboard.svelte';
import { OverlayStore } from '../lib/overlay-store.svelte.ts';
import { FALLBACK_TOKENS } from '../lib/tokens.ts';
import { makeMatch, makeState } from '../../../test-support/game-states.ts';
import type { Caster } from '../../../protocol/types.ts';

const stores: OverlayStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.dispose();
});

function scoreboard(casters: Caster[], allyTeams = 2) {
  const store = new OverlayStore();
  stores.push(store);
  store.setTokens({ ...FALLBACK_TOKENS, tweenMs: 0 });
  store.apply(makeState({ allyTeams, teamsPerAlly: 1 }));
  store.apply({ type: 'match', schema_version: 1, match: makeMatch({ casters }) });
  const view = render(Scoreboard, { store });
  flushSync();
  return { store, ...view };
}

const credit = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-field="casters"]');
const shown = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-caster]')].map((c) =>
    [...c.children].map((part) => part.textContent),
  );

describe('casters on the scoreboard', () => {
  it('credits each caster with name and handle under the match line', () => {
    const { container } = scoreboard([
      { name: 'Alex', handle: '@alexcasts' },
      { name: ' ', handle: '' },
      { name: 'Sam', handle: '' },
    ]);
    const strip = credit(container)!;
    expect(strip.closest('.tournament')).not.toBeNull();
    expect(strip.querySelector('.label')!.textContent).toBe('Casters');
    expect(shown(container)).toEqual([['Alex', '@alexcasts'], ['Sam']]);
  });

  it('says "Caster" for one, and shows in the many-team layout too', () => {
    const { container } = scoreboard([{ name: '', handle: '@solo' }], 16);
    expect(container.querySelector('[data-layout="cards"]')).not.toBeNull();
    expect(credit(container)!.querySelector('.label')!.textContent).toBe('Caster');
    expect(shown(container)).toEqual([['@solo']]);
  });

  it('shows nothing without casters, and follows the match data', () => {
    const { store, container } = scoreboard([]);
    expect(credit(container)).toBeNull();
    store.apply({
      type: 'match',
      schema_version: 1,
      match: makeMatch({ casters: [{ name: 'Kim', handle: '@kim' }] }),
    });
    flushSync();
    expect(shown(container)).toEqual([['Kim', '@kim']]);
    store.apply({ type: 'match', schema_version: 1, match: makeMatch() });
    flushSync();
    expect(credit(container)).toBeNull();
  });

  it('shows markup in a name or handle as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = scoreboard([{ name: hostile, handle: `@${hostile}` }]);
    expect(shown(container)).toEqual([[hostile, `@${hostile}`]]);
    expect(container.querySelector('img')).toBeNull();
  });
});
