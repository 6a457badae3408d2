// The built-in HTTP routes (docs/architecture.md): `/`, the built overlay under /overlay/ and
// /control, themes under /themes/, /api/themes and /status.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText, type RouteHandler } from './http-server.ts';
import { renderHomePage } from './home-page.ts';
import { LAYOUT_PANELS, STORY_PAGES } from '../protocol/panels.ts';
import {
  IMMUTABLE,
  NO_CACHE,
  readOnly,
  resolveInside,
  safeSegments,
  sendFile,
} from './static-files.ts';
import type { Themes } from './themes.ts';
import type { BridgeStatus } from '../protocol/types.ts';

export interface RouteDeps {
  /** The Vite build output (dist/overlay). */
  distDir: string;
  themes: Themes;
  status(): BridgeStatus;
  /** host:port to show when the request's Host header is unusable. */
  fallbackHost: string;
  /** The token in force, shown in the home page's URLs; null when the bridge is open. */
  token(): string | null;
}

const NOT_BUILT = 'the overlay is not built: run npm run build';
const SAFE_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;
const PANEL_PAGE = new RegExp(`^/overlay/(?:${[...LAYOUT_PANELS, ...STORY_PAGES].join('|')})/?$`);

export function builtInRoutes(deps: RouteDeps): RouteHandler[] {
  const indexHtml = path.join(deps.distDir, 'index.html');
  const controlHtml = path.join(deps.distDir, 'control', 'index.html');

  const page = async (req: IncomingMessage, res: ServerResponse, file: string): Promise<void> => {
    if (!existsSync(file)) return sendText(res, 503, NOT_BUILT);
    await sendFile(req, res, file, NO_CACHE);
  };

  const home: RouteHandler = async (req, res, url) => {
    if (url.pathname !== '/') return false;
    if (!readOnly(req, res)) return true;
    const host =
      req.headers.host && SAFE_HOST.test(req.headers.host) ? req.headers.host : deps.fallbackHost;
    const html = renderHomePage({
      base: `http://${host}`,
      overlayBuilt: existsSync(indexHtml),
      themes: await deps.themes.list(),
      status: deps.status(),
      token: deps.token(),
    });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': NO_CACHE,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  };

  const status: RouteHandler = (req, res, url) => {
    if (url.pathname !== '/status') return false;
    if (readOnly(req, res)) sendJson(res, 200, deps.status());
    return true;
  };

  const themeList: RouteHandler = async (req, res, url) => {
    if (url.pathname !== '/api/themes') return false;
    if (readOnly(req, res)) sendJson(res, 200, await deps.themes.list());
    return true;
  };

  const overlay: RouteHandler = async (req, res, url) => {
    const { pathname } = url;
    if (pathname === '/overlay') {
      res.writeHead(301, { Location: `/overlay/${url.search}` }).end();
      return true;
    }
    if (!pathname.startsWith('/overlay/')) return false;
    if (!readOnly(req, res)) return true;
    if (pathname === '/overlay/' || PANEL_PAGE.test(pathname)) {
      await page(req, res, indexHtml);
      return true;
    }
    const segments = safeSegments(pathname.slice('/overlay/'.length));
    const file = segments && (await resolveInside(deps.distDir, segments));
    if (!segments) sendText(res, 400, 'bad path');
    else if (!file) {
      const built = existsSync(indexHtml);
      sendText(res, built ? 404 : 503, built ? 'not found' : NOT_BUILT);
    }
    // Vite names everything under assets/ by content hash, so those never change.
    else await sendFile(req, res, file, segments[0] === 'assets' ? IMMUTABLE : NO_CACHE);
    return true;
  };

  const control: RouteHandler = async (req, res, url) => {
    if (url.pathname !== '/control' && url.pathname !== '/control/') return false;
    if (readOnly(req, res)) await page(req, res, controlHtml);
    return true;
  };

  const themeFiles: RouteHandler = async (req, res, url) => {
    if (!url.pathname.startsWith('/themes/')) return false;
    if (!readOnly(req, res)) return true;
    const segments = safeSegments(url.pathname.slice('/themes/'.length));
    const [name, ...rest] = segments ?? [];
    const file = name && rest.length > 0 ? await deps.themes.resolveFile(name, rest) : null;
    if (!segments || rest.length === 0) sendText(res, 400, 'bad path');
    else if (!file) sendText(res, 404, 'not found');
    else await sendFile(req, res, file, NO_CACHE);
    return true;
  };

  return [home, status, themeList, overlay, control, themeFiles];
}
