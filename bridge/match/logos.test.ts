import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOGO_MAX_BYTES } from '../../protocol/limits.ts';
import { createAssetRoute, sniffImage, storeLogo } from './logos.ts';
import { MatchError } from './match-document.ts';
import { jpegBytes, pngBytes, webpBytes } from '../../test-support/logo-images.ts';

let dir: string;
let assetsDir: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'logos-'));
  assetsDir = path.join(dir, 'assets');
  await writeFile(path.join(dir, 'match.json'), '{"secret": true}');
  const route = createAssetRoute(assetsDir);
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://bridge');
    Promise.resolve(route(req, res, url)).then((taken) => {
      if (!taken) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function refusal(bytes: Uint8Array): Promise<string> {
  const err = await storeLogo(assetsDir, bytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MatchError);
  return (err as MatchError).message;
}

describe('sniffImage', () => {
  it('knows PNG, JPEG and WebP by their first bytes, whatever the name says', () => {
    expect(sniffImage(pngBytes())).toBe('png');
    expect(sniffImage(jpegBytes)).toBe('jpg');
    expect(sniffImage(webpBytes)).toBe('webp');
  });

  it('refuses everything else', () => {
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffImage(Buffer.from([0x89, 0x50]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('storeLogo', () => {
  it('stores under a content-hash name and returns its /assets/ path', async () => {
    const logo = await storeLogo(assetsDir, pngBytes());
    expect(logo).toMatch(/^\/assets\/[0-9a-f]{32}\.png$/);
    expect(await storeLogo(assetsDir, pngBytes())).toBe(logo); // same bytes, same file
    expect(await storeLogo(assetsDir, jpegBytes)).toMatch(/\.jpg$/);
    expect(await storeLogo(assetsDir, webpBytes)).toMatch(/\.webp$/);
    expect((await readdir(assetsDir)).length).toBe(3);
  });

  it('refuses a non-image, an empty file and one over 2 MB', async () => {
    expect(await refusal(Buffer.from('MZ\x90\x00 not a picture'))).toBe(
      'logo is not a PNG, JPEG or WebP image',
    );
    expect(await refusal(Buffer.alloc(0))).toBe('logo is empty');
    const huge = Buffer.concat([pngBytes(), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(await refusal(huge)).toBe(`logo is larger than ${LOGO_MAX_BYTES} bytes`);
  });
});

describe('GET /assets/NAME', () => {
  it('serves a stored logo with its type, nosniff and long caching', async () => {
    const bytes = pngBytes(8, 8);
    const logo = await storeLogo(assetsDir, bytes);
    const res = await fetch(base + logo);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    const head = await fetch(base + logo, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(bytes.length)]);
  });

  it.each([
    '/assets/..%2Fmatch.json',
    '/assets/%2e%2e%2fmatch.json',
    '/assets/..%5cmatch.json',
    '/assets/.hidden.png',
    '/assets/match.json',
    '/assets/missing.png',
    '/assets/%E0%A4%A',
    '/assets/',
  ])('never leaves the folder or serves a non-image: %s → 404', async (target) => {
    const res = await fetch(base + target);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
  });

  it('answers 405 to writes and leaves other paths alone', async () => {
    expect((await fetch(`${base}/assets/x.png`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
  });
});
