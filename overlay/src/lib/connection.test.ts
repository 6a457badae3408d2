import { describe, expect, it } from 'vitest';
import {
  DISCONNECT_GRACE_MS as GRACE,
  connectionStatus,
  initialFacts,
  nextStatusChange,
  type ConnectionFacts,
} from './connection.ts';

const T = 1_000_000;
const live: ConnectionFacts = {
  socketOpen: true,
  socketSince: T,
  hasState: true,
  lastStateAt: T,
  fullView: true,
  gameOver: false,
};

describe('connectionStatus', () => {
  it('waits for data before any state, without alarm', () => {
    const f = { ...initialFacts(T), socketOpen: true };
    expect(connectionStatus(f, T + 60_000)).toEqual({ kind: 'waiting' });
  });

  it('is live with full view and partial without', () => {
    expect(connectionStatus(live, T)).toEqual({ kind: 'live' });
    expect(connectionStatus({ ...live, fullView: false }, T)).toEqual({ kind: 'partial' });
  });

  it('keeps the last status through a short bridge restart', () => {
    const down = { ...live, socketOpen: false, socketSince: T };
    expect(connectionStatus(down, T + GRACE - 1)).toEqual({ kind: 'live' });
    expect(connectionStatus(down, T + GRACE)).toEqual({ kind: 'disconnected', reason: 'bridge' });
  });

  it('says the bridge is unreachable when it never answered', () => {
    expect(connectionStatus(initialFacts(T), T + 100)).toEqual({ kind: 'waiting' });
    expect(connectionStatus(initialFacts(T), T + GRACE)).toMatchObject({ reason: 'bridge' });
  });

  it('flags a silent game after the grace, unless the game is over', () => {
    expect(connectionStatus(live, T + GRACE - 1)).toEqual({ kind: 'live' });
    expect(connectionStatus(live, T + GRACE)).toEqual({ kind: 'disconnected', reason: 'game' });
    expect(connectionStatus({ ...live, gameOver: true }, T + 10 * GRACE)).toEqual({ kind: 'live' });
  });

  it('flags a state that is not live at once', () => {
    const old = { ...live, lastStateAt: -Infinity };
    expect(connectionStatus(old, T)).toEqual({ kind: 'disconnected', reason: 'game' });
  });
});

describe('nextStatusChange', () => {
  it('is due when a grace period ends', () => {
    const down = { ...live, socketOpen: false, lastStateAt: T + 2000 };
    expect(nextStatusChange(down, T + 1000)).toBe(GRACE - 1000);
    expect(nextStatusChange(live, T + 500)).toBe(GRACE - 500);
  });
  it('is null when nothing is pending', () => {
    expect(nextStatusChange({ ...live, gameOver: true }, T)).toBeNull();
    expect(nextStatusChange({ ...live, hasState: false }, T)).toBeNull();
    expect(nextStatusChange({ ...live, socketOpen: false }, T + GRACE)).toBeNull();
  });
});
