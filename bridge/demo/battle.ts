// Fights between teams, one game second at a time: both sides lose army value in proportion to the
// other's strength, kills and damage go into the teams' statistics, big fights kill notable units
// and sometimes a commander, and teams finish notable units as their economy allows.
import type { Prng } from './prng.ts';
import { averageUnitCost, type TeamSim } from './economy.ts';
import { COMMANDER_COST, notableUnits, type Tier, type UnitDef } from './units.ts';
import type { Event } from '../../protocol/types.ts';

type Envelope = 'type' | 'schema_version' | 'seq' | 'frame' | 'game_seconds' | 'received_at';
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the simulation makes it; game.ts adds the envelope (seq, frame, time). */
export type EventBody = Without<Event, Envelope>;

function recordKills(killer: TeamSim, victim: TeamSim, metal: number, t: number, rng: Prng): void {
  const units = Math.max(metal > 0 ? 1 : 0, Math.round(metal / averageUnitCost(t)));
  const damage = Math.round(metal * rng.float(5, 8));
  killer.stats.unitsKilled += units;
  killer.stats.damageDealt += damage;
  victim.stats.unitsDied += units;
  victim.stats.damageReceived += damage;
}

function loseNotable(rng: Prng, victim: TeamSim, attacker: TeamSim, mobile: boolean): EventBody[] {
  const candidates = victim.notables.filter((u) => u.mobile === mobile && u.tier !== 'eco');
  if (candidates.length === 0) return [];
  const unit = rng.pick(candidates);
  victim.notables.splice(victim.notables.indexOf(unit), 1);
  return [
    {
      event: 'unit_destroyed',
      unit_def: unit.def,
      unit_name: unit.name,
      team: victim.roster.id,
      cost: unit.cost,
      attacker_team: attacker.roster.id,
    },
  ];
}

export function killCommander(victim: TeamSim, attacker: TeamSim | null): EventBody[] {
  if (victim.commanders === 0) return [];
  victim.commanders = 0;
  victim.army = Math.max(0, victim.army - COMMANDER_COST);
  victim.stats.unitsDied += 1;
  if (attacker) attacker.stats.unitsKilled += 1;
  return [
    {
      event: 'commander_destroyed',
      team: victim.roster.id,
      attacker_team: attacker ? attacker.roster.id : null,
    },
  ];
}

/** One engagement between two living teams; returns what is worth an event. */
export function fight(rng: Prng, a: TeamSim, b: TeamSim, t: number): EventBody[] {
  const scale = Math.min(a.army, b.army) * rng.float(0.08, 0.3);
  const strengthA = a.army * a.skill * a.momentum * rng.float(0.7, 1.3);
  const strengthB = b.army * b.skill * b.momentum * rng.float(0.7, 1.3);
  const total = strengthA + strengthB;
  if (scale <= 0 || total <= 0) return [];
  const lossA = Math.min(a.army * 0.9, (scale * 1.2 * strengthB) / total);
  const lossB = Math.min(b.army * 0.9, (scale * 1.2 * strengthA) / total);
  a.army -= lossA;
  b.army -= lossB;
  recordKills(a, b, lossB, t, rng);
  recordKills(b, a, lossA, t, rng);

  const events: EventBody[] = [];
  const [winner, loser, loss] = strengthA >= strengthB ? [a, b, lossB] : [b, a, lossA];
  if (loss > 500 && rng.chance(Math.min(0.5, loss / 4000))) {
    events.push(...loseNotable(rng, loser, winner, true));
  }
  // An overwhelmed side loses buildings and income too, and sometimes its commander.
  if (loser.army < winner.army * 0.35 && t > 240) {
    const razed = Math.min(loser.defense * 0.3, winner.army * rng.float(0.02, 0.08));
    loser.defense -= razed;
    recordKills(winner, loser, razed, t, rng);
    loser.raided = Math.min(0.5, loser.raided + rng.float(0.03, 0.12));
    if (razed > 800 && rng.chance(0.3)) events.push(...loseNotable(rng, loser, winner, false));
    if (rng.chance(0.04)) events.push(...killCommander(loser, winner));
  } else if (t < 600 && rng.chance(0.002)) {
    // An early commander snipe.
    events.push(...killCommander(loser, winner));
  }
  return events;
}

const TIER_START: Record<Tier, (team: TeamSim) => number> = {
  eco: (team) => team.t2At + 90,
  t2: (team) => team.t2At + 30,
  t3: (team) => team.t2At + 420,
  super: (team) => team.t2At + 660,
};

/** Per-second chance that a team finishes a unit of each tier, once it can. */
const TIER_RATE: Record<Tier, number> = { eco: 0.008, t2: 0.008, t3: 0.004, super: 0.0008 };

export function finishNotables(rng: Prng, team: TeamSim, t: number): EventBody[] {
  if (team.dead || team.abandoned) return [];
  const events: EventBody[] = [];
  for (const tier of Object.keys(TIER_RATE) as Tier[]) {
    if (t < TIER_START[tier](team) || !rng.chance(TIER_RATE[tier] * team.skill)) continue;
    const unit: UnitDef = rng.pick(notableUnits(team.roster.faction, tier));
    team.notables.push(unit);
    if (unit.mobile) team.army += unit.cost;
    else if (unit.tier !== 'eco') team.defense += unit.cost;
    team.stats.unitsProduced += 1;
    events.push({
      event: 'unit_finished',
      unit_def: unit.def,
      unit_name: unit.name,
      team: team.roster.id,
      cost: unit.cost,
    });
  }
  return events;
}
