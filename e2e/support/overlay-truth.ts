// Waiting for an overlay page to show one moment of the fake game exactly: its clock and every
// figure and name of the `truth` line (expected.ts), with the caster's names and scores when
// match data is given. Fails with the differences still left when time runs out.
//
//   await showsTruth(page, truth, { match, timeoutMs: 5_000 });
import type { Page } from 'playwright-core';
import type { Match } from '../../protocol/types.ts';
import { clock } from '../../test-support/expected-text.ts';
import { differences, expectedFromTruth, type Truth } from './expected.ts';
import { readOverlay, type OverlayView } from './overlay-page.ts';
import { waitFor } from '../../test-support/wait.ts';

/** A name as a page shows it: the browser folds tabs and newlines into spaces. */
export function folded(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

export async function showsTruth(
  page: Page,
  truth: Truth,
  options: { match?: Match | null; timeoutMs?: number } = {},
): Promise<OverlayView> {
  const want = expectedFromTruth(truth, options.match);
  for (const team of want.teams) team.name = folded(team.name);
  const clockText = clock(truth.frame / 30);
  let last: { clock: string | null; diff: string[] } = { clock: null, diff: [] };
  return waitFor(
    `the overlay to show the game at frame ${truth.frame} (${clockText})`,
    async () => {
      const view = await readOverlay(page);
      const diff = differences(view, want);
      last = { clock: view.clock, diff };
      return view.clock === clockText && diff.length === 0 ? view : undefined;
    },
    { intervalMs: 100, timeoutMs: options.timeoutMs ?? 10_000, seen: () => last },
  );
}
