import { describe, expect, it } from 'vitest';
import { ALL_BROWSERS, launchBrowser, majorVersion } from './browsers.ts';

const expected: Record<string, (major: number) => boolean> = {
  'chromium-103': (m) => m === 103,
  'chromium-127': (m) => m === 127,
  'chromium-current': (m) => m > 127,
};

describe.each(ALL_BROWSERS)('%s', (kind) => {
  it('launches the Chromium version it names and renders a page', async () => {
    const browser = await launchBrowser(kind);
    try {
      expect(expected[kind]!(majorVersion(browser))).toBe(true);
      const page = await browser.newPage();
      await page.setContent('<p id="x">ok</p>');
      expect(await page.textContent('#x')).toBe('ok');
    } finally {
      await browser.close();
    }
  });
});
