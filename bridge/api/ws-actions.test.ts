// Actions over the WebSocket on a real bridge: a control client sends them, gets its answer alone,
// and every overlay gets the change as a match message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActionResultMessage,
  BridgeStatus,
  MatchMessage,
  ServerMessage,
} from '../../protocol/types.ts';
import { validateServerMessage } from '../../protocol/validate.ts';
import { JSON_BODY_MAX } from './http-io.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { call } from '../../test-support/api-call.ts';
import { startControlBridge, type ControlBridge } from '../../test-support/control-bridge.ts';

let cb: ControlBridge;
let control: OverlayClient;
let overlay: OverlayClient;

const isResult = (m: ServerMessage): m is ActionResultMessage => m.type === 'action_result';
const isMatch = (m: ServerMessage): m is MatchMessage => m.type === 'match';

/** Sends raw text from the control client and returns the answer to it. */
async function send(text: string): Promise<ActionResultMessage> {
  const from = control.messages.length;
  control.ws.send(text);
  return control.next(isResult, from);
}
const action = (body: object) =>
  send(JSON.stringify({ type: 'action', schema_version: 1, ...body }));

beforeAll(async () => {
  cb = await startControlBridge();
  control = await OverlayClient.connect(cb.bridge.httpPort, '?role=control');
  overlay = await OverlayClient.connect(cb.bridge.httpPort, '?role=overlay');
});
afterAll(async () => {
  await Promise.all([control.close(), overlay.close()]);
  await cb.close();
});

describe('WebSocket actions', () => {
  it('carries out an action, answers the sender, and tells every client', async () => {
    const from = overlay.messages.length;
    const result = await action({ id: 'a1', action: 'score', team: 1, delta: 2 });
    expect(result).toEqual({
      type: 'action_result',
      schema_version: 1,
      id: 'a1',
      ok: true,
      error: null,
    });
    const seen = await overlay.next(isMatch, from);
    expect(seen.match.teams[1]!.score).toBe(2);
    expect((await call(cb.base, 'GET', '/api/match')).body.teams[1].score).toBe(2);
  });

  it('has the same meaning as the HTTP API for every action', async () => {
    const steps: [object, (m: MatchMessage['match']) => unknown, unknown][] = [
      [{ action: 'update_match', fields: { tournament: 'Cup' } }, (m) => m.tournament, 'Cup'],
      [{ action: 'update_team', team: 0, fields: { name: 'A' } }, (m) => m.teams[0]!.name, 'A'],
      [{ action: 'swap' }, (m) => m.teams.map((t) => t.ally_team), [1, 0]],
      [{ action: 'panel', panel: 'compare' }, (m) => m.overlay.panels.compare, false],
      [{ action: 'theme', name: 'light' }, (m) => m.overlay.theme, 'light'],
      [{ action: 'auto_score', enabled: false }, (m) => m.auto_score, false],
      [{ action: 'add_team' }, (m) => m.teams.length, 3],
      [{ action: 'remove_team', team: 2 }, (m) => m.teams.length, 2],
      [{ action: 'next_game' }, (m) => m.last_auto_score, null],
    ];
    for (const [body, pick, expected] of steps) {
      expect(await action({ id: 7, ...body })).toMatchObject({ id: 7, ok: true });
      expect(pick((await call(cb.base, 'GET', '/api/match')).body)).toEqual(expected);
    }
    const from = overlay.messages.length;
    expect(await action({ action: 'reload_overlays' })).toMatchObject({ id: null, ok: true });
    await overlay.next((m) => m.type === 'reload', from);
  });

  const refusals: [string, string, unknown, string][] = [
    ['not JSON', '{"type":', null, 'message is not JSON: '],
    [
      'an unknown action',
      '{"type":"action","schema_version":1,"id":"x","action":"nuke"}',
      'x',
      'unknown action "nuke"',
    ],
    [
      'a wrong type',
      '{"type":"action","schema_version":1,"id":3,"action":"score","team":0,"delta":"1"}',
      3,
      '/delta must be integer',
    ],
    [
      'a missing team',
      '{"type":"action","schema_version":1,"id":4,"action":"score","team":9,"delta":1}',
      4,
      'no team 9 (there are 2)',
    ],
    [
      'nothing to undo',
      '{"type":"action","schema_version":1,"action":"undo_auto_score"}',
      null,
      'no automatic score to undo',
    ],
    [
      'an unknown source',
      '{"type":"action","schema_version":1,"action":"select_source","source":"s9"}',
      null,
      'no source "s9"',
    ],
    ['no envelope', '{"action":"next_game"}', null, "/ must have required property 'type'"],
    [
      'a huge message',
      JSON.stringify({ pad: 'x'.repeat(JSON_BODY_MAX) }),
      null,
      'message is larger than 65536 bytes',
    ],
  ];
  it.each(refusals)(
    'answers %s with the reason, to the sender only',
    async (_n, text, id, reason) => {
      const overlaySaw = overlay.messages.length;
      const result = await send(text);
      expect(result).toMatchObject({ ok: false, id });
      expect(result.error).toContain(reason);
      expect(overlay.messages.slice(overlaySaw).filter(isResult)).toEqual([]);
    },
  );

  it('ignores actions from overlays', async () => {
    const before = (await call(cb.base, 'GET', '/api/match')).body;
    const from = overlay.messages.length;
    overlay.ws.send(
      JSON.stringify({ type: 'action', schema_version: 1, action: 'score', team: 0, delta: 1 }),
    );
    await action({ action: 'panel', panel: 'events', visible: true }); // a round trip after it
    expect(overlay.messages.slice(from).filter(isResult)).toEqual([]);
    expect((await call(cb.base, 'GET', '/api/match')).body.teams[0].score).toBe(
      before.teams[0].score,
    );
  });
});

describe('the status a control page gets', () => {
  it('lists the clients and the delay in its bridge messages, which overlays get without them', async () => {
    const isBridge = (m: ServerMessage): m is BridgeStatus => m.type === 'bridge';
    const late = await OverlayClient.connect(cb.bridge.httpPort, '?role=overlay&page=series');
    const seen = await control.next(
      (m) => isBridge(m) && !!m.control?.clients.some((c) => c.page === 'series'),
    );
    await late.close();
    expect(validateServerMessage(seen)).toMatchObject({ ok: true });
    const { control: status } = seen as BridgeStatus;
    expect(status!.clients.map((c) => c.role).sort()).toEqual(['control', 'overlay', 'overlay']);
    expect(status!.delay).toEqual({ seconds: 0, minimum_seconds: 0, live_game_seconds: null });
    expect(Math.abs(status!.now - Date.now())).toBeLessThan(5_000);
    const overlays = [...overlay.messages, ...late.messages].filter(isBridge);
    expect(overlays.length).toBeGreaterThan(0);
    expect(overlays.every((m) => m.control === undefined)).toBe(true);
  });
});
