// Team logos: uploads are checked by their bytes (PNG, JPEG or WebP, at most 2 MB), stored in the
// data folder under a name made from their content hash, and served from /assets/ without ever
// leaving that folder.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { LOGO_MAX_BYTES } from '../../protocol/limits.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { MatchError } from './match-document.ts';

export const ASSETS_PATH = '/assets/';

const TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
} as const;
type ImageExt = keyof typeof TYPES;

/** The image type the bytes start with, whatever the upload claims to be. */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
  const starts = (offset: number, magic: number[]) =>
    bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(0, [0xff, 0xd8, 0xff])) return 'jpg';
  if (starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50])) return 'webp';
  return null;
}

/** Stores a logo and returns its URL path (`/assets/<hash>.<ext>`). Throws MatchError('invalid'). */
export async function storeLogo(assetsDir: string, bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new MatchError('invalid', 'logo is empty');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw new MatchError('invalid', `logo is larger than ${LOGO_MAX_BYTES} bytes`);
  }
  const ext = sniffImage(bytes);
  if (!ext) throw new MatchError('invalid', 'logo is not a PNG, JPEG or WebP image');
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${ext}`;
  const file = path.join(assetsDir, name);
  await mkdir(assetsDir, { recursive: true });
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFileAtomic(file, bytes);
  return ASSETS_PATH + name;
}

// Only plain file names with an image extension; no separators, no leading dot, so the joined path
// stays inside the folder.
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\.(png|jpe?g|webp)$/;
/** The names storeLogo gives uploads. */
export const HASHED_NAME = /^[0-9a-f]{32}\.(png|jpg|webp)$/;

/** Route handler for GET/HEAD /assets/NAME. */
export function createAssetRoute(assetsDir: string) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith(ASSETS_PATH)) return false;
    const name = decodeURIComponentSafe(url.pathname.slice(ASSETS_PATH.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET only\n');
      return true;
    }
    const match = name === null ? null : ASSET_NAME.exec(name);
    const info = match ? await stat(path.join(assetsDir, match[0])).catch(() => null) : null;
    if (!match || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such asset\n');
      return true;
    }
    const file = path.join(assetsDir, match[0]);
    const ext = match[1] === 'jpeg' ? 'jpg' : (match[1] as ImageExt);
    res.writeHead(200, {
      'content-type': TYPES[ext],
      'content-length': info.size,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      // Hashed names never change content; a caster's own file might.
      'cache-control': HASHED_NAME.test(match[0])
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    return true;
  };
}

function decodeURIComponentSafe(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
