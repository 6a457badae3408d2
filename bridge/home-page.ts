// The page at `/`: every URL a caster pastes into OBS, as text that selects in one click. Anything
// that came from outside (theme names and descriptions, player names, the Host header) is escaped.
import type { BridgeStatus, ThemeInfo } from '../protocol/types.ts';
import { LAYOUT_PANELS } from '../protocol/panels.ts';
import { describeBuild } from './build-info.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HomePageInput {
  /** e.g. http://127.0.0.1:9877 */
  base: string;
  overlayBuilt: boolean;
  themes: ThemeInfo[];
  status: BridgeStatus;
  /** The bridge's token, added to every URL (this page is only shown to who presented it). */
  token: string | null;
}

function urlRow(label: string, url: string, note = ''): string {
  const hint = note ? ` <span class="note">${escapeHtml(note)}</span>` : '';
  return `<li><span class="label">${escapeHtml(label)}</span><code>${escapeHtml(url)}</code>${hint}</li>`;
}

function sourceLine(status: BridgeStatus): string {
  const live = status.source;
  if (!live) return 'No game connected. Start BAR with the widget, or run the bridge with --demo.';
  const hello = live.hello;
  const game = hello ? `${hello.game.name} on ${hello.game.map}` : 'a game';
  const state = live.stale ? ' (no data for a while)' : '';
  return `Live: ${game}, from ${live.peer}${state}.`;
}

export function renderHomePage({
  base,
  overlayBuilt,
  themes,
  status,
  token,
}: HomePageInput): string {
  const link = (pathname: string, query: Record<string, string> = {}): string => {
    const url = new URL(pathname, base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    if (token !== null) url.searchParams.set('token', token);
    return url.toString();
  };
  const rows = [
    urlRow('Full overlay', link('/overlay/'), 'all panels'),
    ...LAYOUT_PANELS.map((panel) => urlRow(`Only ${panel}`, link(`/overlay/${panel}`))),
    urlRow(
      'Lead graph',
      link('/overlay/graph'),
      'lower third, 640 × 200; ?metric=army|metal|energy|damage|build_power',
    ),
    urlRow('Lead graph strip', link('/overlay/graph', { size: 'strip' }), 'full width, 1920 × 160'),
    urlRow('End of game', link('/overlay/postgame'), '1920 × 1080, after game over'),
    urlRow('Series', link('/overlay/series'), '1920 × 1080, the games so far'),
    ...themes.map((theme) =>
      urlRow(
        `Theme ${theme.display_name}`,
        link('/overlay/', { theme: theme.name }),
        theme.description,
      ),
    ),
  ];
  const build = overlayBuilt
    ? ''
    : '<p class="warn">The overlay is not built yet: run <code>npm run build</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bar-livedata</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;background:#101418;color:#e8eef2}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
ul{list-style:none;padding:0}li{margin:.4rem 0}
.label{display:inline-block;min-width:11rem;color:#9fb3c1}
code{user-select:all;background:#1d252c;padding:.15rem .4rem;border-radius:4px;color:#fff}
.note{color:#7d909c;font-size:.9rem}.warn{color:#ffb347}
</style>
</head>
<body>
<h1>bar-livedata</h1>
<p class="note">Version ${escapeHtml(describeBuild(status.build))}</p>
<p>${escapeHtml(sourceLine(status))}</p>
${build}
<h2>Overlay URLs for OBS</h2>
<p>Add a Browser source with one of these URLs, width 1920 and height 1080. Click a URL to select it.</p>
<ul>
${rows.join('\n')}
</ul>
<h2>Caster control page</h2>
<ul>
${urlRow('Control page', link('/control'), 'open it in your browser, not in OBS')}
${urlRow('Status (JSON)', link('/status'))}
</ul>
</body>
</html>
`;
}
