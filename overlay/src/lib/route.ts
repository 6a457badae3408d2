// Which page this is, from its URL: /overlay/?panels=a,b&theme=NAME (the full 1920×1080 layout),
// /overlay/PANEL (one panel, for positioning it as its own OBS source), or one of the story pages:
// /overlay/graph?metric=M&size=strip (the lead graph), /overlay/postgame and /overlay/series
// (1920×1080 screens between games). `delay=SECONDS` on any of them shows the game that much later
// (the bridge holds it back).
import { THEME_NAME } from '../../../protocol/theme-json.ts';
import { MAX_DELAY_S, parseDelaySeconds } from '../../../protocol/delay.ts';
import {
  isLayoutPanel,
  LAYOUT_PANELS,
  STORY_PAGES,
  type LayoutPanel,
  type StoryPage,
} from '../../../protocol/panels.ts';
/** What the lead graph plots: army value, metal or energy income, damage dealt, build power. */
export const GRAPH_METRICS = ['army', 'metal', 'energy', 'damage', 'build_power'] as const;
export type GraphMetric = (typeof GRAPH_METRICS)[number];

export interface Route {
  panels: LayoutPanel[];
  /** One panel on its own page. */
  single: boolean;
  /** Theme named in the URL (it wins over the match data's), or null. */
  theme: string | null;
  /** Passed on to the WebSocket when the bridge requires one. */
  token: string | null;
  /** A story page (then `panels` is empty), or null. */
  story: StoryPage | null;
  /** The graph page's series (default army) and size: a lower third, or a full-width strip. */
  metric: GraphMetric;
  strip: boolean;
  /** Seconds the game is shown late (0-600), passed on to the WebSocket; null when unusable. */
  delay: number | null;
  problems: string[];
}

const isStory = (name: string): name is StoryPage =>
  (STORY_PAGES as readonly string[]).includes(name);
const isMetric = (name: string): name is GraphMetric =>
  (GRAPH_METRICS as readonly string[]).includes(name);

export function parseRoute(url: URL): Route {
  const problems: string[] = [];
  const last = url.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  const single = isLayoutPanel(last);

  let panels: LayoutPanel[] = [...LAYOUT_PANELS];
  if (single) {
    panels = [last];
  } else if (url.searchParams.has('panels')) {
    const asked = (url.searchParams.get('panels') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const known = asked.filter(isLayoutPanel);
    for (const p of asked) if (!isLayoutPanel(p)) problems.push(`unknown panel "${p}" ignored`);
    if (known.length) panels = LAYOUT_PANELS.filter((p) => known.includes(p));
  }

  let theme = url.searchParams.get('theme');
  if (theme !== null && !THEME_NAME.test(theme)) {
    problems.push(`theme name "${theme}" is not valid (a-z, 0-9, - and _)`);
    theme = null;
  }

  const delayText = url.searchParams.get('delay');
  const delay = delayText === null ? 0 : parseDelaySeconds(delayText);
  if (delay === null) {
    // Never show the game earlier than asked: the page shows nothing until its URL is mended.
    problems.push(
      `delay "${delayText}" is not a number of seconds from 0 to ${MAX_DELAY_S}: not connecting`,
    );
  }

  const story = isStory(last) ? last : null;
  let metric: GraphMetric = 'army';
  const askedMetric = url.searchParams.get('metric');
  if (askedMetric !== null) {
    if (isMetric(askedMetric)) metric = askedMetric;
    else problems.push(`unknown metric "${askedMetric}" ignored (${GRAPH_METRICS.join(', ')})`);
  }
  return {
    panels: story ? [] : panels,
    single: single || story === 'graph',
    theme: theme || null,
    token: url.searchParams.get('token'),
    story,
    metric,
    strip: url.searchParams.get('size') === 'strip',
    delay,
    problems,
  };
}

/** What the control page calls this page: its panel(s), null for the full layout. */
export function pageLabel(route: Route): string | null {
  if (route.story) return route.story;
  return route.panels.length === LAYOUT_PANELS.length ? null : route.panels.join('+');
}

/** Same-origin WebSocket URL for an overlay, naming the page and carrying its token if it has one. */
export function socketUrl(page: URL, route: Route): string {
  const ws = new URL('/ws', page);
  ws.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.search = '';
  ws.hash = '';
  ws.searchParams.set('role', 'overlay');
  const label = pageLabel(route);
  if (label) ws.searchParams.set('page', label);
  if (route.delay) ws.searchParams.set('delay', String(route.delay));
  if (route.token) ws.searchParams.set('token', route.token);
  return ws.href;
}
