// Which of the caster's scene rules (match.obs_scenes) a game message sets off.
import type { ObsScenes, WidgetMessage } from '../../protocol/types.ts';

/** A rule's name in match.obs_scenes. */
export type SceneTrigger = 'game_start' | 'pause' | 'unpause' | 'game_over' | 'next_game';

const BY_EVENT: Record<string, SceneTrigger> = {
  game_start: 'game_start',
  paused: 'pause',
  unpaused: 'unpause',
  game_over: 'game_over',
};

/** The rule this message of the live game sets off, or null. */
export function triggerOf(message: WidgetMessage): SceneTrigger | null {
  return message.type === 'event' ? (BY_EVENT[message.event] ?? null) : null;
}

/** The scene the caster chose for this trigger, or null for none (no rules, or left empty). */
export function sceneFor(rules: ObsScenes | undefined, trigger: SceneTrigger): string | null {
  return rules?.[trigger] ?? null;
}
