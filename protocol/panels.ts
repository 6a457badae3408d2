// The overlay's panels, read from the one list in the schemas (defs.schema.json#/$defs/panel): four
// that share the 1920×1080 layout (each also has a page of its own) and two screens shown between
// games. The bridge's pages and panel action and the overlay's routes all take them from here.
import defs from './schemas/defs.schema.json' with { type: 'json' };
import type { Panel } from './types.ts';

export type { Panel };
export const PANELS = defs.$defs.panel.enum as readonly Panel[];

/** Full-screen pages between games (/overlay/postgame, /overlay/series). */
export const SCREENS = ['postgame', 'series'] as const satisfies readonly Panel[];
export type Screen = (typeof SCREENS)[number];

/** The panels of the full layout, in layout order. */
export type LayoutPanel = Exclude<Panel, Screen>;
export const LAYOUT_PANELS = PANELS.filter(
  (p): p is LayoutPanel => !(SCREENS as readonly string[]).includes(p),
);

/** Pages of their own besides the layout panels: the lead graph and the screens. */
export const STORY_PAGES = ['graph', ...SCREENS] as const;
export type StoryPage = (typeof STORY_PAGES)[number];

export const isPanel = (name: string): name is Panel =>
  (PANELS as readonly string[]).includes(name);
export const isLayoutPanel = (name: string): name is LayoutPanel =>
  (LAYOUT_PANELS as readonly string[]).includes(name);
