// The overlay page: reads its URL, connects to the bridge, loads the theme, mounts the panels.
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { OverlayStore } from '../lib/overlay-store.svelte.ts';
import { parseRoute, socketUrl } from '../lib/route.ts';
import { ReconnectingSocket } from '../lib/socket.ts';
import { ThemeManager } from '../lib/theme-manager.ts';
import { DEFAULT_THEME } from '../../../protocol/theme-json.ts';
import { applyScale } from '../lib/scale.ts';
import { FALLBACK_TOKENS, type ThemeTokens } from '../lib/tokens.ts';

/** Without a theme in the URL, the match data names it; don't wait for it longer than this. */
const MATCH_THEME_WAIT_MS = 1500;

const pageUrl = new URL(location.href);
const route = parseRoute(pageUrl);
for (const problem of route.problems) console.warn(`[overlay] ${problem}`);

const root = document.documentElement;
const store = new OverlayStore();
applyScale(root, route, FALLBACK_TOKENS);

const useTokens = (tokens: ThemeTokens) => {
  store.setTokens(tokens);
  applyScale(root, route, tokens);
};
const themes = new ThemeManager({
  onApplied: (_chain, tokens) => useTokens(tokens),
  onUnavailable: useTokens,
});
const wantedTheme = () => route.theme ?? store.match?.overlay.theme ?? DEFAULT_THEME;
if (route.theme) void themes.want(route.theme);
else setTimeout(() => void themes.want(wantedTheme()), MATCH_THEME_WAIT_MS);

const socket = new ReconnectingSocket(socketUrl(pageUrl, route), {
  onOpen: () => store.socketOpened(),
  onClose: () => store.socketClosed(),
  onMessage: (message) => {
    if (message.type === 'theme') {
      void themes.changed(message.name, message.revision);
    } else if (message.type === 'reload') {
      location.reload();
    } else {
      store.apply(message);
      if (message.type === 'snapshot' || message.type === 'match') void themes.want(wantedTheme());
    }
  },
});
if (route.delay !== null) socket.start();

mount(App, { target: document.getElementById('app')!, props: { store, route } });
