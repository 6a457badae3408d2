// Serving files from a folder without ever leaving it: URL path segments are decoded one by one and
// refused when they could climb or hide (.., ., dotfiles, encoded slashes, backslashes, NUL, drive
// letters); the real path (symlinks resolved) must still lie inside the real root.
import { realpath, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './http-server.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export const NO_CACHE = 'no-cache';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A URL path (still percent-encoded, without query) split at its slashes and each segment
 * percent-decoded, or null when a segment does not decode. */
export function decodeSegments(rawPath: string): string[] | null {
  try {
    return rawPath.split('/').map((raw) => decodeURIComponent(raw));
  } catch {
    return null;
  }
}

/**
 * Decodes a URL path (still percent-encoded, without query) into safe file name segments, or null
 * when any segment is empty, undecodable or could leave the folder.
 */
export function safeSegments(rawPath: string): string[] | null {
  const segments = decodeSegments(rawPath);
  if (!segments) return null;
  const unsafe = (segment: string) =>
    segment === '' || segment.startsWith('.') || /[/\\\0:]/.test(segment);
  return segments.some(unsafe) ? null : segments;
}

/** The regular file at root/segments if it really is inside root (symlinks resolved), else null. */
export async function resolveInside(root: string, segments: string[]): Promise<string | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, ...segments));
    if (!real.startsWith(realRoot + path.sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Answers 405 for methods other than GET and HEAD; true when the request may go on. */
export function readOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.setHeader('Allow', 'GET, HEAD');
  sendText(res, 405, 'method not allowed');
  return false;
}

/** Sends a file with its content type, a weak ETag (answering 304) and the given caching. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  cacheControl: string,
): Promise<void> {
  const info = await stat(file);
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304).end();
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
