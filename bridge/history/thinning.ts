// Keeps a growing column-wise series short: once it holds more than `capacity` points, the spacing
// doubles and only points that far apart stay, always with the first and the newest. A whole game
// at any length then needs between capacity/2 and capacity points per series.

/** Indices of the points to keep at spacing `step`: the first, each one at least `step` after the
 * last kept, and the newest. `times` ascends. */
export function thinnedIndices(times: readonly number[], step: number): number[] {
  if (times.length <= 2) return times.map((_, i) => i);
  const kept = [0];
  let lastKept = times[0]!;
  const newest = times.length - 1;
  for (let i = 1; i < newest; i++) {
    if (times[i]! - lastKept >= step) {
      kept.push(i);
      lastKept = times[i]!;
    }
  }
  kept.push(newest);
  return kept;
}

/** The values at `indices`. */
export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}
