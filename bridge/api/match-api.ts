// Everything the bridge mounts for caster control, built in one call: the match store in the data
// folder, the HTTP routes (/api/..., /assets/...), the WebSocket action handler, and the live-game
// hook (team entries from the game, automatic series score). Every change reaches every WebSocket
// client as a `match` message at once, and every later snapshot carries it.
import path from 'node:path';
import type { WidgetMessage } from '../../protocol/types.ts';
import type { RouteHandler } from '../http-server.ts';
import { createLiveMatch, type LiveSource } from '../match/live-match.ts';
import { openLogoFiles } from '../match/logo-files.ts';
import { createAssetRoute } from '../match/logos.ts';
import type { Logger } from '../logger.ts';
import { openMatchStore, type MatchStore } from '../match/match-store.ts';
import { createActions } from './actions.ts';
import { createApiRoute } from './http-api.ts';
import type { MatchApiPort } from './match-api-port.ts';
import { createControlMessageHandler, type ControlMessageHandler } from './ws-actions.ts';

export interface MatchApi {
  store: MatchStore;
  /** /api/... (match, teams, panels, theme, sources, state) and /assets/... (logos). */
  routes: RouteHandler[];
  /** For every message from a role=control WebSocket client; `reply` goes to that client only. */
  onControlMessage: ControlMessageHandler;
  /** For every valid message of the live widget source, in order. */
  onLiveMessage(message: WidgetMessage, source: LiveSource): void;
  /** Resolves once every change so far is saved and every logo file it made unused is deleted. */
  flush(): Promise<void>;
}

export async function createMatchApi(options: {
  dataDir: string;
  port: MatchApiPort;
  log: Pick<Logger, 'info' | 'warn'>;
}): Promise<MatchApi> {
  const { port, log } = options;
  const store = await openMatchStore({ dataDir: options.dataDir, log });
  port.setMatch(store.get());
  store.onChange((match) => port.setMatch(match));
  const actions = createActions(store, port);
  const assetsDir = path.join(options.dataDir, 'assets');
  const logos = await openLogoFiles({ assetsDir, store, log });
  const live = createLiveMatch({ store, log });
  return {
    store,
    routes: [createApiRoute({ store, port, actions, logos }), createAssetRoute(assetsDir)],
    onControlMessage: createControlMessageHandler(actions),
    onLiveMessage: (message, source) => live.handle(message, source),
    async flush() {
      await store.flush();
      await logos.flush();
    },
  };
}
