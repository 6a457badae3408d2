// A team's economy, one game second at a time: metal and energy incomes that grow the way BAR games
// do (commander and first extractors, expansion, the jump to T2 extractors and fusion reactors),
// spending split between army, defences and build power, storage that fills and overflows.
import type { Prng } from './prng.ts';
import type { RosterTeam } from './roster.ts';
import { COMMANDER_COST, type UnitDef } from './units.ts';

export interface ResourceSim {
  current: number;
  storage: number;
  income: number;
  expense: number;
  pull: number;
  share: number;
  sent: number;
  received: number;
  excess: number;
}

export interface TeamStatsSim {
  damageDealt: number;
  damageReceived: number;
  unitsKilled: number;
  unitsDied: number;
  unitsProduced: number;
  metalProduced: number;
  energyProduced: number;
  metalExcess: number;
  energyExcess: number;
}

export interface TeamSim {
  roster: RosterTeam;
  /** How well this player runs an economy and fights (about 0.8 to 1.25). */
  skill: number;
  /** Game second at which the team reaches T2. */
  t2At: number;
  metal: ResourceSim;
  energy: ResourceSim;
  /** Metal value of finished armed mobile units (BAR's "AV"), buildings ("DV"), build power. */
  army: number;
  defense: number;
  buildPower: number;
  ecoSpent: number;
  commanders: number;
  dead: boolean;
  /** The player left: the team keeps its units but stops growing. */
  abandoned: boolean;
  /** Income lost to raids (0 to 0.5); recovers slowly. */
  raided: number;
  /** Fighting strength multiplier; the losing side's fades towards the end. */
  momentum: number;
  notables: UnitDef[];
  stats: TeamStatsSim;
  /** Fractional units produced, carried to the next second. */
  producedCarry: number;
}

function resource(current: number, storage: number, share: number): ResourceSim {
  return {
    current,
    storage,
    income: 0,
    expense: 0,
    pull: 0,
    share,
    sent: 0,
    received: 0,
    excess: 0,
  };
}

export function newTeamSim(rng: Prng, roster: RosterTeam): TeamSim {
  const skill = roster.ai ? rng.float(0.75, 0.95) : rng.float(0.82, 1.22);
  return {
    roster,
    skill,
    t2At: Math.round(rng.float(420, 620) / skill),
    metal: resource(1000, 1000, 0.99),
    energy: resource(1000, 1000, 0.95),
    army: COMMANDER_COST,
    defense: 0,
    buildPower: 300,
    ecoSpent: 0,
    commanders: 1,
    dead: false,
    abandoned: false,
    raided: 0,
    momentum: 1,
    notables: [],
    stats: {
      damageDealt: 0,
      damageReceived: 0,
      unitsKilled: 0,
      unitsDied: 0,
      unitsProduced: 0,
      metalProduced: 0,
      energyProduced: 0,
      metalExcess: 0,
      energyExcess: 0,
    },
    producedCarry: 0,
  };
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Average metal cost of what dies in fights: T1 raiders early, heavier units later. */
export function averageUnitCost(t: number): number {
  return 40 + 0.15 * t;
}

function targetIncomes(team: TeamSim, t: number): { metal: number; energy: number } {
  const growth = team.abandoned ? 0.35 : 1;
  const metal =
    2 +
    16 * (1 - Math.exp(-t / 220)) +
    38 * sigmoid((t - team.t2At) / 90) +
    0.02 * Math.max(0, t - 900);
  const energy =
    25 +
    380 * (1 - Math.exp(-t / 260)) +
    1700 * sigmoid((t - team.t2At - 150) / 120) +
    1.2 * Math.max(0, t - 900);
  const scale = team.skill * growth * (1 - team.raided);
  return { metal: metal * scale, energy: energy * scale };
}

function flow(rng: Prng, r: ResourceSim, target: number, use: number): void {
  r.income = Math.max(0, r.income + (target - r.income) * 0.12 + target * rng.float(-0.03, 0.03));
  r.expense = r.income * use;
  r.pull = r.expense * rng.float(1.05, 1.4);
  r.current += r.income + r.received - r.expense - r.sent;
  r.excess = 0;
  if (r.current > r.storage) {
    r.excess = r.current - r.storage;
    r.current = r.storage;
  }
  if (r.current < 0) {
    // Stalling: what was not there was not spent.
    r.expense += r.current;
    r.current = 0;
  }
}

/** Advances one team's economy by one game second (t is the second just reached). */
export function stepEconomy(rng: Prng, team: TeamSim, t: number): void {
  if (team.dead) return;
  const target = targetIncomes(team, t);
  flow(rng, team.metal, target.metal, rng.float(0.86, 1.04));
  flow(rng, team.energy, target.energy, rng.float(0.82, 1.0));
  team.metal.storage = 1000 + (t > 240 ? 1000 : 0) + (t > team.t2At ? 3000 : 0);
  team.energy.storage = 1000 + (t > 200 ? 5000 : 0) + (t > team.t2At + 60 ? 15000 : 0);
  team.raided = Math.max(0, team.raided - 0.004);

  // The first minute goes into the economy; after that, mostly army.
  const spent = team.metal.expense;
  const armyShare = t < 60 ? 0.1 : 0.5;
  team.army += spent * armyShare;
  team.defense += spent * 0.12;
  team.ecoSpent += spent * (0.88 - armyShare);
  team.buildPower = 300 + team.ecoSpent * 0.35;

  const stats = team.stats;
  stats.metalProduced += team.metal.income;
  stats.energyProduced += team.energy.income;
  stats.metalExcess += team.metal.excess;
  stats.energyExcess += team.energy.excess;
  team.producedCarry += (spent * armyShare) / averageUnitCost(t) + (spent * 0.2) / 300;
  const produced = Math.floor(team.producedCarry);
  team.producedCarry -= produced;
  stats.unitsProduced += produced;
}

/** Units alive: army, buildings and builders, as BAR's unit count grows with them. */
export function unitCount(team: TeamSim, t: number): number {
  if (team.dead) return 0;
  return Math.round(4 + team.army / averageUnitCost(t) + team.defense / 260 + team.ecoSpent / 220);
}
