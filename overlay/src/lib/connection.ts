// What the overlay tells the caster about its data. A short outage (a bridge restart, a widget
// reconnect) shows nothing: the marker appears only after GRACE without data, and the last good
// values stay on screen meanwhile. A widget sends a state every game second, paused or not, so a
// few seconds without one means the game or the link is gone.

export type ConnectionStatus =
  | { kind: 'waiting' }
  | { kind: 'live' }
  | { kind: 'partial' }
  | { kind: 'disconnected'; reason: 'bridge' | 'game' };

export interface ConnectionFacts {
  socketOpen: boolean;
  /** When socketOpen last changed (epoch ms). */
  socketSince: number;
  hasState: boolean;
  /** When the last live state arrived (epoch ms); -Infinity for one that is not live. */
  lastStateAt: number;
  fullView: boolean;
  gameOver: boolean;
}

export const DISCONNECT_GRACE_MS = 4000;

export function initialFacts(now: number): ConnectionFacts {
  return {
    socketOpen: false,
    socketSince: now,
    hasState: false,
    lastStateAt: -Infinity,
    fullView: true,
    gameOver: false,
  };
}

export function connectionStatus(
  f: ConnectionFacts,
  now: number,
  graceMs = DISCONNECT_GRACE_MS,
): ConnectionStatus {
  if (!f.socketOpen && now - f.socketSince >= graceMs) {
    return { kind: 'disconnected', reason: 'bridge' };
  }
  if (!f.hasState) return { kind: 'waiting' };
  // After game over the widget stops; the final figures are no outage.
  if (f.socketOpen && !f.gameOver && now - f.lastStateAt >= graceMs) {
    return { kind: 'disconnected', reason: 'game' };
  }
  return f.fullView ? { kind: 'live' } : { kind: 'partial' };
}

/** Milliseconds until the status can change with no new input, or null if it cannot. */
export function nextStatusChange(
  f: ConnectionFacts,
  now: number,
  graceMs = DISCONNECT_GRACE_MS,
): number | null {
  const pending = [
    f.socketOpen ? -1 : f.socketSince + graceMs - now,
    f.hasState && !f.gameOver ? f.lastStateAt + graceMs - now : -1,
  ].filter((ms) => ms > 0);
  return pending.length ? Math.min(...pending) : null;
}
