// The end-of-game screen's content: which game (the live one once it is over, else the last one
// put aside), the game in numbers per ally team, and awards in BAR's spirit, each to a player.
import type { FinishedGame, Match, State } from '../../../protocol/types.ts';
import { applyHistory, type GameHistory } from './history.ts';
import { allyTeamViews, sumKnown, type AllyTeamView, type TeamView } from './teams.ts';

export interface PostgameGame {
  state: State;
  history: GameHistory | null;
  map: string | null;
}

/** The live game when it is over, else the last finished game, else null. */
export function postgameGame(
  live: { state: State | null; history: GameHistory | null; map: string | null },
  lastGame: FinishedGame | null,
): PostgameGame | null {
  if (live.state?.phase === 'over')
    return { state: live.state, history: live.history, map: live.map };
  if (!lastGame) return null;
  return {
    state: lastGame.state,
    history: applyHistory(null, lastGame.history),
    map: lastGame.hello.game.map,
  };
}

export interface SideNumbers {
  ally: AllyTeamView;
  metalProduced: number | null;
  damageDealt: number | null;
  damageReceived: number | null;
  unitsKilled: number | null;
  unitsLost: number | null;
  /** The highest army value in the history or the final state. */
  armyPeak: number | null;
}

export function sideNumbers(game: PostgameGame, match: Match | null): SideNumbers[] {
  return allyTeamViews(game.state, match).map((ally) => {
    const sum = (pick: (t: TeamView) => number | null | undefined) =>
      sumKnown(ally.teams.map(pick));
    const army = [...(game.history?.allies.get(ally.id)?.army ?? []), ally.totals.armyValue];
    const known = army.filter((v): v is number => v !== null);
    return {
      ally,
      metalProduced: sum((t) => t.stats?.metal_produced),
      damageDealt: sum((t) => t.stats?.damage_dealt),
      damageReceived: sum((t) => t.stats?.damage_received),
      unitsKilled: sum((t) => t.stats?.units_killed),
      unitsLost: sum((t) => t.stats?.units_died),
      armyPeak: known.length ? Math.max(...known) : null,
    };
  });
}

export interface Award {
  title: string;
  player: string;
  color: string;
  value: number;
  unit: string;
}

const AWARDS: { title: string; unit: string; pick: (t: TeamView) => number | null | undefined }[] =
  [
    { title: 'Most damage dealt', unit: 'damage', pick: (t) => t.stats?.damage_dealt },
    { title: 'Best eco', unit: 'metal produced', pick: (t) => t.stats?.metal_produced },
    { title: 'Most units destroyed', unit: 'kills', pick: (t) => t.stats?.units_killed },
    { title: 'Biggest army', unit: 'army value', pick: (t) => t.armyValue },
  ];

/** Each award to the player (team) with the highest figure; none when nobody has one above 0. */
export function awards(allies: AllyTeamView[]): Award[] {
  const teams = allies.flatMap((a) => a.teams);
  return AWARDS.flatMap(({ title, unit, pick }) => {
    let best: TeamView | null = null;
    let bestValue = 0;
    for (const team of teams) {
      const v = pick(team);
      if (v != null && v > bestValue) {
        best = team;
        bestValue = v;
      }
    }
    return best ? [{ title, player: best.name, color: best.color, value: bestValue, unit }] : [];
  });
}
