// Token rules: unit checks of the pieces, then a real bridge listening on 0.0.0.0 (not loopback)
// and one on loopback, probed with real HTTP requests and WebSocket handshakes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import {
  accessBanner,
  canonicalPath,
  reachableBaseUrls,
  resolveToken,
  tokensMatch,
  TOKEN_MIN_LENGTH,
} from './auth.ts';
import { call } from '../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../test-support/control-bridge.ts';

/** GET with the request target sent exactly as written (fetch would normalise it first). */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The HTTP status a WebSocket handshake gets: 101 when it opens. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

describe('resolveToken', () => {
  it('needs none on loopback', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      expect(resolveToken(host, undefined)).toEqual({ token: null, generated: false });
    }
  });

  it('makes up a long random one for any other address', () => {
    const a = resolveToken('0.0.0.0', undefined);
    const b = resolveToken('192.168.1.20', null);
    expect(a.generated).toBe(true);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(b.token).not.toBe(a.token);
  });

  it('keeps a given one, anywhere, and names --token when it is unusable', () => {
    expect(resolveToken('127.0.0.1', 'correct-horse-battery')).toEqual({
      token: 'correct-horse-battery',
      generated: false,
    });
    expect(() => resolveToken('0.0.0.0', 'short')).toThrow(
      `--token must be at least ${TOKEN_MIN_LENGTH} characters long`,
    );
    expect(() => resolveToken('0.0.0.0', 'has spaces and&amp')).toThrow(/^--token may hold only/);
  });
});

describe('tokensMatch', () => {
  it('is true only for the same token, whatever the lengths', () => {
    expect(tokensMatch('abcdefghijkl', 'abcdefghijkl')).toBe(true);
    expect(tokensMatch('abcdefghijkm', 'abcdefghijkl')).toBe(false);
    expect(tokensMatch('abc', 'abcdefghijkl')).toBe(false);
    expect(tokensMatch('', 'abcdefghijkl')).toBe(false);
  });
});

describe('accessBanner', () => {
  it('prints ready-to-paste URLs with the token for a wildcard listen', () => {
    const lines = accessBanner({ token: 'tok-123456789012', generated: true }, '0.0.0.0', 9877);
    const base = reachableBaseUrls('0.0.0.0', 9877)[0]!;
    expect(lines[0]).toBe(
      'token required on 0.0.0.0; generated tok-123456789012 (pass --token to keep one across restarts)',
    );
    expect(lines).toContain(`  control:    ${base}control?token=tok-123456789012`);
    expect(lines).toContain(`  scoreboard: ${base}overlay/scoreboard?token=tok-123456789012`);
    expect(accessBanner({ token: null, generated: false }, '127.0.0.1', 9877)).toEqual([]);
  });
});

describe('canonicalPath', () => {
  it('reads a path as the routes and the file system do', () => {
    for (const [given, read] of [
      ['/overlay/%63ontrol/index.html', '/overlay/control/index.html'],
      ['/overlay//control/', '/overlay/control'],
      ['/overlay/x/%2E%2E/control', '/overlay/control'],
      ['/OverLay/CONTROL/Index.HTML', '/overlay/control/index.html'],
      ['/overlay/control. /index.html', '/overlay/control/index.html'],
      ['/overlay/control%2Findex.html', '/overlay/control/index.html'],
      ['/overlay/control%5Cindex.html', '/overlay/control/index.html'],
      ['/../../api/match', '/api/match'],
      ['//', '/'],
    ]) {
      expect(canonicalPath(given!), given).toBe(read);
    }
    expect(canonicalPath('/overlay/%E0%A4%A/')).toBeNull();
  });
});

describe('a bridge listening on 0.0.0.0', () => {
  let cb: ControlBridge;
  let token: string;
  let ws: string;
  let distDir: string;
  beforeAll(async () => {
    token = resolveToken('0.0.0.0', undefined).token!;
    // A built overlay of two pages, so a request that slips through gets the control page itself.
    distDir = await mkdtemp(path.join(tmpdir(), 'bar-dist-'));
    await mkdir(path.join(distDir, 'control'));
    await writeFile(path.join(distDir, 'index.html'), 'overlay page');
    await writeFile(path.join(distDir, 'control', 'index.html'), 'control page');
    cb = await startControlBridge({ host: '0.0.0.0', token, distDir });
    ws = `ws://127.0.0.1:${cb.bridge.httpPort}/ws`;
  });
  afterAll(async () => {
    await cb.close();
    await rm(distDir, { recursive: true, force: true });
  });

  it('answers 401 to writes, the API and the control page without the token', async () => {
    for (const [method, target] of [
      ['POST', '/api/teams/0/score/increment'],
      ['PUT', '/api/theme'],
      ['GET', '/api/match'],
      ['GET', '/api/state'],
      ['GET', '/control'],
      ['GET', '/status'],
      ['GET', '/'],
    ] as const) {
      expect((await call(cb.base, method, target)).status, `${method} ${target}`).toBe(401);
    }
    // The reason only: no match data leaks.
    expect((await call(cb.base, 'GET', '/api/match')).body).toEqual({
      error: 'token required: add ?token=… or Authorization: Bearer …',
    });
  });

  it('guards the control page however its path is spelt', async () => {
    const port = cb.bridge.httpPort;
    for (const target of [
      '/control',
      '/control/',
      '/overlay/control/',
      '/overlay/control/index.html',
      '/overlay/%63ontrol/index.html',
      '/overlay/%63%6F%6E%74%72%6F%6C/index.html',
      '/overlay//control/index.html',
      '/overlay/control//index.html',
      '/overlay/x/../control/index.html',
      '/overlay/%2e%2e/overlay/control/index.html',
      '/overlay/Control/index.html',
      '/OVERLAY/CONTROL/INDEX.HTML',
      '/overlay/control./index.html',
      '/overlay/control%2Findex.html',
      '/overlay/control%5Cindex.html',
      '/%63ontrol',
      '/Control/',
      '/%61pi/match',
      '/API/match',
      '/%73tatus',
    ]) {
      const answer = await rawGet(port, target);
      expect([answer.status, answer.body], target).toEqual([401, expect.stringMatching(/^token/)]);
    }
    expect((await rawGet(port, `/overlay/%63ontrol/index.html?token=${token}`)).body).toBe(
      'control page',
    );
    expect(await rawGet(port, '/overlay/index.html')).toEqual({
      status: 200,
      body: 'overlay page',
    });
  });

  it('accepts the token as ?token= or as a Bearer header, and refuses a wrong one', async () => {
    expect((await call(cb.base, 'GET', `/api/match?token=${token}`)).status).toBe(200);
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await call(cb.base, 'POST', '/api/teams/0/score/increment', undefined, bearer)).status,
    ).toBe(200);
    expect((await call(cb.base, 'GET', `/api/match?token=${token}x`)).status).toBe(401);
    expect(
      (await call(cb.base, 'GET', '/api/match', undefined, { authorization: 'Bearer nope' }))
        .status,
    ).toBe(401);
    expect((await call(cb.base, 'GET', `/api/match?token=${token}`)).body.teams[0].score).toBe(1);
  });

  it('needs the token for every WebSocket, overlays included', async () => {
    expect(await handshake(`${ws}?role=overlay`)).toBe(401);
    expect(await handshake(`${ws}?role=control`)).toBe(401);
    expect(await handshake(`${ws}?role=overlay&token=wrong-token-value`)).toBe(401);
    expect(await handshake(`${ws}?role=overlay&token=${token}`)).toBe(101);
    expect(await handshake(`${ws}?role=control`, { authorization: `Bearer ${token}` })).toBe(101);
  });

  it('leaves public files public: overlay pages, themes and logos carry no secret', async () => {
    for (const target of [
      '/overlay/',
      '/overlay/scoreboard',
      '/assets/none.png',
      '/themes/none/theme.css',
    ]) {
      expect((await call(cb.base, 'GET', target)).status, target).not.toBe(401);
    }
  });

  it('is reachable with the token on the machine’s other addresses too', async () => {
    const others = reachableBaseUrls('0.0.0.0', cb.bridge.httpPort);
    for (const base of others.filter((b) => !b.includes('127.0.0.1'))) {
      expect((await call(base.replace(/\/$/, ''), 'GET', '/api/match')).status).toBe(401);
      expect((await call(base.replace(/\/$/, ''), 'GET', `/api/match?token=${token}`)).status).toBe(
        200,
      );
    }
  });
});

describe('a bridge on loopback', () => {
  let cb: ControlBridge;
  beforeAll(async () => {
    cb = await startControlBridge();
  });
  afterAll(() => cb.close());

  it('needs no token', async () => {
    expect((await call(cb.base, 'POST', '/api/teams/0/score/increment')).status).toBe(200);
    expect(await handshake(`ws://127.0.0.1:${cb.bridge.httpPort}/ws?role=control`)).toBe(101);
  });

  it("refuses writes and control sockets from another site's page (no CSRF without cookies)", async () => {
    const evil = { origin: 'https://evil.example' };
    expect(
      (await call(cb.base, 'POST', '/api/teams/0/score/increment', undefined, evil)).status,
    ).toBe(403);
    expect(await handshake(`ws://127.0.0.1:${cb.bridge.httpPort}/ws?role=control`, evil)).toBe(403);
    // Its own pages, and pages served on this machine, may.
    const own = { origin: cb.base };
    expect(
      (await call(cb.base, 'POST', '/api/teams/0/score/increment', undefined, own)).status,
    ).toBe(200);
    const dev = { origin: 'http://localhost:5173' };
    expect(
      (await call(cb.base, 'POST', '/api/teams/0/score/increment', undefined, dev)).status,
    ).toBe(200);
    // Reading stays possible: a browser does not let another site read the answer anyway.
    expect((await call(cb.base, 'GET', '/api/match', undefined, evil)).status).toBe(200);
  });
});
