// The HTTP JSON API under /api/ (docs/api.md): each route turns its URL and body into the same
// action the WebSocket takes, validated by the same schema, carried out by the same code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type RouteHandler } from '../http-server.ts';
import { validateClientMessage } from '../../protocol/validate.ts';
import type { LogoFiles } from '../match/logo-files.ts';
import { MatchError } from '../match/match-document.ts';
import { isPanel, PANELS } from '../../protocol/panels.ts';
import type { MatchStore } from '../match/match-store.ts';
import type { Actions } from './actions.ts';
import { LOGO_MAX_BYTES } from '../../protocol/limits.ts';
import type { ApiState } from '../../protocol/types.ts';
import type { MatchApiPort } from './match-api-port.ts';
import { BodyError, JSON_BODY_MAX, parseJsonBody, readBody, sendError } from './http-io.ts';

type Method = 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';
type Reply = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;
interface Route {
  path: RegExp;
  methods: Partial<Record<Method, Reply>>;
}

export interface ApiOptions {
  store: MatchStore;
  port: MatchApiPort;
  actions: Actions;
  /** Uploaded logos (`<data-dir>/assets`). */
  logos: LogoFiles;
  now?: () => number;
}

export function createApiRoute(options: ApiOptions): RouteHandler {
  const { store, port, actions } = options;
  const now = options.now ?? Date.now;

  /** Validates the action as the WebSocket would and answers with the new match or the refusal. */
  async function act(
    res: ServerResponse,
    action: Record<string, unknown>,
    bodyField?: string,
  ): Promise<void> {
    const checked = validateClientMessage({ type: 'action', schema_version: 1, ...action });
    if (!checked.ok) {
      // Name the fault by its place in the body, not in the action wrapped around it.
      const error = bodyField
        ? checked.error.replace(new RegExp(`^/${bodyField}(?=/| |$)`), '').replace(/^ /, '/ ')
        : checked.error;
      sendError(res, 400, error);
      return;
    }
    const outcome = await actions(checked.value);
    if (outcome.ok) sendJson(res, 200, outcome.match);
    else sendError(res, outcome.status, outcome.error);
  }

  /** A JSON object body holding only `allowed` fields; an empty body is an empty object. */
  async function bodyFields(
    req: IncomingMessage,
    allowed: readonly string[],
  ): Promise<Record<string, unknown>> {
    const body = parseJsonBody(await readBody(req, JSON_BODY_MAX));
    if (body === undefined) return {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BodyError('body must be a JSON object');
    }
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) {
        throw new BodyError(
          allowed.length === 0
            ? `this endpoint takes no body fields (got "${key}")`
            : `unknown field "${key}" (allowed: ${allowed.join(', ')})`,
        );
      }
    }
    return body as Record<string, unknown>;
  }

  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    const body = parseJsonBody(await readBody(req, JSON_BODY_MAX));
    if (body === undefined) throw new BodyError('body is empty: send a JSON object');
    return body;
  }

  /** The index of an existing team (the action checks again when it runs). */
  function teamIndex(param: string): number {
    const index = Number(param);
    const { teams } = store.get();
    if (!teams[index])
      throw new MatchError('not_found', `no team ${index} (there are ${teams.length})`);
    return index;
  }

  const simple = (action: string, allowed: readonly string[] = []): Reply => {
    return async (req, res) => act(res, { action, ...(await bodyFields(req, allowed)) });
  };

  const routes: Route[] = [
    {
      path: /^\/api\/match$/,
      methods: {
        GET: async (_req, res) => sendJson(res, 200, store.get()),
        PUT: async (req, res) =>
          act(res, { action: 'set_match', match: await jsonBody(req) }, 'match'),
        PATCH: async (req, res) =>
          act(res, { action: 'update_match', fields: await jsonBody(req) }, 'fields'),
      },
    },
    { path: /^\/api\/teams$/, methods: { POST: simple('add_team', ['ally_team']) } },
    {
      path: /^\/api\/teams\/(\d{1,3})$/,
      methods: {
        PATCH: async (req, res, [i]) =>
          act(
            res,
            { action: 'update_team', team: teamIndex(i!), fields: await jsonBody(req) },
            'fields',
          ),
        DELETE: async (req, res, [i]) => {
          await bodyFields(req, []);
          await act(res, { action: 'remove_team', team: teamIndex(i!) });
        },
      },
    },
    {
      path: /^\/api\/teams\/(\d{1,3})\/score\/(increment|decrement)$/,
      methods: {
        POST: async (req, res, [i, way]) => {
          await bodyFields(req, []);
          await act(res, {
            action: 'score',
            team: teamIndex(i!),
            delta: way === 'increment' ? 1 : -1,
          });
        },
      },
    },
    {
      path: /^\/api\/teams\/(\d{1,3})\/logo$/,
      methods: {
        POST: async (req, res, [i]) => {
          let bytes: Buffer;
          try {
            bytes = await readBody(req, LOGO_MAX_BYTES);
          } catch (err) {
            if (err instanceof BodyError && err.status === 413) {
              throw new BodyError(`logo is larger than ${LOGO_MAX_BYTES} bytes (2 MB)`, 413);
            }
            throw err;
          }
          // Nothing is written for a team that does not exist.
          const team = teamIndex(i!);
          await options.logos.upload(bytes, (logo) =>
            act(res, { action: 'update_team', team, fields: { logo } }),
          );
        },
        DELETE: async (req, res, [i]) => {
          await bodyFields(req, []);
          await act(res, { action: 'update_team', team: teamIndex(i!), fields: { logo: null } });
        },
      },
    },
    { path: /^\/api\/swap$/, methods: { POST: simple('swap', ['teams']) } },
    {
      path: /^\/api\/panels\/([a-z]+)$/,
      methods: {
        POST: async (req, res, [panel]) => {
          if (!isPanel(panel!)) {
            throw new MatchError('not_found', `no panel "${panel}" (panels: ${PANELS.join(', ')})`);
          }
          const fields = await bodyFields(req, ['visible']);
          await act(res, { action: 'panel', panel, ...fields });
        },
      },
    },
    {
      path: /^\/api\/theme$/,
      methods: {
        GET: async (_req, res) => sendJson(res, 200, { name: store.get().overlay.theme }),
        PUT: async (req, res) => {
          const fields = await bodyFields(req, ['name']);
          if (!('name' in fields)) throw new BodyError('send {"name": "THEME"} or {"name": null}');
          await act(res, { action: 'theme', ...fields });
        },
      },
    },
    { path: /^\/api\/auto-score$/, methods: { POST: simple('auto_score', ['enabled']) } },
    { path: /^\/api\/next-game$/, methods: { POST: simple('next_game') } },
    { path: /^\/api\/undo-auto-score$/, methods: { POST: simple('undo_auto_score') } },
    { path: /^\/api\/overlays\/reload$/, methods: { POST: simple('reload_overlays') } },
    {
      path: /^\/api\/sources\/([^/]+)\/select$/,
      methods: {
        POST: async (req, res, [id]) => {
          await bodyFields(req, []);
          await act(res, { action: 'select_source', source: decodeURIComponent(id!) });
        },
      },
    },
    {
      path: /^\/api\/state$/,
      methods: {
        GET: async (_req, res) => {
          const state: ApiState = {
            now: now(),
            bridge: port.status(),
            clients: port.clients(),
            delay: port.delay(),
          };
          sendJson(res, 200, state);
        },
      },
    },
  ];

  return async (req, res, url) => {
    for (const route of routes) {
      const found = route.path.exec(url.pathname);
      if (!found) continue;
      const method = (req.method === 'HEAD' ? 'GET' : req.method) as Method;
      const reply = route.methods[method];
      if (!reply) {
        const allow = Object.keys(route.methods);
        if (allow.includes('GET')) allow.push('HEAD');
        res.setHeader('allow', allow.join(', '));
        sendError(res, 405, `${req.method} is not allowed here (allowed: ${allow.join(', ')})`);
        return true;
      }
      try {
        await reply(req, res, found.slice(1));
      } catch (err) {
        if (err instanceof BodyError) sendError(res, err.status, err.message);
        else if (err instanceof MatchError)
          sendError(res, err.kind === 'not_found' ? 404 : 400, err.message);
        else if (err instanceof URIError) sendError(res, 400, 'malformed URL');
        else throw err;
      }
      return true;
    }
    return false;
  };
}
