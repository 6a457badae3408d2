// Screenshots of key moments and failures, under test-artifacts/e2e/ (git-ignored), for a human
// to look at after a run:
//
//   await snap(page, 'chain-103-game-over');   // test-artifacts/e2e/chain-103-game-over.png
//
// A screenshot that cannot be taken (page closed, browser gone) is skipped, never a test failure.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ARTIFACTS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-artifacts',
  'e2e',
);

/** Writes the page's picture to test-artifacts/e2e/NAME.png; returns the path, or null. */
export async function snap(page: Page, name: string): Promise<string | null> {
  const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: file, timeout: 5_000 });
    return file;
  } catch {
    return null;
  }
}
