// The whole chain as a caster runs it: the real widget file inside the fake BAR game (lua5.1, real
// LuaSocket, real time at a speed-up) → the real `bar-livedata` command → the built overlay in
// Chromium 103 (OBS 28–30) and Debian's current Chromium. The overlay must show the fake game's
// own figures (its `truth` lines, not the widget's messages) as the overlay formats them, the
// caster's team names and series score from the match API, the winner banner at game over (after
// a reload too), and the winner's series score one up. Once more under the 32-bit-float Lua the
// engine has.
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, type BrowserKind } from '../test-support/browsers.ts';
import type { Match } from '../protocol/types.ts';
import type { FakeGame } from '../widget/fake-game-process.ts';
import { startChain, type Chain } from './support/chain.ts';
import type { Truth } from './support/expected.ts';
import { folded, showsTruth } from './support/overlay-truth.ts';
import { waitFor } from '../test-support/wait.ts';
import { snap } from './support/artifacts.ts';

const KINDS: BrowserKind[] = ['chromium-103', 'chromium-current'];
const browsers = new Map<BrowserKind, Browser>();

beforeAll(async () => {
  for (const kind of KINDS) browsers.set(kind, await launchBrowser(kind));
});

afterAll(async () => {
  for (const browser of browsers.values()) await browser.close();
});

/** The caster's match data, set through the API before the game: ally team 0 wins the game. */
async function setSeries(chain: Chain): Promise<Match> {
  const current = await chain.api<Match>('GET', 'api/match');
  return chain.api<Match>('PUT', 'api/match', {
    ...current,
    tournament: 'E2E Cup',
    stage: 'Final',
    best_of: 5,
    auto_score: true,
    last_auto_score: null,
    teams: [
      { ally_team: 0, name: 'Blue Wolves', tag: 'BW', logo: null, color: null, score: 1 },
      { ally_team: 1, name: 'Red Foxes', tag: 'RF', logo: null, color: null, score: 2 },
    ],
  });
}

function truths(game: FakeGame): Truth[] {
  return game.lines('truth') as Truth[];
}

/** One game through one bridge, watched by one page per browser. */
async function playAndCheck(
  expect: ExpectStatic,
  kinds: BrowserKind[],
  game: { shape: string; duration: number; lua?: 'stock' | 'float'; label: string },
): Promise<void> {
  const chain = await startChain({ browsers: kinds.map((k) => browsers.get(k)!) });
  try {
    const match = await setSeries(chain);
    const pauseAt = Math.round(game.duration / 2);
    const fake = chain.play({
      shape: game.shape,
      duration: game.duration,
      speed: 4,
      lua: game.lua,
      // Frozen mid-game for a while, so every page can settle on one known moment.
      pauses: [[pauseAt, 5]],
    });

    // Mid-game: the paused moment's truth, on every page.
    const paused = await waitFor(
      'the fake game to pause',
      () => truths(fake).find((t) => t.paused),
      { intervalMs: 100, timeoutMs: 30_000 },
    );
    for (const [i, page] of chain.pages.entries()) {
      const view = await showsTruth(page, paused, { match, timeoutMs: 4_500 });
      await snap(page, `chain-${game.label}-${kinds[i]}-mid-game`);
      expect(view.allies.map((a) => a.name)).toEqual(['Blue Wolves', 'Red Foxes']);
      expect(view.tournament).toBe('E2E Cup · Final');
      expect(view.series).toBe('Game 4 · Bo5');
      expect(view.banner).toBeNull();
      expect(view.status).toBeNull();
      // Every player of the game by name, names with markup and control characters as text.
      expect(view.teams.map((t) => t.name)).toEqual(paused.teams.map((t) => folded(t.name)));
    }
    // The caster arms the next game early: this game's own game over must still show, also on a
    // page reloaded on its end screen.
    await chain.api('POST', 'api/next-game');

    expect(await fake.done, fake.stderr()).toBe(0);
    const final = truths(fake).at(-1)!;
    expect(final.over).toBe(true);
    expect(fake.lines('done')[0]).toMatchObject({ dropped: 0, errors: 0, unsent_at_exit: 0 });

    // Game over: ally team 0 won; the bridge gave it a point; every page shows it all.
    const after = await chain.api<Match>('GET', 'api/match');
    expect(after.teams.map((t) => t.score)).toEqual([2, 2]);
    expect(after.last_auto_score).toMatchObject({ ally_team: 0, team: 0 });
    for (const [i, page] of chain.pages.entries()) {
      const view = await showsTruth(page, final, { match: after });
      await snap(page, `chain-${game.label}-${kinds[i]}-game-over`);
      expect(view.banner).toEqual({ title: 'Victory', winners: ['Blue Wolves'] });
      expect(view.allies.map((a) => [a.name, a.score, a.winner, a.eliminated])).toEqual([
        ['Blue Wolves', '2', true, false],
        ['Red Foxes', '2', false, true],
      ]);
      expect(view.series).toBe('Bo5');
      expect(view.status).toBeNull();

      // OBS refreshes the source on the end screen: the snapshot brings the banner back.
      await page.reload();
      const reloaded = await showsTruth(page, final, { match: after });
      expect(reloaded.banner).toEqual({ title: 'Victory', winners: ['Blue Wolves'] });
    }

    const counters = await chain.counters();
    expect(counters).toMatchObject({
      framing_errors: 0,
      frames_bad_utf8: 0,
      frames_bad_json: 0,
      messages_invalid: 0,
      messages_missed: 0,
    });
  } catch (err) {
    for (const [i, page] of chain.pages.entries()) {
      await snap(page, `chain-${game.label}-${kinds[i]}-FAILED`);
    }
    throw err;
  } finally {
    await chain.close();
  }
}

describe('the whole chain: widget in a fake game → bridge → overlay', () => {
  it('shows a 2x8 game in Chromium 103 and current: names, figures, winner, series score', async ({
    expect,
  }) => {
    await playAndCheck(expect, KINDS, { shape: '2x8', duration: 40, label: '2x8' });
  });

  it('does the same with the widget under the 32-bit-float Lua of the engine', async ({
    expect,
  }) => {
    await playAndCheck(expect, ['chromium-103'], {
      shape: '2x8',
      duration: 32,
      lua: 'float',
      label: 'float-2x8',
    });
  });
});
