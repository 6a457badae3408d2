// Who may do what. On a loopback address nothing is needed. On any other address (or with --token)
// a token is required for every write, the control page, the API, the status page and every
// WebSocket, as `?token=` or `Authorization: Bearer`. Tokens travel in URLs and headers, never in
// cookies, so a browser never attaches them to a forged request; and since a loopback bridge has no
// token at all, writes and WebSockets opened by another site's page (its Origin names that site)
// are refused. (http-server.ts refuses foreign Host names on loopback against DNS rebinding.)
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { BridgePlugin } from './bridge.ts';
import type { Refusal } from './http-server.ts';
import { isLoopbackAddress, isWildcard, urlHost } from './host.ts';
import { decodeSegments } from './static-files.ts';
import { LAYOUT_PANELS, STORY_PAGES } from '../protocol/panels.ts';

export const TOKEN_MIN_LENGTH = 12;

export interface Access {
  /** Null when the request (or WebSocket upgrade) may go on, else why not. */
  check(req: IncomingMessage, url: URL): Refusal | null;
}

export interface ResolvedToken {
  /** The token in force, or null when the bridge is open. */
  token: string | null;
  /** True when none was given and one was made up. */
  generated: boolean;
}

/** Compares in time that does not depend on where the strings differ, or on their lengths. */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The token in force for a bridge listening on `host`: the one given, else a new random one when
 * the host is not loopback, else none. Throws a one-line reason naming --token for an unusable one.
 */
export function resolveToken(host: string, given: string | null | undefined): ResolvedToken {
  if (given) {
    if (!/^[A-Za-z0-9._~-]+$/.test(given)) {
      throw new Error('--token may hold only letters, digits and . _ ~ - (it goes into URLs)');
    }
    if (given.length < TOKEN_MIN_LENGTH) {
      throw new Error(`--token must be at least ${TOKEN_MIN_LENGTH} characters long`);
    }
    return { token: given, generated: false };
  }
  if (isLoopbackAddress(host)) return { token: null, generated: false };
  return { token: randomBytes(18).toString('base64url'), generated: true };
}

/** The rules for a bridge whose token is `token` (null: open, as on loopback). */
export function createAccess(token: string | null): Access {
  return {
    check(req, url) {
      const write = isWrite(req, url);
      if (write && !sameSiteOrigin(req)) {
        return { status: 403, error: `requests from ${req.headers.origin} are not allowed` };
      }
      if (token === null || (!write && !needsTokenToRead(url.pathname))) return null;
      const presented = presentedToken(req, url);
      if (presented === null) {
        return { status: 401, error: 'token required: add ?token=… or Authorization: Bearer …' };
      }
      return tokensMatch(presented, token) ? null : { status: 401, error: 'wrong token' };
    },
  };
}

/** Puts the access rules in front of every request and WebSocket upgrade of a bridge. */
export const accessPlugin: BridgePlugin = (bridge) => {
  const access = createAccess(bridge.token);
  bridge.http.authorize((req, url) => access.check(req, url));
};

// WebSocket upgrades count as writes: a control socket changes the match, and an overlay socket
// is the live feed the token guards.
function isWrite(req: IncomingMessage, url: URL): boolean {
  const method = req.method ?? 'GET';
  return (method !== 'GET' && method !== 'HEAD') || url.pathname === '/ws';
}

// Pages and data only an operator should read; overlays, themes, built files and logos are public.
// Decided on the path as the routes and the file system read it, so no spelling of a protected
// path slips past; a path that does not decode is protected (no route serves one anyway).
function needsTokenToRead(pathname: string): boolean {
  const path = canonicalPath(pathname);
  if (path === null) return true;
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  return (
    path === '/' ||
    path === '/status' ||
    under('/control') ||
    under('/overlay/control') ||
    under('/api')
  );
}

/**
 * The path as routes.ts and the file system read it: each segment percent-decoded, empty and `.`
 * segments dropped, `..` applied, case folded and trailing dots and spaces cut (Windows and macOS
 * ignore case, Windows those trailing characters). Null when a segment does not decode.
 */
export function canonicalPath(pathname: string): string | null {
  const decoded = decodeSegments(pathname);
  if (!decoded) return null;
  const segments: string[] = [];
  for (const segment of decoded) {
    // A decoded segment may hold slashes or backslashes of its own.
    for (const part of segment.split(/[/\\]/)) {
      const name = part.toLowerCase().replace(/(?<=[^. ])[. ]+$/, '');
      if (name === '' || name === '.') continue;
      if (name === '..') segments.pop();
      else segments.push(name);
    }
  }
  return `/${segments.join('/')}`;
}

// Browsers send Origin with cross-site writes and WebSocket handshakes; tools (curl, Companion,
// Stream Deck) send none. A page of this bridge, or one served on this machine (a dev server), may
// write.
function sameSiteOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (file:// and sandboxed pages) and garbage
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return parsed.host === req.headers.host || isLoopbackAddress(hostname);
}

function presentedToken(req: IncomingMessage, url: URL): string | null {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? url.searchParams.get('token');
}

/** The URLs a caster pastes, token included. */
export function accessUrls(
  baseUrl: string,
  token: string | null,
): { label: string; url: string }[] {
  const withToken = (pathname: string) => {
    const url = new URL(pathname, baseUrl);
    if (token !== null) url.searchParams.set('token', token);
    return url.toString();
  };
  return [
    { label: 'control', url: withToken('/control') },
    { label: 'overlay', url: withToken('/overlay/') },
    ...[...LAYOUT_PANELS, ...STORY_PAGES].map((panel) => ({
      label: panel,
      url: withToken(`/overlay/${panel}`),
    })),
  ];
}

/** Base URLs other machines can use: every external IPv4 address for a wildcard listen. */
export function reachableBaseUrls(host: string, port: number): string[] {
  const hosts = isWildcard(host)
    ? Object.values(networkInterfaces())
        .flat()
        .flatMap((nic) => (nic && nic.family === 'IPv4' && !nic.internal ? [nic.address] : []))
    : [host];
  if (hosts.length === 0) hosts.push('127.0.0.1');
  return hosts.map((h) => `http://${urlHost(h)}:${port}/`);
}

/** The lines to print at start when a token is in force: the URLs to paste, token included. */
export function accessBanner(resolved: ResolvedToken, host: string, port: number): string[] {
  if (resolved.token === null) return [];
  const [first, ...others] = reachableBaseUrls(host, port);
  const lines = [
    resolved.generated
      ? `token required on ${host}; generated ${resolved.token} (pass --token to keep one across restarts)`
      : `token required on ${host}`,
    ...accessUrls(first!, resolved.token).map(
      ({ label, url }) => `  ${(label + ':').padEnd(12)}${url}`,
    ),
  ];
  if (others.length > 0) lines.push(`  also reachable at ${others.join(', ')}`);
  return lines;
}
