import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startBridge, type Bridge } from './bridge.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// What this checkout is, asked of git and package.json directly.
const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, target: string, options: http.RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket upgrade; resolves with the HTTP status it was refused with, or 101. */
function upgradeStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${target}`);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.on('error', () => undefined);
  });
}

const SECRET = 'top secret outside the themes folder';
let root: string;
let built: Bridge;
let unbuilt: Bridge;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bar-http-'));
  const dist = path.join(root, 'dist');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await mkdir(path.join(dist, 'control'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>overlay</title>');
  await writeFile(
    path.join(dist, 'control', 'index.html'),
    '<!doctype html><title>control</title>',
  );
  await writeFile(path.join(dist, 'assets', 'overlay-AbC123.js'), 'console.log(1)');
  const builtin = path.join(root, 'themes');
  const user = path.join(root, 'user-themes');
  for (const dir of [
    path.join(builtin, 'default'),
    path.join(builtin, 'broken'),
    path.join(user, 'neon'),
    path.join(user, 'default'),
  ]) {
    await mkdir(dir, { recursive: true });
  }
  await writeFile(path.join(root, 'secret.txt'), SECRET);
  await writeFile(path.join(builtin, 'default', 'theme.css'), '/* built-in default */');
  await writeFile(
    path.join(builtin, 'default', 'theme.json'),
    '{"name":"Default","description":"Clean"}',
  );
  await writeFile(path.join(builtin, 'broken', 'theme.json'), '{nope');
  await writeFile(path.join(user, 'default', 'theme.css'), '/* my default */');
  await writeFile(path.join(user, 'neon', 'theme.css'), ':root{--accent:#0ff}');
  await writeFile(path.join(user, 'neon', '.hidden'), SECRET);
  await writeFile(
    path.join(user, 'neon', 'theme.json'),
    '{"name":"Neon <b>","description":"Glow <script>alert(1)</script>","parent":"default"}',
  );
  await symlink(path.join(root, 'secret.txt'), path.join(user, 'neon', 'link-out.css'));
  const common = {
    tcpPort: 0,
    httpPort: 0,
    logger: capturingLogger('error'),
    builtinThemesDir: builtin,
  };
  built = await startBridge({ ...common, distDir: dist, themesDir: user });
  unbuilt = await startBridge({ ...common, distDir: path.join(root, 'no-dist') });
});

afterAll(async () => {
  await Promise.all([built?.close(), unbuilt?.close()]);
});

describe('http: the built overlay', () => {
  it('serves the overlay, its panel pages and the control page as HTML without caching', async () => {
    for (const target of [
      '/overlay/',
      '/overlay/scoreboard',
      '/overlay/events/',
      '/overlay/?panels=compare',
    ]) {
      const reply = await request(built.httpPort, target);
      expect(reply.status, target).toBe(200);
      expect(reply.body).toContain('<title>overlay</title>');
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await request(built.httpPort, '/control')).body).toContain('<title>control</title>');
    const redirect = await request(built.httpPort, '/overlay?theme=neon');
    expect([redirect.status, redirect.headers.location]).toEqual([301, '/overlay/?theme=neon']);
  });

  it('serves hashed assets with a long cache, answers 304 to a known ETag, 404 for unknown files', async () => {
    const asset = await request(built.httpPort, '/overlay/assets/overlay-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await request(built.httpPort, '/overlay/assets/overlay-AbC123.js', {
      headers: { 'If-None-Match': asset.headers.etag! },
    });
    expect(again.status).toBe(304);
    expect((await request(built.httpPort, '/overlay/assets/missing.js')).status).toBe(404);
    expect((await request(built.httpPort, '/nowhere')).status).toBe(404);
  });

  it('answers 503 with the build hint when the overlay is not built', async () => {
    for (const target of ['/overlay/', '/overlay/resources', '/control', '/overlay/assets/x.js']) {
      const reply = await request(unbuilt.httpPort, target);
      expect(reply.status, target).toBe(503);
      expect(reply.body).toBe('the overlay is not built: run npm run build\n');
    }
    expect((await request(unbuilt.httpPort, '/')).body).toContain('run <code>npm run build</code>');
  });
});

describe('http: themes', () => {
  it('serves a theme file from --themes-dir first, then from the built-in folder', async () => {
    const mine = await request(built.httpPort, '/themes/default/theme.css');
    expect([mine.status, mine.body]).toEqual([200, '/* my default */']);
    expect(mine.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(mine.headers['cache-control']).toBe('no-cache');
    const fallback = await request(built.httpPort, '/themes/default/theme.json');
    expect(fallback.body).toContain('Clean');
    expect((await request(built.httpPort, '/themes/neon/theme.css')).status).toBe(200);
  });

  it('never serves anything outside the theme folders', async () => {
    const attempts = [
      '/themes/../secret.txt',
      '/themes/neon/../../secret.txt',
      '/themes/neon/%2e%2e/%2e%2e/secret.txt',
      '/themes/neon/%2E%2E%2F%2E%2E%2Fsecret.txt',
      '/themes/neon/..%2f..%2fsecret.txt',
      '/themes/neon/..%5c..%5csecret.txt',
      '/themes/neon/..\\..\\secret.txt',
      '/themes/%2e%2e/secret.txt',
      '/themes//secret.txt',
      `/themes/neon/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
      '/themes/neon//etc/passwd',
      '/themes/neon/C:%5csecret.txt',
      '/themes/neon/.hidden',
      '/themes/neon/%2ehidden',
      '/themes/neon/link-out.css',
      '/themes/neon/%00theme.css',
      '/themes/neon/%E0%A4%A',
      '/themes/NEON/theme.css',
      '/themes/neon',
      '/overlay/../secret.txt',
      '/overlay/%2e%2e/%2e%2e/secret.txt',
    ];
    for (const target of attempts) {
      const reply = await request(built.httpPort, target);
      expect(reply.status, target).toBeGreaterThanOrEqual(400);
      expect(reply.body, target).not.toContain(SECRET);
    }
  });

  it('lists themes with display name, description and parent; a broken theme.json is skipped', async () => {
    const reply = await request(built.httpPort, '/api/themes');
    expect(JSON.parse(reply.body)).toEqual([
      { name: 'default', display_name: 'Default', description: 'Clean', parent: null },
      {
        name: 'neon',
        display_name: 'Neon <b>',
        description: 'Glow <script>alert(1)</script>',
        parent: 'default',
      },
    ]);
  });
});

describe('http: pages and the extension seam', () => {
  it('lists the OBS URLs on the home page, escaping names', async () => {
    const reply = await request(built.httpPort, '/');
    expect(reply.status).toBe(200);
    const base = `http://127.0.0.1:${built.httpPort}`;
    for (const url of [
      '/overlay/',
      '/overlay/scoreboard',
      '/overlay/compare',
      '/control',
      '/overlay/?theme=neon',
    ]) {
      expect(reply.body).toContain(`<code>${base}${url}</code>`);
    }
    expect(reply.body).toContain('Glow &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(reply.body).toContain('Theme Neon &#60;b&#62;');
    expect(reply.body).not.toContain('<script>');
    expect(reply.body).toContain(
      `<p class="note">Version ${version} (commit ${head.slice(0, 12)})</p>`,
    );
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('serves /status as JSON, refuses other methods and foreign Host names', async () => {
    const status = await request(built.httpPort, '/status');
    expect(JSON.parse(status.body)).toMatchObject({
      type: 'bridge',
      build: { version, commit: head },
      sources: [],
      clients: { overlays: 0 },
    });
    expect(status.headers['cache-control']).toBe('no-store');
    const post = await request(built.httpPort, '/status', { method: 'POST' });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    const rebound = await request(built.httpPort, '/status', {
      headers: { Host: 'evil.example:9877' },
    });
    expect(rebound.status).toBe(403);
    const local = await request(built.httpPort, '/status', {
      headers: { Host: `localhost:${built.httpPort}` },
    });
    expect(local.status).toBe(200);
  });

  it('lets another part add routes and an authorisation check for HTTP and WebSocket', async () => {
    const b = await startBridge({
      tcpPort: 0,
      httpPort: 0,
      logger: capturingLogger('error'),
      builtinThemesDir: root,
    });
    try {
      b.http.use((_req, res, url) => {
        if (url.pathname !== '/api/ping') return false;
        res.end('pong');
        return true;
      });
      expect((await request(b.httpPort, '/api/ping')).body).toBe('pong');
      expect(await upgradeStatus(b.httpPort, '/ws?role=control')).toBe(101);
      expect(await upgradeStatus(b.httpPort, '/ws?role=admin')).toBe(400);
      expect(await upgradeStatus(b.httpPort, '/elsewhere')).toBe(404);
      b.http.authorize((_req, url) =>
        url.searchParams.get('token') === 's3cret' ? null : { status: 401, error: 'wrong token' },
      );
      const refused = await request(b.httpPort, '/status');
      expect([refused.status, refused.body.trim()]).toEqual([401, 'wrong token']);
      const apiRefused = await request(b.httpPort, '/api/ping');
      expect([apiRefused.status, JSON.parse(apiRefused.body)]).toEqual([
        401,
        { error: 'wrong token' },
      ]);
      expect((await request(b.httpPort, '/status?token=s3cret')).status).toBe(200);
      expect(await upgradeStatus(b.httpPort, '/ws?role=control')).toBe(401);
      expect(await upgradeStatus(b.httpPort, '/ws?role=control&token=s3cret')).toBe(101);
    } finally {
      await b.close();
    }
  });
});
