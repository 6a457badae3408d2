// The Chromium builds our overlay must work in: OBS 28–30 (Chromium 103), OBS 31–32 (Chromium 127),
// and Debian's current Chromium. The old builds come from @sparticuz/chromium on npm; we unpack each
// into its own cache folder (the package itself always unpacks to /tmp/chromium, which would mix them).
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BrowserKind = 'chromium-103' | 'chromium-127' | 'chromium-current';
export const ALL_BROWSERS: readonly BrowserKind[] = [
  'chromium-103',
  'chromium-127',
  'chromium-current',
];
/** The Chromium versions OBS ships in its browser source. */
export const OBS_BROWSERS: readonly BrowserKind[] = ['chromium-103', 'chromium-127'];

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(top, '.cache', 'chromium');
const require = createRequire(import.meta.url);
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--hide-scrollbars',
  '--force-color-profile=srgb',
];

async function unbrotli(source: string, target: string): Promise<void> {
  await pipeline(createReadStream(source), createBrotliDecompress(), createWriteStream(target));
}

// Through a file, not a pipe: tar may exit at the archive's end marker before the padding after it
// is written, and the pipe then fails with "Premature close".
async function untarBrotli(source: string, dir: string): Promise<void> {
  const archive = path.join(dir, '.unpack.tar');
  await unbrotli(source, archive);
  const tar = spawn('tar', ['-x', '--no-same-owner', '-f', archive, '-C', dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited ${code}`))));
  });
  await rm(archive);
}

/** Unpacks one @sparticuz/chromium build once; safe when several test files race for it. */
async function unpackedChromium(pkg: 'chromium-103' | 'chromium-127'): Promise<string> {
  const dir = path.join(cacheDir, pkg);
  const exe = path.join(dir, 'chromium');
  if (existsSync(exe)) return exe;
  const bin = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin');
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await unbrotli(path.join(bin, 'chromium.br'), path.join(staging, 'chromium'));
    await chmod(path.join(staging, 'chromium'), 0o755);
    // SwiftShader's GL libraries sit beside the binary, where Chromium looks for them.
    await untarBrotli(path.join(bin, 'swiftshader.tar.br'), staging);
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(exe)) throw err; // another process finished first: use its copy
  }
  return exe;
}

export async function executablePath(kind: BrowserKind): Promise<string> {
  if (kind === 'chromium-current') {
    if (!existsSync(DEBIAN_CHROMIUM)) {
      throw new Error(`${DEBIAN_CHROMIUM} is missing: install Debian's chromium package`);
    }
    return DEBIAN_CHROMIUM;
  }
  return unpackedChromium(kind);
}

export async function launchBrowser(
  kind: BrowserKind,
  options: LaunchOptions = {},
): Promise<Browser> {
  return chromium.launch({
    ...options,
    executablePath: await executablePath(kind),
    args: [...LAUNCH_ARGS, ...(options.args ?? [])],
  });
}

/** Major version as the browser reports it, e.g. 103. */
export function majorVersion(browser: Browser): number {
  return Number(browser.version().split('.')[0]);
}
