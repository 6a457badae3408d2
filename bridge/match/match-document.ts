// The match document: its defaults, what makes one valid beyond the schema, and the error every
// match edit throws when it cannot be applied.
import type { Match, MatchTeam } from '../../protocol/types.ts';
import { validateMatch, type Validation } from '../../protocol/validate.ts';

export const SCORE_MAX = 99;

/** Why an edit was refused: `invalid` input, a `not_found` team or source, or a `conflict` with the current state. */
export class MatchError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'MatchError';
  }
}

export function emptyTeam(allyTeam: number): MatchTeam {
  return { ally_team: allyTeam, name: '', tag: '', logo: null, color: null, score: 0 };
}

/** A new series: two sides bound to ally teams 0 and 1, every panel on, automatic scoring on. */
export function defaultMatch(): Match {
  return {
    tournament: '',
    stage: '',
    best_of: 3,
    casters: [],
    teams: [emptyTeam(0), emptyTeam(1)],
    overlay: {
      panels: { scoreboard: true, resources: true, compare: true, events: true },
      theme: null,
    },
    auto_score: true,
    last_auto_score: null,
  };
}

/** Schema validation plus the rule the schema cannot say: one entry per ally team. */
export function checkMatch(value: unknown): Validation<Match> {
  const result = validateMatch(value);
  if (!result.ok) return result;
  const seen = new Map<number, number>();
  for (const [index, team] of result.value.teams.entries()) {
    const other = seen.get(team.ally_team);
    if (other !== undefined) {
      return {
        ok: false,
        error: `/teams/${index}/ally_team ${team.ally_team} is already bound to team ${other}`,
      };
    }
    seen.set(team.ally_team, index);
  }
  return result;
}
