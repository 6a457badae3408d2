import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { RELEASE_NODE, RELEASE_NODE_LINE } from './node-pin.ts';

describe('the release Node.js pin', () => {
  it('is an LTS line the README names with its end of life', async () => {
    expect(RELEASE_NODE.version).toMatch(/^\d+\.\d+\.\d+$/);
    // Even major versions are Node's LTS lines.
    expect(Number(RELEASE_NODE_LINE) % 2).toBe(0);
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const day = new Date(`${RELEASE_NODE.endOfLife}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(day).toBe('30 April 2027');
    expect(readme).toContain(
      `own Node.js **${RELEASE_NODE_LINE}** (the LTS line whose security fixes end on ${day}`,
    );
  });
});
