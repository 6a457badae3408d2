// The bridge's connection to OBS (obs-websocket 5, through obs-websocket-js): connects, reads the
// scene list, switches the program scene, and when OBS is closed or refuses, tries again with
// capped exponential backoff. Nothing here throws at its caller or waits on OBS: a switch while
// OBS is away is dropped (and said so), never queued for later, so no stale switch fires on
// reconnect. The password is kept in memory only and never logged.
import { OBSWebSocket, OBSWebSocketError } from 'obs-websocket-js';
import type { Logger } from '../logger.ts';
import type { ObsStatus } from '../../protocol/types.ts';

export interface ObsLinkOptions {
  url: string;
  password: string | null;
  logger: Logger;
  /** Called after every change of what status() returns. */
  onChange(): void;
  minRetryMs?: number;
  maxRetryMs?: number;
}

/** obs-websocket's close code for a missing or wrong password. */
const AUTHENTICATION_FAILED = 4009;

/** Delay before reconnect attempt `attempt` (0-based): min·2^attempt, capped. */
export function retryDelay(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
}

export class ObsLink {
  readonly #options: ObsLinkOptions;
  readonly #obs = new OBSWebSocket();
  #password: string | null;
  #state: ObsStatus['state'] = 'connecting';
  #error: string | null = null;
  #scenes: string[] = [];
  #current: string | null = null;
  #retryAt: number | null = null;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ObsLinkOptions) {
    this.#options = options;
    this.#password = options.password;
    this.#obs.on('ConnectionClosed', (error) => this.#lost(error));
    this.#obs.on('SceneListChanged', ({ scenes }) => {
      this.#scenes = sceneNames(scenes);
      this.#options.onChange();
    });
    this.#obs.on('CurrentProgramSceneChanged', ({ sceneName }) => {
      this.#current = sceneName;
      this.#options.onChange();
    });
  }

  /** Connects for the first time (and from then on, again whenever the connection is lost). */
  start(): void {
    void this.#connect();
  }

  status(): ObsStatus {
    return {
      type: 'obs',
      schema_version: 1,
      url: this.#options.url,
      state: this.#state,
      error: this.#error,
      password_set: this.#password !== null,
      scenes: this.#scenes,
      current_scene: this.#current,
      retry_at: this.#retryAt,
    };
  }

  /** A new password (the control page's): connects again with it at once. */
  setPassword(password: string | null): void {
    this.#password = password;
    this.#attempt = 0;
    // Connected: closing makes #lost try again at once with it. Waiting: try now. Connecting:
    // should that attempt fail, the retry uses it.
    if (this.#state === 'connected') void this.#obs.disconnect();
    else if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.#connect();
    }
  }

  /** Switches OBS's program scene; false (and logged) when OBS is away or refuses. */
  async switchTo(scene: string, why: string): Promise<boolean> {
    if (this.#state !== 'connected') {
      this.#options.logger.warn(`OBS: not connected, so no switch to scene "${scene}" (${why})`);
      return false;
    }
    try {
      await this.#obs.call('SetCurrentProgramScene', { sceneName: scene });
      this.#options.logger.info(`OBS: switched to scene "${scene}" (${why})`);
      return true;
    } catch (error) {
      this.#options.logger.warn(`OBS: no switch to scene "${scene}" (${why}): ${message(error)}`);
      return false;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#obs.disconnect().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    this.#set('connecting', this.#error);
    try {
      await this.#obs.connect(this.#options.url, this.#password ?? undefined);
      const list = await this.#obs.call('GetSceneList');
      this.#scenes = sceneNames(list.scenes);
      this.#current = list.currentProgramSceneName;
      this.#attempt = 0;
      this.#retryAt = null;
      this.#options.logger.info(`OBS: connected to ${this.#options.url}`);
      this.#set('connected', null);
    } catch (error) {
      // connect() rejects after ConnectionClosed has scheduled the retry, or on its own (a
      // request failing right after): make sure a retry is set either way.
      this.#lost(error);
    }
  }

  #lost(error: unknown): void {
    if (this.#closed || this.#timer !== undefined) return;
    const wasConnected = this.#state === 'connected';
    const reason =
      error instanceof OBSWebSocketError && error.code === AUTHENTICATION_FAILED
        ? this.#password === null
          ? 'OBS asks for a password: enter it on the control page (or --obs-password)'
          : 'OBS refused the password'
        : `cannot reach OBS at ${this.#options.url}${wasConnected ? ' (it went away)' : ''}: ${message(error)}`;
    // A connection that was up (or closed for a new password) is tried again at once.
    const delay = wasConnected
      ? 0
      : retryDelay(
          this.#attempt++,
          this.#options.minRetryMs ?? 1_000,
          this.#options.maxRetryMs ?? 30_000,
        );
    this.#retryAt = Date.now() + delay;
    if (wasConnected || reason !== this.#error) this.#options.logger.warn(`OBS: ${reason}`);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#connect();
    }, delay);
    this.#set('waiting', reason);
  }

  #set(state: ObsStatus['state'], error: string | null): void {
    this.#state = state;
    this.#error = error;
    this.#options.onChange();
  }
}

function sceneNames(scenes: unknown[]): string[] {
  // OBS lists scenes bottom-up; the control page shows them as OBS's scene dock does.
  return scenes
    .map((scene) => (scene as { sceneName?: unknown }).sceneName)
    .filter((name): name is string => typeof name === 'string')
    .reverse();
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text || 'connection closed';
}
