// Bad input to every write endpoint and every WebSocket action on a real bridge: each is refused
// with a one-line reason, and the match document, served and on disk, stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionResultMessage, ServerMessage } from '../../protocol/types.ts';
import { defaultMatch } from '../match/match-document.ts';
import { pngBytes } from '../../test-support/logo-images.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { sampleHello } from '../../test-support/sample-messages.ts';
import { waitFor } from '../../test-support/wait.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import { call } from '../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../test-support/control-bridge.ts';
import { LOGO_MAX_BYTES } from '../../protocol/limits.ts';
import { JSON_BODY_MAX } from './http-io.ts';

let cb: ControlBridge;
let control: OverlayClient;
let widget: WidgetSocket;
let source: string;

beforeAll(async () => {
  cb = await startControlBridge();
  control = await OverlayClient.connect(cb.bridge.httpPort, '?role=control');
  widget = await WidgetSocket.connect(cb.bridge.tcpPort);
  widget.send(sampleHello());
  source = (await waitFor('a live source', () => cb.bridge.status().source)).id;
  // A document with something in every field, so a change would show.
  const answer = await call(cb.base, 'PUT', '/api/match', {
    ...defaultMatch(),
    tournament: 'Cup',
    casters: [{ name: 'Alex', handle: '@alex' }],
    last_auto_score: { ally_team: 1, at: 1, team: 1, game: 'Map@1' },
  });
  expect(answer.status).toBe(200);
});
afterAll(async () => {
  await Promise.all([control.close(), widget.close()]);
  await cb.close();
});

/** The document as served and as saved, and the uploaded files. */
async function everything(): Promise<unknown> {
  const assets = await readdir(path.join(cb.dataDir, 'assets'));
  return {
    served: (await call(cb.base, 'GET', '/api/match')).body,
    saved: JSON.parse(await readFile(path.join(cb.dataDir, 'match.json'), 'utf8')),
    assets,
  };
}

const huge = JSON.stringify({ tournament: 'x'.repeat(JSON_BODY_MAX) });
const NOT_JSON = /^body is not JSON: /;
const NOT_OBJECT = 'body must be a JSON object';
const NO_FIELDS = /^this endpoint takes no body fields \(got "\w+"\)$/;
const TOO_LARGE = `body is larger than ${JSON_BODY_MAX} bytes`;

/** [endpoint or action, what is wrong, body or message, the reason given] */
type Case = [string, string, string, RegExp | string];

/** Refusals every endpoint taking an optional object of fields gives. */
const objectBodies = (endpoint: string, unknown: RegExp | string): Case[] => [
  [endpoint, 'not JSON', '{"oops', NOT_JSON],
  [endpoint, 'an array', '[1]', NOT_OBJECT],
  [endpoint, 'a string', '"text"', NOT_OBJECT],
  [endpoint, 'null', 'null', NOT_OBJECT],
  [endpoint, 'an unknown field', '{"zzz": 1}', unknown],
  [endpoint, 'an oversize body', huge, TOO_LARGE],
];

const httpCases: Case[] = [
  ['PUT /api/match', 'not JSON', '{"oops', NOT_JSON],
  ['PUT /api/match', 'an empty body', '', 'body is empty: send a JSON object'],
  ['PUT /api/match', 'an array', '[]', '/ must be object'],
  ['PUT /api/match', 'null', 'null', '/ must be object'],
  [
    'PUT /api/match',
    'a wrong type',
    JSON.stringify({ ...defaultMatch(), best_of: '5' }),
    '/best_of must be integer',
  ],
  [
    'PUT /api/match',
    'a missing field',
    JSON.stringify({ ...defaultMatch(), teams: undefined }),
    "/ must have required property 'teams'",
  ],
  [
    'PUT /api/match',
    'an unknown field',
    JSON.stringify({ ...defaultMatch(), extra: 1 }),
    '/ must NOT have additional properties (extra)',
  ],
  [
    'PUT /api/match',
    'two entries on one ally team',
    JSON.stringify({
      ...defaultMatch(),
      teams: [defaultMatch().teams[0], defaultMatch().teams[0]],
    }),
    '/teams/1/ally_team 0 is already bound to team 0',
  ],
  ['PUT /api/match', 'an oversize body', huge, TOO_LARGE],
  ['PATCH /api/match', 'not JSON', '{"oops', NOT_JSON],
  ['PATCH /api/match', 'an empty body', '', 'body is empty: send a JSON object'],
  ['PATCH /api/match', 'an array', '[]', '/ must be object'],
  ['PATCH /api/match', 'no field', '{}', '/ must NOT have fewer than 1 properties'],
  ['PATCH /api/match', 'a wrong type', '{"casters": "Alex"}', '/casters must be array'],
  [
    'PATCH /api/match',
    'a caster missing a field',
    '{"casters": [{"name": "A"}]}',
    "/casters/0 must have required property 'handle'",
  ],
  [
    'PATCH /api/match',
    'an unknown field',
    '{"teams": []}',
    '/ must NOT have additional properties (teams)',
  ],
  ['PATCH /api/match', 'an oversize body', huge, TOO_LARGE],
  ['PATCH /api/teams/0', 'not JSON', '{"oops', NOT_JSON],
  ['PATCH /api/teams/0', 'an empty body', '', 'body is empty: send a JSON object'],
  ['PATCH /api/teams/0', 'a string', '"Armada"', '/ must be object'],
  ['PATCH /api/teams/0', 'no field', '{}', '/ must NOT have fewer than 1 properties'],
  ['PATCH /api/teams/0', 'a wrong type', '{"score": "3"}', '/score must be integer'],
  [
    'PATCH /api/teams/0',
    'an unknown field',
    '{"players": []}',
    '/ must NOT have additional properties (players)',
  ],
  ['PATCH /api/teams/0', 'an oversize body', huge, TOO_LARGE],
  ['PATCH /api/teams/9', 'a missing team', '{"name": "A"}', 'no team 9 (there are 2)'],
  ['PUT /api/theme', 'no name', '{}', 'send {"name": "THEME"} or {"name": null}'],
  ['PUT /api/theme', 'an empty body', '', 'send {"name": "THEME"} or {"name": null}'],
  ['PUT /api/theme', 'a wrong type', '{"name": 5}', '/name must be string,null'],
  ['PUT /api/theme', 'a theme that does not exist', '{"name": "neon"}', 'no theme "neon"'],
  ['POST /api/teams', 'a wrong type', '{"ally_team": "2"}', '/ally_team must be integer'],
  ['POST /api/swap', 'a wrong type', '{"teams": "0,1"}', '/teams must be array'],
  ['POST /api/swap', 'one team', '{"teams": [0]}', '/teams must NOT have fewer than 2 items'],
  ['POST /api/swap', 'a missing team', '{"teams": [0, 5]}', 'no team 5 (there are 2)'],
  ['POST /api/panels/events', 'a wrong type', '{"visible": "yes"}', '/visible must be boolean'],
  [
    'POST /api/panels/minimap',
    'a missing panel',
    '',
    'no panel "minimap" (panels: scoreboard, resources, compare, events, postgame, series)',
  ],
  ['POST /api/auto-score', 'a wrong type', '{"enabled": 1}', '/enabled must be boolean'],
  ['POST /api/teams/9/score/increment', 'a missing team', '', 'no team 9 (there are 2)'],
  ['DELETE /api/teams/9', 'a missing team', '', 'no team 9 (there are 2)'],
  ['POST /api/sources/nope/select', 'a missing source', '', 'no source "nope"'],
  // Endpoints taking some optional fields.
  ...objectBodies('PUT /api/theme', 'unknown field "zzz" (allowed: name)'),
  ...objectBodies('POST /api/teams', 'unknown field "zzz" (allowed: ally_team)'),
  ...objectBodies('POST /api/swap', 'unknown field "zzz" (allowed: teams)'),
  ...objectBodies('POST /api/panels/events', 'unknown field "zzz" (allowed: visible)'),
  ...objectBodies('POST /api/auto-score', 'unknown field "zzz" (allowed: enabled)'),
  // Endpoints taking no body: what a Stream Deck button sends.
  ...[
    'DELETE /api/teams/1',
    'POST /api/teams/0/score/increment',
    'POST /api/teams/0/score/decrement',
    'DELETE /api/teams/0/logo',
    'POST /api/undo-auto-score',
    'POST /api/next-game',
    'POST /api/overlays/reload',
    'POST /api/sources/SOURCE/select',
  ].flatMap((endpoint) => objectBodies(endpoint, NO_FIELDS)),
];

describe('every write endpoint refuses bad input', () => {
  it.each(httpCases)(
    '%s with %s → 400/404/413, one line, nothing changed',
    async (endpoint, _what, body, reason) => {
      const [method, target] = endpoint.replace('SOURCE', source).split(' ') as [string, string];
      const before = await everything();
      const answer = await call(cb.base, method, target, body);
      expect(answer.status).toBe(
        reason === TOO_LARGE ? 413 : /^no (team|panel|source) /.test(answer.body.error) ? 404 : 400,
      );
      expect(answer.body.error).toMatch(
        typeof reason === 'string' ? new RegExp(`^${escape(reason)}$`) : reason,
      );
      expect(answer.body.error).not.toMatch(/\n/);
      expect(await everything()).toEqual(before);
    },
  );

  const png = { 'content-type': 'image/png' };
  it.each([
    [
      'a non-image',
      Buffer.from('<svg onload="alert(1)"/>'),
      0,
      400,
      'logo is not a PNG, JPEG or WebP image',
    ],
    ['an empty body', Buffer.alloc(0), 0, 400, 'logo is empty'],
    [
      'an oversize image',
      Buffer.concat([pngBytes(), Buffer.alloc(LOGO_MAX_BYTES)]),
      0,
      413,
      `logo is larger than ${LOGO_MAX_BYTES} bytes (2 MB)`,
    ],
    ['a team that does not exist', pngBytes(), 9, 404, 'no team 9 (there are 2)'],
  ] as const)(
    'POST /api/teams/N/logo with %s → refused, nothing written',
    async (_what, bytes, team, status, reason) => {
      const before = await everything();
      const answer = await call(cb.base, 'POST', `/api/teams/${team}/logo`, bytes, png);
      expect([answer.status, answer.body.error]).toEqual([status, reason]);
      expect(await everything()).toEqual(before);
    },
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const isResult = (m: ServerMessage): m is ActionResultMessage => m.type === 'action_result';
async function send(text: string): Promise<ActionResultMessage> {
  const from = control.messages.length;
  control.ws.send(text);
  return control.next(isResult, from);
}
const action = (fields: Record<string, unknown>) =>
  JSON.stringify({ type: 'action', schema_version: 1, id: 'bad', ...fields });

const wsCases: Case[] = [
  ['-', 'not JSON', '{"type":', /^message is not JSON: /],
  ['-', 'an array', '[1]', '/ must be object'],
  ['-', 'null', 'null', '/ must be object'],
  ['-', 'a string', '"score"', '/ must be object'],
  ['-', 'no envelope', '{"action":"next_game"}', "/ must have required property 'type'"],
  [
    '-',
    'a wrong schema version',
    JSON.stringify({ type: 'action', schema_version: 2, action: 'next_game' }),
    /^\/schema_version must be equal to constant/,
  ],
  ['-', 'an unknown action', action({ action: 'nuke' }), 'unknown action "nuke"'],
  ['-', 'no action', action({}), "/ must have required property 'action'"],
  [
    '-',
    'an oversize message',
    JSON.stringify({ pad: 'x'.repeat(JSON_BODY_MAX) }),
    `message is larger than ${JSON_BODY_MAX} bytes`,
  ],
  [
    'set_match',
    'a missing field',
    action({ action: 'set_match' }),
    "/ must have required property 'match'",
  ],
  [
    'set_match',
    'a wrong type',
    action({ action: 'set_match', match: { ...defaultMatch(), best_of: '5' } }),
    '/match/best_of must be integer',
  ],
  [
    'set_match',
    'two entries on one ally team',
    action({
      action: 'set_match',
      match: { ...defaultMatch(), teams: [defaultMatch().teams[0], defaultMatch().teams[0]] },
    }),
    '/teams/1/ally_team 0 is already bound to team 0',
  ],
  [
    'update_match',
    'a missing field',
    action({ action: 'update_match' }),
    "/ must have required property 'fields'",
  ],
  [
    'update_match',
    'a wrong type',
    action({ action: 'update_match', fields: { best_of: '5' } }),
    '/fields/best_of must be integer',
  ],
  [
    'update_match',
    'no field',
    action({ action: 'update_match', fields: {} }),
    '/fields must NOT have fewer than 1 properties',
  ],
  [
    'update_team',
    'a missing field',
    action({ action: 'update_team', fields: { name: 'A' } }),
    "/ must have required property 'team'",
  ],
  [
    'update_team',
    'a wrong type',
    action({ action: 'update_team', team: '0', fields: { name: 'A' } }),
    '/team must be integer',
  ],
  [
    'update_team',
    'a missing team',
    action({ action: 'update_team', team: 9, fields: { name: 'A' } }),
    'no team 9 (there are 2)',
  ],
  [
    'add_team',
    'a wrong type',
    action({ action: 'add_team', ally_team: 'two' }),
    '/ally_team must be integer',
  ],
  [
    'add_team',
    'a taken ally team',
    action({ action: 'add_team', ally_team: 1 }),
    'ally team 1 already has an entry',
  ],
  [
    'remove_team',
    'a missing field',
    action({ action: 'remove_team' }),
    "/ must have required property 'team'",
  ],
  [
    'remove_team',
    'a wrong type',
    action({ action: 'remove_team', team: null }),
    '/team must be integer',
  ],
  [
    'score',
    'a missing field',
    action({ action: 'score', team: 0 }),
    "/ must have required property 'delta'",
  ],
  [
    'score',
    'a wrong type',
    action({ action: 'score', team: 0, delta: '1' }),
    '/delta must be integer',
  ],
  [
    'score',
    'a delta out of range',
    action({ action: 'score', team: 0, delta: 100 }),
    '/delta must be <= 99',
  ],
  ['swap', 'a wrong type', action({ action: 'swap', teams: 'both' }), '/teams must be array'],
  [
    'swap',
    'the same team twice',
    action({ action: 'swap', teams: [1, 1] }),
    'cannot swap team 1 with itself',
  ],
  [
    'panel',
    'a missing field',
    action({ action: 'panel' }),
    "/ must have required property 'panel'",
  ],
  [
    'panel',
    'a wrong type',
    action({ action: 'panel', panel: 'events', visible: 'no' }),
    '/visible must be boolean',
  ],
  [
    'panel',
    'an unknown panel',
    action({ action: 'panel', panel: 'minimap' }),
    /^\/panel must be equal to one of the allowed values/,
  ],
  ['theme', 'a missing field', action({ action: 'theme' }), "/ must have required property 'name'"],
  ['theme', 'a wrong type', action({ action: 'theme', name: 5 }), '/name must be string,null'],
  [
    'theme',
    'a theme that does not exist',
    action({ action: 'theme', name: 'neon' }),
    'no theme "neon"',
  ],
  [
    'auto_score',
    'a wrong type',
    action({ action: 'auto_score', enabled: 'yes' }),
    '/enabled must be boolean',
  ],
  [
    'undo_auto_score',
    'an unknown field',
    action({ action: 'undo_auto_score', team: 0 }),
    '/ must NOT have additional properties (team)',
  ],
  [
    'next_game',
    'an unknown field',
    action({ action: 'next_game', keep: true }),
    '/ must NOT have additional properties (keep)',
  ],
  [
    'reload_overlays',
    'an unknown field',
    action({ action: 'reload_overlays', page: 'x' }),
    '/ must NOT have additional properties (page)',
  ],
  [
    'select_source',
    'a missing field',
    action({ action: 'select_source' }),
    "/ must have required property 'source'",
  ],
  [
    'select_source',
    'a wrong type',
    action({ action: 'select_source', source: 1 }),
    '/source must be string',
  ],
  [
    'select_source',
    'a missing source',
    action({ action: 'select_source', source: 'c999' }),
    'no source "c999"',
  ],
];

describe('every WebSocket action refuses bad input', () => {
  it.each(wsCases)(
    '%s with %s → refused, one line, nothing changed',
    async (_action, _what, text, reason) => {
      const before = await everything();
      const result = await send(text);
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(
        typeof reason === 'string' ? new RegExp(`^${escape(reason)}$`) : reason,
      );
      expect(result.error).not.toMatch(/\n/);
      expect(await everything()).toEqual(before);
    },
  );

  it('covers every action of the schema', () => {
    const actions = new Set(wsCases.map(([name]) => name).filter((name) => name !== '-'));
    expect([...actions].sort()).toEqual(
      [
        'set_match',
        'update_match',
        'update_team',
        'add_team',
        'remove_team',
        'score',
        'swap',
        'panel',
        'theme',
        'auto_score',
        'undo_auto_score',
        'next_game',
        'reload_overlays',
        'select_source',
      ].sort(),
    );
  });
});
