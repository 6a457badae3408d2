// OBS scene automation (--obs): switches OBS's program scene on the live game's events, by the
// caster's rules in the match data (match.obs_scenes). It hears the game as the bridge lets it out,
// so with a bridge-wide delay the scenes follow the delayed game. Routes: GET /api/obs (the link's
// status, never the password) and PUT /api/obs/password. Every change of the link goes to clients
// as an `obs` message.
import type { BridgePlugin } from '../bridge.ts';
import { sendJson, type RouteHandler } from '../http-server.ts';
import { BodyError, JSON_BODY_MAX, parseJsonBody, readBody, sendError } from '../api/http-io.ts';
import type { Match, ObsStatus } from '../../protocol/types.ts';
import { ObsLink } from './obs-link.ts';
import { sceneFor, triggerOf, type SceneTrigger } from './scene-rules.ts';

export interface ObsOptions {
  /** The obs-websocket address, or null: the routes then say automation is off. */
  url: string | null;
  password: string | null;
}

const OFF: ObsStatus = {
  type: 'obs',
  schema_version: 1,
  url: null,
  state: 'off',
  error: null,
  password_set: false,
  scenes: [],
  current_scene: null,
  retry_at: null,
};

const PASSWORD_MAX = 256;

export function obsPlugin(options: ObsOptions): BridgePlugin {
  return (bridge) => {
    const link = options.url
      ? new ObsLink({
          url: options.url,
          password: options.password,
          logger: bridge.logger,
          onChange: () => bridge.fanout.broadcast(link!.status()),
        })
      : null;
    link?.start();
    const status = (): ObsStatus => link?.status() ?? OFF;

    let match: Match | null = null;
    let gameOverTimer: NodeJS.Timeout | undefined;
    const fire = (trigger: SceneTrigger): void => {
      // Anything that happens after a game over (a new game, the caster's next game) wins over
      // its pending switch.
      clearTimeout(gameOverTimer);
      const scene = sceneFor(match?.obs_scenes, trigger);
      if (!link || scene === null) return;
      const after = trigger === 'game_over' ? (match?.obs_scenes?.game_over_after_s ?? 0) : 0;
      const go = () => void link.switchTo(scene, trigger.replace('_', ' '));
      if (after > 0) gameOverTimer = setTimeout(go, after * 1000);
      else go();
    };

    const stopLive = bridge.onLiveMessage((message) => {
      const trigger = triggerOf(message);
      if (trigger) fire(trigger);
    });
    const stopMatch = bridge.onMatch((next) => {
      const nextGame = match !== null && next.next_game_at !== match.next_game_at;
      match = next;
      if (nextGame) fire('next_game');
    });

    const route: RouteHandler = async (req, res, url) => {
      if (url.pathname === '/api/obs') {
        if (req.method === 'GET' || req.method === 'HEAD') sendJson(res, 200, status());
        else {
          res.setHeader('allow', 'GET, HEAD');
          sendError(res, 405, `${req.method} is not allowed here (allowed: GET, HEAD)`);
        }
        return true;
      }
      if (url.pathname !== '/api/obs/password') return false;
      if (req.method !== 'PUT') {
        res.setHeader('allow', 'PUT');
        sendError(res, 405, `${req.method} is not allowed here (allowed: PUT)`);
        return true;
      }
      try {
        const body = parseJsonBody(await readBody(req, JSON_BODY_MAX)) as { password?: unknown };
        const password = body?.password;
        const keys = body && typeof body === 'object' ? Object.keys(body) : [];
        if (
          keys.length !== 1 ||
          !(password === null || (typeof password === 'string' && password.length > 0))
        ) {
          throw new BodyError('send {"password": "…"} (or {"password": null} to forget it)');
        }
        if (typeof password === 'string' && password.length > PASSWORD_MAX) {
          throw new BodyError(`password is longer than ${PASSWORD_MAX} characters`);
        }
        if (!link) {
          sendError(res, 409, 'OBS automation is off: start the bridge with --obs ws://…');
          return true;
        }
        link.setPassword(password);
        sendJson(res, 200, link.status());
      } catch (error) {
        if (error instanceof BodyError) sendError(res, error.status, error.message);
        else throw error;
      }
      return true;
    };
    bridge.http.use(route);

    return async () => {
      stopLive();
      stopMatch();
      clearTimeout(gameOverTimer);
      await link?.close();
    };
  };
}
