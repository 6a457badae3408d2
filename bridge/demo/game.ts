// The demo game as a sequence of steps: connect, the messages a widget would send (hello, lobby
// states, game_start, one state per game second with events in between), then game_over, goodbye,
// disconnect and, after a pause, the next game. Pure and seeded: the same seed and shape give the
// same steps. Timing is in milliseconds of real time at speed 1; player.ts plays it.
import { Prng } from './prng.ts';
import { makeRoster, type DemoShape, type Roster } from './roster.ts';
import { newTeamSim, stepEconomy, unitCount, type ResourceSim, type TeamSim } from './economy.ts';
import { finishNotables, fight, killCommander, type EventBody } from './battle.ts';
import type { Event, Hello, State, WidgetMessage } from '../../protocol/types.ts';

export const DEMO_WIDGET_NAME = 'bar-livedata demo';
/** Real time between one demo game's goodbye and the next game's connection, at speed 1. */
export const BETWEEN_GAMES_MS = 15_000;
const LOBBY_STATES = 3;
const STATES_AFTER_GAME_OVER = 8;

export type DemoStep =
  | { waitMs: number; kind: 'connect' }
  | { waitMs: number; kind: 'send'; message: WidgetMessage }
  | { waitMs: number; kind: 'disconnect' };

/** Game length in game seconds, per shape. */
const LENGTH: Record<DemoShape, [number, number]> = {
  '1v1': [540, 960],
  '2v2': [660, 1080],
  '4v4': [840, 1320],
  '8v8': [960, 1500],
  ffa16: [1080, 1560],
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

function resourceOut(r: ResourceSim, dead: boolean): State['teams'][number]['metal'] {
  return {
    current: round2(r.current),
    storage: round2(r.storage),
    income: dead ? 0 : round2(r.income),
    expense: dead ? 0 : round2(r.expense),
    pull: dead ? 0 : round2(r.pull),
    share: r.share,
    sent: round2(r.sent),
    received: round2(r.received),
    excess: round2(r.excess),
  };
}

interface Ending {
  endAt: number;
  /** Ally team that wins a two-sided game; for FFA, the last team standing's ally team. */
  winner: number;
  /** FFA: when each other team is knocked out. */
  knockouts: Map<number, number>;
}

function planEnding(rng: Prng, roster: Roster, teams: TeamSim[]): Ending {
  const [min, max] = LENGTH[roster.shape];
  const endAt = rng.int(min, max);
  const strength = roster.allyTeams.map((ids) =>
    ids.reduce((sum, id) => sum + teams[id]!.skill ** 3, 0),
  );
  const winner = rng.weighted(strength);
  const knockouts = new Map<number, number>();
  if (roster.allyTeams.length > 2) {
    const losers = rng.shuffle(teams.filter((t) => t.roster.allyTeam !== winner));
    const times = losers.map(() => rng.int(Math.round(endAt * 0.3), endAt)).sort((a, b) => a - b);
    losers.forEach((team, i) => knockouts.set(team.roster.id, times[i]!));
  }
  return { endAt, winner, knockouts };
}

class Game {
  readonly rng: Prng;
  readonly roster: Roster;
  readonly teams: TeamSim[];
  readonly ending: Ending;
  readonly active = new Map<number, boolean>();
  seq = 0;
  t = 0;
  phase: State['phase'] = 'lobby';
  paused = false;
  winners: number[] = [];
  /** Teams whose commander fell in the collapse, with the second they die. */
  readonly dying = new Map<number, number>();

  constructor(rng: Prng, shape: DemoShape) {
    this.rng = rng;
    this.roster = makeRoster(rng, shape);
    this.teams = this.roster.teams.map((team) => newTeamSim(rng, team));
    this.ending = planEnding(rng, this.roster, this.teams);
    for (const player of this.roster.players) this.active.set(player.id, true);
  }

  get ffa(): boolean {
    return this.roster.allyTeams.length > 2;
  }

  hello(): Hello {
    const local = this.roster.players[this.roster.localPlayerId]!;
    return {
      type: 'hello',
      schema_version: 1,
      seq: ++this.seq,
      frame: 0,
      widget: { name: DEMO_WIDGET_NAME, version: '1.0.0' },
      engine: { version: '2025.04.10' },
      game: {
        name: 'Beyond All Reason',
        version: 'test-27904-6f1c2a0',
        map: this.roster.map,
        replay: false,
      },
      local_player: { id: local.id, name: local.name, spectator: true, full_view: true },
    };
  }

  event(body: EventBody, gameSeconds: number): Event {
    return {
      type: 'event',
      schema_version: 1,
      seq: ++this.seq,
      frame: Math.floor(gameSeconds * 30),
      game_seconds: round2(gameSeconds),
      ...body,
    } as Event;
  }

  state(): State {
    const { rng, t } = this;
    return {
      type: 'state',
      schema_version: 1,
      seq: ++this.seq,
      frame: t * 30,
      game_seconds: t,
      speed: this.paused ? 0 : 1,
      paused: this.paused,
      phase: this.phase,
      full_view: true,
      winners: [...this.winners],
      ally_teams: this.roster.allyTeams.map((ids, id) => ({
        id,
        team_ids: [...ids],
        dead: ids.every((team) => this.teams[team]!.dead),
      })),
      teams: this.teams.map((team) => ({
        id: team.roster.id,
        ally_team: team.roster.allyTeam,
        name: team.roster.name,
        color: team.roster.color,
        faction: team.roster.faction,
        dead: team.dead,
        ai: team.roster.ai,
        leader_player_id: team.roster.leaderPlayerId,
        metal: resourceOut(team.metal, team.dead),
        energy: resourceOut(team.energy, team.dead),
        unit_count: unitCount(team, t),
        army_value: Math.round(team.army),
        defense_value: Math.round(team.defense),
        build_power: team.dead ? 0 : Math.round(team.buildPower),
        commanders_alive: team.commanders,
        stats: {
          damage_dealt: Math.round(team.stats.damageDealt),
          damage_received: Math.round(team.stats.damageReceived),
          units_killed: team.stats.unitsKilled,
          units_died: team.stats.unitsDied,
          units_produced: team.stats.unitsProduced,
          metal_produced: Math.round(team.stats.metalProduced),
          energy_produced: Math.round(team.stats.energyProduced),
          metal_excess: Math.round(team.stats.metalExcess),
          energy_excess: Math.round(team.stats.energyExcess),
        },
      })),
      players: this.roster.players.map((p) => {
        const active = this.active.get(p.id) ?? false;
        return {
          id: p.id,
          name: p.name,
          team: p.team,
          ally_team: p.allyTeam,
          spectator: p.spectator,
          active,
          ping_ms: active ? p.pingMs + rng.int(-6, 20) : null,
          cpu: active ? round2(Math.min(100, Math.max(0, p.cpu + rng.float(-3, 6)))) : null,
          country: p.country,
          rank: p.rank,
          skill: p.skill,
        };
      }),
    };
  }

  alive(): TeamSim[] {
    return this.teams.filter((team) => !team.dead);
  }

  teamDies(team: TeamSim): EventBody[] {
    if (team.dead) return [];
    team.dead = true;
    team.army = 0;
    team.defense = 0;
    team.commanders = 0;
    team.notables = [];
    return [{ event: 'team_died', team: team.roster.id }];
  }

  /** Shares metal between allies now and then, as teammates do. */
  transfers(): void {
    const { rng } = this;
    for (const team of this.teams) {
      team.metal.sent = team.metal.received = team.energy.sent = team.energy.received = 0;
    }
    if (this.ffa) return;
    for (const team of this.alive()) {
      const mates = this.roster.allyTeams[team.roster.allyTeam]!.map(
        (id) => this.teams[id]!,
      ).filter((mate) => mate !== team && !mate.dead);
      if (mates.length === 0 || !rng.chance(0.01)) continue;
      const amount = Math.round(Math.min(team.metal.current, rng.float(100, 600)));
      team.metal.sent += amount;
      rng.pick(mates).metal.received += amount;
    }
  }

  fights(): EventBody[] {
    const { rng, t } = this;
    if (t < 150) return [];
    const events: EventBody[] = [];
    const alive = this.alive();
    if (this.ffa) {
      for (const team of alive) {
        if (team.dead || !rng.chance(0.03)) continue;
        const others = alive.filter((o) => o !== team && !o.dead);
        if (others.length > 0) events.push(...fight(rng, team, rng.pick(others), t));
      }
      return events;
    }
    const [left, right] = this.roster.allyTeams.map((ids) =>
      ids.map((id) => this.teams[id]!).filter((team) => !team.dead),
    ) as [TeamSim[], TeamSim[]];
    const lanes = Math.max(left.length, right.length);
    for (let lane = 0; lane < lanes && left.length > 0 && right.length > 0; lane += 1) {
      if (!rng.chance(0.05)) continue;
      const a = rng.chance(0.85) ? left[lane % left.length]! : rng.pick(left);
      const b = rng.chance(0.85) ? right[lane % right.length]! : rng.pick(right);
      events.push(...fight(rng, a, b, t));
    }
    return events;
  }

  /** The game's end: momentum swings, then the losers' commanders fall and their teams die. */
  endgame(): EventBody[] {
    const { rng, t, ending } = this;
    const events: EventBody[] = [];
    const swing = Math.min(1, Math.max(0, (t - 0.55 * ending.endAt) / (0.45 * ending.endAt)));
    for (const team of this.teams) {
      const wins = team.roster.allyTeam === ending.winner;
      team.momentum = wins ? 1 + 0.25 * swing : 1 - 0.55 * swing;
    }
    const strongestFoe = (victim: TeamSim): TeamSim | null => {
      const foes = this.alive().filter((o) => o.roster.allyTeam !== victim.roster.allyTeam);
      return foes.sort((a, b) => b.army - a.army)[0] ?? null;
    };
    for (const [id, at] of this.dying) {
      if (t >= at) {
        this.dying.delete(id);
        events.push(...this.teamDies(this.teams[id]!));
      }
    }
    const fall = (victim: TeamSim): void => {
      if (victim.dead || this.dying.has(victim.roster.id)) return;
      events.push(...killCommander(victim, strongestFoe(victim)));
      this.dying.set(victim.roster.id, t + rng.int(3, 8));
    };
    if (this.ffa) {
      for (const [id, at] of ending.knockouts) if (t >= at) fall(this.teams[id]!);
    } else {
      const losers = this.alive().filter((team) => team.roster.allyTeam !== ending.winner);
      if (t >= ending.endAt && losers.length > 0 && rng.chance(0.3)) fall(rng.pick(losers));
      // Now and then a player on the losing side gives up early, if a teammate fights on.
      for (const team of losers) {
        const mates = losers.filter(
          (o) => o.roster.allyTeam === team.roster.allyTeam && o !== team,
        );
        if (t > 0.6 * ending.endAt && mates.length > 0 && rng.chance(0.0015)) {
          events.push(...this.teamDies(team));
        }
      }
    }
    // Any other team whose commander died and army is gone resigns.
    for (const team of this.alive()) {
      if (team.commanders === 0 && team.army < 300 && !this.dying.has(team.roster.id)) {
        this.dying.set(team.roster.id, t + rng.int(5, 20));
      }
    }
    return events;
  }

  /** Ally teams still standing; one left means game over. */
  standing(): number[] {
    return this.roster.allyTeams.flatMap((ids, id) =>
      ids.some((team) => !this.teams[team]!.dead) ? [id] : [],
    );
  }
}

function* playSecond(game: Game, events: EventBody[]): Generator<DemoStep> {
  // Events happen during the second before the state that shows their result.
  const offsets = events.map(() => game.rng.int(20, 980)).sort((a, b) => a - b);
  let elapsed = 0;
  for (let i = 0; i < events.length; i += 1) {
    const offset = offsets[i]!;
    const at = game.t - 1 + offset / 1000;
    yield { waitMs: offset - elapsed, kind: 'send', message: game.event(events[i]!, at) };
    elapsed = offset;
  }
  yield { waitMs: 1000 - elapsed, kind: 'send', message: game.state() };
}

/** One whole game, from connecting to disconnecting. */
export function* demoGame(rng: Prng, shape: DemoShape, first: boolean): Generator<DemoStep> {
  const game = new Game(rng, shape);
  const { endAt } = game.ending;
  const pauseAt = rng.chance(0.5) ? rng.int(Math.round(0.2 * endAt), Math.round(0.7 * endAt)) : -1;
  const pauser = rng.pick(game.roster.players.filter((p) => !p.spectator));
  const bigGame = game.roster.teams.length >= 8;
  const leaveAt =
    bigGame && rng.chance(0.35) ? rng.int(Math.round(0.4 * endAt), Math.round(0.8 * endAt)) : -1;
  const leaver = rng.pick(game.roster.players.filter((p) => !p.spectator && p !== pauser));

  yield { waitMs: first ? 0 : BETWEEN_GAMES_MS, kind: 'connect' };
  yield { waitMs: 0, kind: 'send', message: game.hello() };
  for (let i = 0; i < LOBBY_STATES; i += 1) {
    yield { waitMs: i === 0 ? 0 : 1000, kind: 'send', message: game.state() };
  }
  game.phase = 'running';
  yield { waitMs: 1000, kind: 'send', message: game.event({ event: 'game_start' }, 0) };
  yield { waitMs: 0, kind: 'send', message: game.state() };

  while (game.phase === 'running') {
    game.t += 1;
    game.transfers();
    for (const team of game.teams) stepEconomy(rng, team, game.t);
    const events: EventBody[] = [...game.fights()];
    for (const team of game.teams) events.push(...finishNotables(rng, team, game.t));
    if (game.t === leaveAt && game.active.get(leaver.id)) {
      game.active.set(leaver.id, false);
      game.teams[leaver.team]!.abandoned = true;
      events.push({ event: 'player_left', player: leaver.id, name: leaver.name });
    }
    events.push(...game.endgame());
    const standing = game.standing();
    if (standing.length <= 1) {
      game.winners = standing;
      game.phase = 'over';
      events.push({ event: 'game_over', winners: standing });
    }
    yield* playSecond(game, events);

    if (game.t === pauseAt && game.phase === 'running') {
      const player = pauser.id;
      game.paused = true;
      yield { waitMs: 300, kind: 'send', message: game.event({ event: 'paused', player }, game.t) };
      const seconds = rng.int(5, 12);
      for (let i = 0; i < seconds; i += 1)
        yield { waitMs: 1000, kind: 'send', message: game.state() };
      game.paused = false;
      yield {
        waitMs: 700,
        kind: 'send',
        message: game.event({ event: 'unpaused', player }, game.t),
      };
    }
  }

  for (let i = 0; i < STATES_AFTER_GAME_OVER; i += 1) {
    game.t += 1;
    yield { waitMs: 1000, kind: 'send', message: game.state() };
  }
  const goodbye: WidgetMessage = {
    type: 'goodbye',
    schema_version: 1,
    seq: ++game.seq,
    frame: game.t * 30,
    reason: 'game over',
  };
  yield { waitMs: 500, kind: 'send', message: goodbye };
  yield { waitMs: 0, kind: 'disconnect' };
}

/** Endless demo games; each yielded value is one game's steps. */
export function* demoGames(seed: number, shape: DemoShape): Generator<Generator<DemoStep>> {
  const rng = new Prng(seed);
  for (let n = 0; ; n += 1) yield demoGame(rng, shape, n === 0);
}
