// Real mouse and keyboard input for pages in OBS's Chromium 103: Playwright's own actions (fill,
// selectOption, click on a locator) wait with checkVisibility, which Chromium 103 lacks.
import type { Page } from 'playwright-core';

const POLL = { timeout: 10_000 };

/** A real mouse click in the middle of the element, once it is in the page (scrolled into view
 * first: a control page taller than its dock puts later sections below the fold). */
export async function click(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((s) => document.querySelector(s) !== null, selector, POLL);
  const box = await page.evaluate((s) => {
    const element = document.querySelector(s)!;
    element.scrollIntoView({ block: 'center' });
    const r = element.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, selector);
  await page.mouse.click(box.x, box.y);
}

/** Clicks into a field, replaces its text by typing, and presses Enter. */
export async function type(page: Page, selector: string, value: string): Promise<void> {
  await click(page, selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}
