// The figures a `history` message carries per ally team and team (history.schema.json's series),
// as a list both the bridge that builds histories and the overlay that reads them iterate.
import type { HistorySeries } from './types.ts';

export const HISTORY_METRICS = [
  'army',
  'metal',
  'energy',
  'damage',
  'build_power',
  'metal_produced',
  'units',
] as const satisfies readonly (keyof HistorySeries)[];
