import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  validateApiState,
  validateMatch,
  validateServerMessage,
  validateThemeList,
  validateWidgetMessage,
  type Validation,
} from './validate.ts';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8'));
const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'));
const widgetFixtures = fixtures.filter((f) => /^(hello|state|event|goodbye)/.test(f));

function errorOf(result: Validation<unknown>): string {
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.error;
}

describe('fixtures', () => {
  it.each(widgetFixtures)('%s is a valid widget message', (name) => {
    expect(validateWidgetMessage(fixture(name))).toMatchObject({ ok: true });
  });

  it.each(fixtures.filter((f) => f !== 'match.json'))('%s is a valid server message', (name) => {
    // Widget messages reach overlays unchanged but for received_at.
    const message = { ...fixture(name) };
    if (widgetFixtures.includes(name)) message.received_at = 1763780000000;
    expect(validateServerMessage(message)).toMatchObject({ ok: true });
  });

  it('match.json is a valid match document', () => {
    expect(validateMatch(fixture('match.json'))).toMatchObject({ ok: true });
  });
});

describe('widget messages that break the contract', () => {
  const state = () => structuredClone(fixture('state-1v1.json')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  const cases: [string, () => unknown, string][] = [
    ['a JSON array', () => [1, 2], 'not a JSON object'],
    ['null', () => null, 'not a JSON object'],
    ['an unknown type', () => ({ ...state(), type: 'status' }), 'unknown message type "status"'],
    ['no type', () => ({ seq: 1 }), 'unknown message type undefined'],
    ['another schema version', () => ({ ...state(), schema_version: 2 }), '/schema_version'],
    ['seq 0', () => ({ ...state(), seq: 0 }), '/seq must be >= 1'],
    ['a fractional frame', () => ({ ...state(), frame: 1.5 }), '/frame must be integer'],
    [
      'a number sent as a string (what tostring of nan gives)',
      () => {
        const s = state();
        s.teams[0].metal.income = 'nan';
        return s;
      },
      '/teams/0/metal/income must be number,null',
    ],
    [
      'a colour that is not #rrggbb',
      () => {
        const s = state();
        s.teams[1].color = 'red';
        return s;
      },
      '/teams/1/color must match pattern',
    ],
    [
      'an unknown faction',
      () => {
        const s = state();
        s.teams[0].faction = 'scavengers';
        return s;
      },
      '/teams/0/faction must be equal to one of the allowed values',
    ],
    [
      'an unexpected field (typo)',
      () => {
        const s = state();
        s.teams[0].armyValue = 5;
        return s;
      },
      'must NOT have additional properties (armyValue)',
    ],
    [
      'a missing required field',
      () => {
        const s = state();
        delete s.players;
        return s;
      },
      "must have required property 'players'",
    ],
    ['an unknown phase', () => ({ ...state(), phase: 'paused' }), '/phase'],
    [
      'an event of unknown kind',
      () => ({ ...fixture('event-team-died.json'), event: 'nuke_launched' }),
      'event: ',
    ],
    [
      'an event missing its payload',
      () => {
        const e = fixture('event-unit-finished.json');
        delete e.cost;
        return e;
      },
      "must have required property 'cost'",
    ],
  ];

  it.each(cases)('rejects %s with a reason naming the fault', (_name, make, reason) => {
    const error = errorOf(validateWidgetMessage(make()));
    expect(error).toContain(reason);
    expect(error).not.toContain('\n');
  });

  it('accepts null for every metric the widget may not read', () => {
    expect(validateWidgetMessage(fixture('state-partial-view.json'))).toMatchObject({ ok: true });
  });
});

describe('match documents', () => {
  it('rejects a logo path outside /assets/', () => {
    const match = fixture('match.json') as { teams: { logo: string | null }[] };
    match.teams[0]!.logo = '/assets/../../etc/passwd';
    expect(errorOf(validateMatch(match))).toContain('/teams/0/logo');
  });

  it('rejects a negative series score', () => {
    const match = fixture('match.json') as { teams: { score: number }[] };
    match.teams[1]!.score = -1;
    expect(errorOf(validateMatch(match))).toContain('/teams/1/score must be >= 0');
  });
});

describe('HTTP API responses', () => {
  const client = {
    id: '3',
    role: 'overlay',
    peer: '127.0.0.1:50123',
    connected_at: 1763780000000,
    page: 'scoreboard',
    user_agent: null,
    delay_s: 0,
  };
  const apiState = () => ({
    now: 1763780001000,
    bridge: fixture('bridge-status.json'),
    clients: [client],
    delay: { seconds: 0, minimum_seconds: 0, live_game_seconds: null },
  });
  const theme = { name: 'neon', display_name: 'Neon', description: '', parent: 'default' };

  it('GET /api/state and GET /api/themes answer with their schemas', () => {
    expect(validateApiState(apiState())).toMatchObject({ ok: true });
    expect(validateThemeList([theme, { ...theme, name: 'default', parent: null }])).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [
      'a client of an unknown role',
      () => validateApiState({ ...apiState(), clients: [{ ...client, role: 'admin' }] }),
      '/clients/0/role',
    ],
    [
      'a delay without its floor',
      () => validateApiState({ ...apiState(), delay: { seconds: 0, live_game_seconds: 1 } }),
      "/delay must have required property 'minimum_seconds'",
    ],
    [
      'a theme named outside a-z, 0-9, - and _',
      () => validateThemeList([{ ...theme, name: 'Neon!' }]),
      '/0/name',
    ],
    [
      'a theme without its display name',
      () => validateThemeList([{ name: 'x', description: '', parent: null }]),
      "/0 must have required property 'display_name'",
    ],
  ])('%s is refused', (_what, validate, reason) => {
    expect(errorOf(validate())).toContain(reason);
  });
});
