// Turns game events into the events panel's toasts, naming teams the way the other panels do.
import type { Event, State } from '../../../protocol/types.ts';
import type { AllyTeamView } from './teams.ts';
import { formatShort } from './format.ts';

export interface Who {
  name: string;
  color: string;
}

export type ToastKind = 'commander' | 'eliminated' | 'unit-finished' | 'unit-destroyed';

export interface ToastContent {
  kind: ToastKind;
  title: string;
  who: Who;
  /** Cost, for units. */
  detail: string | null;
  /** Who did it, when the widget knows. */
  by: Who | null;
}

export interface Toast extends ToastContent {
  id: number;
}

function teamWho(allies: readonly AllyTeamView[], teamId: number | null): Who | null {
  if (teamId == null) return null;
  for (const ally of allies) {
    const team = ally.teams.find((t) => t.id === teamId);
    if (team) return { name: team.name, color: team.color };
  }
  return { name: `Team ${teamId + 1}`, color: '#808080' };
}

/** The toast an event deserves, or null for events shown elsewhere (clock, banner). */
export function toastFor(
  event: Event,
  allies: readonly AllyTeamView[],
  state: State | null,
): ToastContent | null {
  switch (event.event) {
    case 'commander_destroyed':
      return {
        kind: 'commander',
        title: 'Commander destroyed',
        who: teamWho(allies, event.team)!,
        detail: null,
        by: event.attacker_team === event.team ? null : teamWho(allies, event.attacker_team),
      };
    case 'team_died': {
      const ally = allies.find((a) => a.teams.some((t) => t.id === event.team));
      const deadTeams = new Set(state?.teams.filter((t) => t.dead).map((t) => t.id));
      deadTeams.add(event.team);
      const wholeAlly =
        ally && ally.teams.length > 1 && ally.teams.every((t) => deadTeams.has(t.id));
      return {
        kind: 'eliminated',
        title: wholeAlly ? 'Team eliminated' : 'Eliminated',
        who: wholeAlly ? { name: ally.name, color: ally.color } : teamWho(allies, event.team)!,
        detail: null,
        by: null,
      };
    }
    case 'unit_finished':
      return {
        kind: 'unit-finished',
        title: `${event.unit_name} completed`,
        who: teamWho(allies, event.team)!,
        detail: `${formatShort(event.cost)} metal`,
        by: null,
      };
    case 'unit_destroyed':
      return {
        kind: 'unit-destroyed',
        title: `${event.unit_name} destroyed`,
        who: teamWho(allies, event.team)!,
        detail: `${formatShort(event.cost)} metal`,
        by: event.attacker_team === event.team ? null : teamWho(allies, event.attacker_team),
      };
    default:
      return null;
  }
}
