// Team logos: uploads are checked by their bytes (PNG, JPEG or WebP, at most 2 MB), stored in the
// data folder under a name made from their content hash, and served from /assets/ without ever
// leaving that folder.
import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { LOGO_MAX_BYTES } from '../../protocol/limits.ts';
import { sendText } from '../http-server.ts';
import {
  IMMUTABLE,
  NO_CACHE,
  readOnly,
  resolveInside,
  safeSegments,
  sendFile,
} from '../static-files.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { MatchError } from './match-document.ts';

export const ASSETS_PATH = '/assets/';

type ImageExt = 'png' | 'jpg' | 'webp';

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

/** Route handler for GET/HEAD /assets/NAME: only image names, served as static files are. */
export function createAssetRoute(assetsDir: string) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith(ASSETS_PATH)) return false;
    if (!readOnly(req, res)) return true;
    const [name, ...rest] = safeSegments(url.pathname.slice(ASSETS_PATH.length)) ?? [];
    const file =
      name && rest.length === 0 && ASSET_NAME.test(name)
        ? await resolveInside(assetsDir, [name])
        : null;
    if (!file) {
      sendText(res, 404, 'no such asset');
      return true;
    }
    // An uploaded image is only ever shown as one.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    // Hashed names never change content; a caster's own file might.
    await sendFile(req, res, file, HASHED_NAME.test(name!) ? IMMUTABLE : NO_CACHE);
    return true;
  };
}
