// BAR units the demo talks about. Internal and display names are BAR's own (language/en/units.json
// in beyond-all-reason/Beyond-All-Reason); metal costs are close to BAR's unit files, rounded (BAR
// rebalances often). Commanders count 1200 metal, as BAR's own value widgets count them.
export type Faction = 'armada' | 'cortex' | 'legion';
export const FACTIONS: readonly Faction[] = ['armada', 'cortex', 'legion'];

/** When a unit can appear: economy buildings and T2 mid-game, T3 late, super weapons very late. */
export type Tier = 'eco' | 't2' | 't3' | 'super';

export interface UnitDef {
  def: string;
  name: string;
  cost: number;
  faction: Faction;
  tier: Tier;
  /** Mobile and armed (counts in army value) rather than a building (defence or economy). */
  mobile: boolean;
}

export const COMMANDER_COST = 1200;

export const COMMANDERS: Record<Faction, { def: string; name: string }> = {
  armada: { def: 'armcom', name: 'Armada Commander' },
  cortex: { def: 'corcom', name: 'Cortex Commander' },
  legion: { def: 'legcom', name: 'Legion Commander' },
};

type Row = [def: string, name: string, cost: number, tier: Tier, mobile: boolean];

const ROWS: Record<Faction, Row[]> = {
  armada: [
    ['armfus', 'Fusion Reactor', 3600, 'eco', false],
    ['armafus', 'Advanced Fusion Reactor', 9700, 'eco', false],
    ['armfboy', 'Fatboy', 1100, 't2', true],
    ['armmar', 'Marauder', 1200, 't2', true],
    ['armliche', 'Liche', 1600, 't2', true],
    ['armbrtha', 'Basilica', 3300, 't2', false],
    ['armvang', 'Vanguard', 2900, 't3', true],
    ['armraz', 'Razorback', 4400, 't3', true],
    ['armthor', 'Thor', 9000, 't3', true],
    ['armbanth', 'Titan', 13500, 't3', true],
    ['armsilo', 'Armageddon', 7700, 'super', false],
    ['armvulc', 'Ragnarok', 63000, 'super', false],
  ],
  cortex: [
    ['corfus', 'Fusion Reactor', 3600, 'eco', false],
    ['corafus', 'Advanced Fusion Reactor', 9700, 'eco', false],
    ['corgol', 'Tzar', 1500, 't2', true],
    ['corsumo', 'Mammoth', 1100, 't2', true],
    ['corint', 'Basilisk', 3300, 't2', false],
    ['corshiva', 'Shiva', 1900, 't3', true],
    ['corkarg', 'Karganeth', 2600, 't3', true],
    ['corcat', 'Catapult', 3000, 't3', true],
    ['corjugg', 'Behemoth', 20000, 't3', true],
    ['corkorg', 'Juggernaut', 29000, 't3', true],
    ['corsilo', 'Apocalypse', 8000, 'super', false],
    ['corbuzz', 'Calamity', 61000, 'super', false],
  ],
  legion: [
    ['legfus', 'Fusion Reactor', 3600, 'eco', false],
    ['legafus', 'Advanced Fusion Reactor', 9700, 'eco', false],
    ['legerailtank', 'Daedalus', 3500, 't2', true],
    ['legfort', 'Tyrannus', 5600, 't2', true],
    ['leglrpc', 'Olympus', 3500, 't2', false],
    ['legeshotgunmech', 'Praetorian', 4000, 't3', true],
    ['legpede', 'Mukade', 3000, 't3', true],
    ['legeheatraymech', 'Sol Invictus', 19000, 't3', true],
    ['legsilo', 'Supernova', 8000, 'super', false],
    ['legstarfall', 'Starfall', 60000, 'super', false],
  ],
};

export const NOTABLE_UNITS: readonly UnitDef[] = Object.entries(ROWS).flatMap(([faction, rows]) =>
  rows.map(([def, name, cost, tier, mobile]) => ({
    def,
    name,
    cost,
    tier,
    mobile,
    faction: faction as Faction,
  })),
);

export function notableUnits(faction: Faction, tier: Tier): UnitDef[] {
  return NOTABLE_UNITS.filter((u) => u.faction === faction && u.tier === tier);
}
