// @vitest-environment node
// The generated fixtures must be messages the bridge accepts, or the browser tests prove nothing.
import { describe, expect, it } from 'vitest';
import {
  validateHello,
  validateMatch,
  validateServerMessage,
  validateState,
} from '../protocol/validate.ts';
import { makeBridgeStatus, makeHello, makeMatch, makeState } from './game-states.ts';

describe('overlay fixtures', () => {
  it.each([
    [1, 1],
    [2, 8],
    [16, 1],
  ])('%i ally teams × %i teams is a valid state', (allyTeams, teamsPerAlly) => {
    for (const fullView of [true, false]) {
      const result = validateState(makeState({ allyTeams, teamsPerAlly, fullView }));
      expect(result.ok ? 'valid' : result.error).toBe('valid');
    }
  });

  it('hello and match are valid', () => {
    const hello = validateHello(makeHello());
    expect(hello.ok ? 'valid' : hello.error).toBe('valid');
    const match = validateMatch(makeMatch());
    expect(match.ok ? 'valid' : match.error).toBe('valid');
    for (const live of [true, false]) {
      const status = validateServerMessage(makeBridgeStatus(live));
      expect(status.ok ? 'valid' : status.error).toBe('valid');
    }
  });
});
