// The HTTP API on a real bridge: every endpoint, its refusals, what overlays receive, what lands on
// disk. Real sockets throughout: fetch for the API, ws clients as overlays, TCP widget sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Match, MatchMessage, ServerMessage } from '../../protocol/types.ts';
import { defaultMatch } from '../match/match-document.ts';
import { LOGO_MAX_BYTES } from '../../protocol/limits.ts';
import type { ApiState } from '../../protocol/types.ts';
import { pngBytes } from '../../test-support/logo-images.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { sampleGameOver, sampleHello, sampleState } from '../../test-support/sample-messages.ts';
import { waitFor } from '../../test-support/wait.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import { call } from '../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../test-support/control-bridge.ts';

let cb: ControlBridge;
let overlay: OverlayClient;

const isMatch = (m: ServerMessage): m is MatchMessage => m.type === 'match';
const api = (method: string, target: string, body?: unknown, headers?: Record<string, string>) =>
  call(cb.base, method, target, body, headers);
/** Runs a request and returns the match message overlays got for it. */
async function broadcastBy(request: () => Promise<{ status: number }>): Promise<Match> {
  const from = overlay.messages.length;
  const answer = await request();
  expect(answer.status).toBe(200);
  return (await overlay.next(isMatch, from)).match;
}
const onDisk = async (): Promise<Match> =>
  JSON.parse(await readFile(path.join(cb.dataDir, 'match.json'), 'utf8'));

beforeAll(async () => {
  cb = await startControlBridge();
  overlay = await OverlayClient.connect(cb.bridge.httpPort, '?role=overlay');
});
afterAll(async () => {
  await overlay.close();
  await cb.close();
});

describe('GET/PUT/PATCH /api/match', () => {
  it('starts with the defaults, which the snapshot carries too', async () => {
    expect(await api('GET', '/api/match')).toMatchObject({ status: 200, body: defaultMatch() });
    const snapshot = await overlay.next((m) => m.type === 'snapshot');
    expect(snapshot).toMatchObject({ match: defaultMatch() });
  });

  it('PUT replaces the document, tells overlays at once and saves it', async () => {
    const doc: Match = {
      ...defaultMatch(),
      tournament: 'BAR Spring Cup',
      stage: 'Grand final',
      best_of: 5,
      casters: [{ name: 'Alex', handle: '@alexcasts' }],
    };
    expect(await broadcastBy(() => api('PUT', '/api/match', doc))).toEqual(doc);
    expect(await onDisk()).toEqual(doc);
    expect((await api('GET', '/api/match')).body).toEqual(doc);
  });

  it('PATCH replaces the given top-level fields only', async () => {
    const match = await broadcastBy(() =>
      api('PATCH', '/api/match', { stage: 'Semi final', best_of: 3 }),
    );
    expect(match).toMatchObject({ tournament: 'BAR Spring Cup', stage: 'Semi final', best_of: 3 });
  });
});

describe('teams', () => {
  it('increments and decrements a score, clamped at 0, with no body needed', async () => {
    let match = await broadcastBy(() => api('POST', '/api/teams/0/score/increment'));
    expect(match.teams[0]!.score).toBe(1);
    match = await broadcastBy(() => api('POST', '/api/teams/0/score/decrement'));
    expect(match.teams[0]!.score).toBe(0);
    const clamped = await api('POST', '/api/teams/0/score/decrement');
    expect([clamped.status, clamped.body.teams[0].score]).toEqual([200, 0]);
  });

  it('refuses a missing team, a wrong method, and body fields it does not take', async () => {
    expect(await api('POST', '/api/teams/7/score/increment')).toMatchObject({
      status: 404,
      body: { error: 'no team 7 (there are 2)' },
    });
    expect((await api('POST', '/api/teams/123/score/increment')).status).toBe(404);
    const wrong = await api('GET', '/api/teams/0/score/increment');
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST']);
    expect(await api('POST', '/api/teams/0/score/increment', { by: 2 })).toMatchObject({
      status: 400,
      body: { error: 'this endpoint takes no body fields (got "by")' },
    });
    expect(await api('POST', '/api/teams/0/score/increment', '[1]')).toMatchObject({
      status: 400,
      body: { error: 'body must be a JSON object' },
    });
  });

  it('PATCH /api/teams/N edits name, tag and colour', async () => {
    const match = await broadcastBy(() =>
      api('PATCH', '/api/teams/1', { name: 'Cortex Crew', tag: 'COR', color: '#ff8800' }),
    );
    expect(match.teams[1]).toMatchObject({ name: 'Cortex Crew', tag: 'COR', color: '#ff8800' });
    const bad = await api('PATCH', '/api/teams/1', { color: 'orange' });
    expect([bad.status, bad.body.error]).toEqual([
      400,
      '/color must match pattern "^#[0-9a-fA-F]{6}$"',
    ]);
    expect((await api('PATCH', '/api/teams/1', { tag: 'TOOLONGTAG' })).body.error).toBe(
      '/tag must NOT have more than 8 characters',
    );
  });

  it('adds and removes entries', async () => {
    let match = await broadcastBy(() => api('POST', '/api/teams'));
    expect(match.teams.map((t) => t.ally_team)).toEqual([0, 1, 2]);
    expect(await api('POST', '/api/teams', { ally_team: 1 })).toMatchObject({
      status: 409,
      body: { error: 'ally team 1 already has an entry' },
    });
    match = await broadcastBy(() => api('DELETE', '/api/teams/2'));
    expect(match.teams).toHaveLength(2);
  });

  it('swaps sides: names and scores move with their team', async () => {
    await api('PATCH', '/api/teams/0', { name: 'Armada Kings', score: 2 });
    const match = await broadcastBy(() => api('POST', '/api/swap'));
    expect(match.teams.map((t) => [t.name, t.ally_team, t.score])).toEqual([
      ['Armada Kings', 1, 2],
      ['Cortex Crew', 0, 0],
    ]);
    expect((await api('POST', '/api/swap', { teams: [1, 0] })).body.teams[0].ally_team).toBe(0);
    expect(await api('POST', '/api/swap', { teams: [0, 0] })).toMatchObject({
      status: 400,
      body: { error: 'cannot swap team 0 with itself' },
    });
    expect((await api('POST', '/api/swap', { teams: [0] })).body.error).toBe(
      '/teams must NOT have fewer than 2 items',
    );
  });
});

describe('logos', () => {
  it('uploads a PNG, serves it from /assets/, and removes it', async () => {
    const bytes = pngBytes(16, 16);
    const match = await broadcastBy(() =>
      api('POST', '/api/teams/0/logo', bytes, { 'content-type': 'image/png' }),
    );
    const logo = match.teams[0]!.logo!;
    expect(logo).toMatch(/^\/assets\/[0-9a-f]{32}\.png$/);
    const res = await fetch(cb.base + logo);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect((await broadcastBy(() => api('DELETE', '/api/teams/0/logo'))).teams[0]!.logo).toBeNull();
  });

  it('refuses a non-image whatever its claimed type, and a file over 2 MB', async () => {
    const html = await api('POST', '/api/teams/0/logo', '<svg onload="alert(1)"/>', {
      'content-type': 'image/png',
    });
    expect(html).toMatchObject({
      status: 400,
      body: { error: 'logo is not a PNG, JPEG or WebP image' },
    });
    const huge = Buffer.concat([pngBytes(), Buffer.alloc(LOGO_MAX_BYTES)]);
    const big = await api('POST', '/api/teams/0/logo', huge, { 'content-type': 'image/png' });
    expect(big).toMatchObject({
      status: 413,
      body: { error: `logo is larger than ${LOGO_MAX_BYTES} bytes (2 MB)` },
    });
    expect((await api('GET', '/api/match')).body.teams[0].logo).toBeNull();
  });
});

describe('logo files', () => {
  const assets = async () => (await readdir(path.join(cb.dataDir, 'assets'))).sort();
  const upload = (team: number, bytes: Buffer) =>
    api('POST', `/api/teams/${team}/logo`, bytes, { 'content-type': 'image/png' });
  const fileOf = (logo: string) => logo.slice('/assets/'.length);

  it('refuses an upload for a team that does not exist before writing anything', async () => {
    const before = await assets();
    expect(await upload(7, pngBytes(7, 7))).toMatchObject({
      status: 404,
      body: { error: 'no team 7 (there are 2)' },
    });
    expect((await upload(123, pngBytes(7, 7))).status).toBe(404);
    expect(await assets()).toEqual(before);
  });

  it('deletes a replaced or removed logo once the document without it is saved', async () => {
    const first = (await upload(0, pngBytes(5, 5))).body.teams[0].logo as string;
    await upload(1, pngBytes(5, 5)); // the same picture for the other team
    const second = (await upload(0, pngBytes(6, 6))).body.teams[0].logo as string;
    // The first stays while team 1 shows it.
    await expect.poll(assets).toEqual([fileOf(first), fileOf(second)].sort());
    await api('DELETE', '/api/teams/1/logo');
    await expect.poll(assets).toEqual([fileOf(second)]);
    await api('PATCH', '/api/teams/0', { logo: null });
    await expect.poll(assets).toEqual([]);
    await upload(1, pngBytes(5, 5));
    await api('DELETE', '/api/teams/1'); // its team gone
    await api('POST', '/api/teams');
    await expect.poll(assets).toEqual([]);
    expect((await fetch(cb.base + first)).status).toBe(404);
  });
});

describe('overlay control', () => {
  it('toggles a panel, or sets it', async () => {
    let match = await broadcastBy(() => api('POST', '/api/panels/events'));
    expect(match.overlay.panels.events).toBe(false);
    match = await broadcastBy(() => api('POST', '/api/panels/events', { visible: true }));
    expect(match.overlay.panels.events).toBe(true);
    expect(await api('POST', '/api/panels/events', { visible: 'yes' })).toMatchObject({
      status: 400,
      body: { error: '/visible must be boolean' },
    });
    expect((await api('POST', '/api/panels/minimap')).status).toBe(404);
    expect(await api('GET', '/api/nothing-here')).toMatchObject({
      status: 404,
      body: { error: 'no API endpoint GET /api/nothing-here (see docs/api.md)' },
    });
  });

  it('sets and clears the theme', async () => {
    expect(
      (await broadcastBy(() => api('PUT', '/api/theme', { name: 'esports' }))).overlay.theme,
    ).toBe('esports');
    expect((await api('GET', '/api/theme')).body).toEqual({ name: 'esports' });
    expect(await api('PUT', '/api/theme', { name: 'neon' })).toMatchObject({
      status: 400,
      body: { error: 'no theme "neon"' },
    });
    expect(
      (await broadcastBy(() => api('PUT', '/api/theme', { name: null }))).overlay.theme,
    ).toBeNull();
    expect((await api('PUT', '/api/theme', {})).status).toBe(400);
    expect((await api('PUT', '/api/theme', { name: '../etc' })).body.error).toMatch(
      /^\/name must match pattern/,
    );
  });

  it('reloads every overlay', async () => {
    const from = overlay.messages.length;
    expect((await api('POST', '/api/overlays/reload')).status).toBe(200);
    expect(await overlay.next((m) => m.type === 'reload', from)).toEqual({
      type: 'reload',
      schema_version: 1,
    });
  });

  it('toggles automatic scoring', async () => {
    expect((await api('POST', '/api/auto-score')).body.auto_score).toBe(false);
    expect((await api('POST', '/api/auto-score', { enabled: true })).body.auto_score).toBe(true);
  });
});

describe('series from the live game', () => {
  it('a game over gives the winner a point; undo takes it back; next game clears it', async () => {
    await api('PUT', '/api/match', defaultMatch());
    expect(await api('POST', '/api/undo-auto-score')).toMatchObject({
      status: 409,
      body: { error: 'no automatic score to undo' },
    });
    const widget = await WidgetSocket.connect(cb.bridge.tcpPort);
    const hello = sampleHello();
    widget.send(hello);
    widget.send(sampleState());
    const over = sampleGameOver();
    const from = overlay.messages.length;
    widget.send(over);
    const scored = await overlay.next(
      (m): m is MatchMessage => isMatch(m) && m.match.last_auto_score !== null,
      from,
    );
    expect(scored.match.teams.map((t) => t.score)).toEqual([0, 1]);
    expect(scored.match.last_auto_score).toMatchObject({ ally_team: 1, team: 1 });
    widget.send({ ...over, seq: 4 }); // sent again: no second point
    await waitFor('the repeated game over', () => cb.bridge.status().source?.messages === 4);
    expect((await api('GET', '/api/match')).body.teams[1].score).toBe(1);

    const undone = await broadcastBy(() => api('POST', '/api/undo-auto-score'));
    expect([undone.teams[1]!.score, undone.last_auto_score]).toEqual([0, null]);
    await api('POST', '/api/teams/1/score/increment'); // the caster decides it by hand

    const before = overlay.messages.length;
    widget.send({ ...over, seq: 5, frame: 60000, winners: [0] }); // the next game
    const second = await overlay.next(
      (m): m is MatchMessage => isMatch(m) && m.match.last_auto_score !== null,
      before,
    );
    expect(second.match.teams.map((t) => t.score)).toEqual([1, 1]);
    const cleared = await broadcastBy(() => api('POST', '/api/next-game'));
    expect(cleared.last_auto_score).toBeNull();
    expect(cleared.next_game_at).toBeGreaterThan(second.match.last_auto_score!.at - 1);
    expect(cleared.teams.map((t) => t.score)).toEqual([1, 1]);
    // Armed: the next game over scores, even one that looks like the last (a replay cast again).
    const armed = overlay.messages.length;
    widget.send({ ...over, seq: 6, frame: 60000, winners: [0] });
    const third = await overlay.next(
      (m): m is MatchMessage => isMatch(m) && m.match.last_auto_score !== null,
      armed,
    );
    expect(third.match.teams.map((t) => t.score)).toEqual([2, 1]);
    await widget.close();
  });
});

describe('sources and state', () => {
  it('lists sources with their data age and picks the live one', async () => {
    const first = await WidgetSocket.connect(cb.bridge.tcpPort);
    first.send(sampleHello());
    await waitFor('a live source', () => cb.bridge.status().source);
    const firstId = cb.bridge.status().source!.id;
    const second = await WidgetSocket.connect(cb.bridge.tcpPort);
    second.send(sampleHello());
    await waitFor(
      'the second source to take over',
      () => cb.bridge.status().source?.id !== firstId,
    );

    const state = (await api('GET', '/api/state')).body as ApiState;
    expect(state.now).toBeGreaterThan(0);
    expect(state.bridge.sources.map((s) => s.id)).toContain(firstId);
    expect(state.clients.some((c) => c.role === 'overlay')).toBe(true);

    const picked = await api('POST', `/api/sources/${encodeURIComponent(firstId)}/select`);
    expect(picked.status).toBe(200);
    expect(cb.bridge.status().source?.id).toBe(firstId);
    expect(await api('POST', '/api/sources/nope/select')).toMatchObject({
      status: 404,
      body: { error: 'no source "nope"' },
    });
    await Promise.all([first.close(), second.close()]);
  });

  it('unknown API paths are 404', async () => {
    expect((await api('GET', '/api/nothing-here')).status).toBe(404);
  });
});

describe('a failed save', () => {
  it('answers 500 and goes live nowhere: overlays, GET and the disk keep the saved document', async () => {
    const other = await startControlBridge();
    const watcher = await OverlayClient.connect(other.bridge.httpPort, '?role=overlay');
    const moved = `${other.dataDir}.moved`;
    try {
      const before = (await call(other.base, 'GET', '/api/match')).body as Match;
      // A file where the data folder was: the write fails, even for root.
      await rename(other.dataDir, moved);
      await writeFile(other.dataDir, 'not a folder');
      const from = watcher.messages.length;
      const failed = await call(other.base, 'PATCH', '/api/match', { tournament: 'Never saved' });
      expect(failed.status).toBe(500);
      expect(failed.body.error).toMatch(/^could not save match data: ENOTDIR: .*match\.json/);
      // A message after it arrives after any match message the failed change could have sent.
      await call(other.base, 'POST', '/api/overlays/reload');
      await watcher.next((m) => m.type === 'reload', from);
      expect(watcher.messages.slice(from).filter(isMatch)).toEqual([]);
      expect((await call(other.base, 'GET', '/api/match')).body).toEqual(before);

      await rm(other.dataDir);
      await rename(moved, other.dataDir);
      expect(JSON.parse(await readFile(path.join(other.dataDir, 'match.json'), 'utf8'))).toEqual(
        before,
      );
      const next = watcher.messages.length;
      const saved = await call(other.base, 'PATCH', '/api/match', { stage: 'Saved' });
      expect([saved.status, saved.body.tournament]).toEqual([200, before.tournament]);
      expect((await watcher.next(isMatch, next)).match.stage).toBe('Saved');
    } finally {
      await watcher.close();
      await rm(moved, { recursive: true, force: true });
      await other.close();
    }
  });
});

describe('persistence', () => {
  it('a restarted bridge has every change', async () => {
    const last = (await api('PATCH', '/api/match', { tournament: 'Kept across restarts' }))
      .body as Match;
    await overlay.close();
    await cb.close(true);
    cb = await startControlBridge({ dataDir: cb.dataDir });
    overlay = await OverlayClient.connect(cb.bridge.httpPort, '?role=overlay');
    expect((await api('GET', '/api/match')).body).toEqual(last);
    expect(await overlay.next((m) => m.type === 'snapshot')).toMatchObject({ match: last });
  });

  it('a corrupt file is kept aside and replaced by the defaults, with one log line', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bar-corrupt-'));
    await writeFile(path.join(dataDir, 'match.json'), '{"tournament": "half a file');
    const other = await startControlBridge({ dataDir });
    try {
      expect((await call(other.base, 'GET', '/api/match')).body).toEqual(defaultMatch());
      const files = await readdir(dataDir);
      const backup = files.find((f) => f.startsWith('match.json.invalid-'));
      expect(backup).toBeDefined();
      expect(await readFile(path.join(dataDir, backup!), 'utf8')).toBe(
        '{"tournament": "half a file',
      );
      const warnings = other.logger.lines.filter((l) => l.includes('match data'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /WARN .*match\.json is invalid \(not JSON: .*\); kept it as .*, using defaults/,
      );
    } finally {
      await other.close();
    }
  });
});
