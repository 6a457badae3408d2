// One place that carries out every caster action, whether it came over HTTP or the WebSocket, so
// both have exactly the same meaning and the same refusals.
import type { ClientMessage, Match } from '../../protocol/types.ts';
import { checkMatch, MatchError } from '../match/match-document.ts';
import {
  addTeam,
  adjustScore,
  nextGame,
  removeTeam,
  setAutoScore,
  setPanel,
  setTheme,
  swapSides,
  undoAutoScore,
  updateMatchFields,
  updateTeam,
} from '../match/match-edits.ts';
import type { MatchStore } from '../match/match-store.ts';
import type { MatchApiPort } from './match-api-port.ts';

export type ActionOutcome =
  { ok: true; match: Match } | { ok: false; status: 400 | 404 | 409 | 500; error: string };

export type Actions = (action: ClientMessage) => Promise<ActionOutcome>;

const STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;

export function createActions(
  store: MatchStore,
  port: MatchApiPort,
  now: () => number = Date.now,
): Actions {
  async function apply(action: ClientMessage): Promise<Match> {
    switch (action.action) {
      case 'set_match': {
        const checked = checkMatch(action.match);
        if (!checked.ok) throw new MatchError('invalid', checked.error);
        return store.update(() => checked.value);
      }
      case 'update_match':
        return store.update((m) => updateMatchFields(m, action.fields));
      case 'update_team':
        return store.update((m) => updateTeam(m, action.team, action.fields));
      case 'add_team':
        return store.update((m) => addTeam(m, action.ally_team));
      case 'remove_team':
        return store.update((m) => removeTeam(m, action.team));
      case 'score':
        return store.update((m) => adjustScore(m, action.team, action.delta));
      case 'swap': {
        const [a, b] = action.teams ?? [0, 1];
        return store.update((m) => swapSides(m, a, b));
      }
      case 'panel':
        return store.update((m) => setPanel(m, action.panel, action.visible));
      case 'theme':
        if (action.name !== null && port.themeExists && !(await port.themeExists(action.name))) {
          throw new MatchError('invalid', `no theme "${action.name}"`);
        }
        return store.update((m) => setTheme(m, action.name));
      case 'auto_score':
        return store.update((m) => setAutoScore(m, action.enabled));
      case 'next_game':
        return store.update((m) => nextGame(m, now()));
      case 'undo_auto_score':
        return store.update(undoAutoScore);
      case 'reload_overlays':
        port.broadcast({ type: 'reload', schema_version: 1 });
        return store.get();
      case 'select_source':
        if (!port.selectSource(action.source)) {
          throw new MatchError('not_found', `no source "${action.source}"`);
        }
        return store.get();
    }
  }

  return async (action) => {
    try {
      return { ok: true, match: await apply(action) };
    } catch (err) {
      if (err instanceof MatchError)
        return { ok: false, status: STATUS[err.kind], error: err.message };
      return { ok: false, status: 500, error: (err as Error).message };
    }
  };
}
