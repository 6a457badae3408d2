// Payloads for the benchmarks: real 8v8 demo states from the middle of a game (the size a caster's
// widget sends), as JSON texts.
import { demoGames } from '../demo/game.ts';
import type { State } from '../../protocol/types.ts';

export function stateTexts(count: number, fromSecond = 300): string[] {
  const out: string[] = [];
  for (const game of demoGames(2024, '8v8')) {
    for (const step of game) {
      if (step.kind !== 'send' || step.message.type !== 'state') continue;
      if ((step.message as State).game_seconds < fromSecond) continue;
      out.push(JSON.stringify(step.message));
      if (out.length === count) return out;
    }
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
