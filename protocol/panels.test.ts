import { describe, expect, it } from 'vitest';
import { isLayoutPanel, isPanel, LAYOUT_PANELS, PANELS, SCREENS, STORY_PAGES } from './panels.ts';

describe('panels', () => {
  it('are the six the schemas name, the four layout panels first', () => {
    expect(PANELS).toEqual(['scoreboard', 'resources', 'compare', 'events', 'postgame', 'series']);
    expect(LAYOUT_PANELS).toEqual(['scoreboard', 'resources', 'compare', 'events']);
    expect(SCREENS).toEqual(['postgame', 'series']);
    expect(STORY_PAGES).toEqual(['graph', 'postgame', 'series']);
  });

  it('tell a panel name from anything else', () => {
    expect(isPanel('series')).toBe(true);
    expect(isPanel('graph')).toBe(false);
    expect(isLayoutPanel('events')).toBe(true);
    expect(isLayoutPanel('postgame')).toBe(false);
    expect(isLayoutPanel('')).toBe(false);
  });
});
