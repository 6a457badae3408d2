// Deterministic game states of any shape (1v1 to 8v8, 16-team FFA) for the overlay's tests and
// benchmark. Values depend only on ids and the game second, so a test can compute what the
// screen must show.
import type {
  BridgeStatus,
  Hello,
  HistorySeries,
  Match,
  Player,
  Snapshot,
  State,
  Team,
} from '../protocol/types.ts';

export interface StateShape {
  allyTeams: number;
  teamsPerAlly: number;
  /** Game second; figures grow with it. */
  seconds?: number;
  fullView?: boolean;
  seq?: number;
}

const FACTIONS: Team['faction'][] = ['armada', 'cortex', 'legion'];
const COLORS = [
  '#0b62e8',
  '#e81d0b',
  '#1fcf3a',
  '#f5d90a',
  '#9b30ff',
  '#00d5d5',
  '#ff7f00',
  '#ff4fbf',
  '#6b8e23',
  '#a0522d',
  '#4682b4',
  '#dc143c',
  '#20b2aa',
  '#daa520',
  '#7b68ee',
  '#c0c0c0',
];

export function playerName(teamId: number): string {
  return `Player ${teamId + 1}`;
}

function team(id: number, ally: number, seconds: number, readable: boolean): Team {
  const m = 10 + id * 1.5 + seconds * 0.05;
  const e = 200 + id * 40 + seconds * 1.5;
  const resource = (income: number, storage: number, current: number) => ({
    current,
    storage,
    income: Math.round(income * 100) / 100,
    expense: Math.round(income * 90) / 100,
    pull: Math.round(income * 95) / 100,
    share: 0.99,
    sent: 0,
    received: 0,
    excess: 0,
  });
  return {
    id,
    ally_team: ally,
    name: playerName(id),
    color: COLORS[id % COLORS.length],
    faction: FACTIONS[id % FACTIONS.length],
    dead: false,
    ai: false,
    leader_player_id: id,
    metal: readable ? resource(m, 1500 + id * 100, (id * 137 + seconds * 11) % 1500) : null,
    energy: readable ? resource(e, 6000, (id * 911 + seconds * 53) % 6000) : null,
    unit_count: readable ? 20 + id * 3 + Math.floor(seconds / 10) : null,
    army_value: readable ? 1000 + id * 250 + seconds * 12 : null,
    defense_value: readable ? 300 + id * 50 : null,
    build_power: readable ? 300 + id * 20 + seconds : null,
    commanders_alive: readable ? 1 : null,
    stats: readable
      ? {
          damage_dealt: 5000 + id * 700 + seconds * 80,
          damage_received: 4000 + id * 500 + seconds * 70,
          units_killed: 3 + id + Math.floor(seconds / 20),
          units_died: 2 + id + Math.floor(seconds / 25),
          units_produced: 30 + id * 4,
          metal_produced: 2000 + id * 300 + seconds * 20,
          energy_produced: 40000 + id * 3000 + seconds * 400,
          metal_excess: 0,
          energy_excess: 0,
        }
      : null,
  };
}

function player(teamId: number, ally: number): Player {
  return {
    id: teamId,
    name: playerName(teamId),
    team: teamId,
    ally_team: ally,
    spectator: false,
    active: true,
    ping_ms: 40 + teamId,
    cpu: 30,
    country: null,
    rank: 3,
    skill: 20 + teamId,
  };
}

export function makeState(shape: StateShape): State {
  const seconds = shape.seconds ?? 300;
  const fullView = shape.fullView ?? true;
  const teams: Team[] = [];
  const players: Player[] = [];
  const allyTeams: State['ally_teams'] = [];
  for (let a = 0; a < shape.allyTeams; a += 1) {
    const ids: number[] = [];
    for (let k = 0; k < shape.teamsPerAlly; k += 1) {
      const id = a * shape.teamsPerAlly + k;
      ids.push(id);
      // Without full view the widget reads only its own ally team (ally team 0 here).
      teams.push(team(id, a, seconds, fullView || a === 0));
      players.push(player(id, a));
    }
    allyTeams.push({ id: a, team_ids: ids, dead: false });
  }
  players.push({ ...player(999, 0), id: 999, name: 'CasterOne', team: 0, spectator: true });
  return {
    type: 'state',
    schema_version: 1,
    seq: shape.seq ?? seconds,
    frame: seconds * 30,
    game_seconds: seconds,
    speed: 1,
    paused: false,
    phase: 'running',
    full_view: fullView,
    winners: [],
    ally_teams: allyTeams,
    teams,
    players,
  };
}

export function makeHello(fullView = true): Hello {
  return {
    type: 'hello',
    schema_version: 1,
    seq: 1,
    frame: 0,
    widget: { name: 'Live Data Export', version: '1.0.0' },
    engine: { version: '2025.04.08' },
    game: {
      name: 'Beyond All Reason',
      version: 'test',
      map: 'Supreme Isthmus v1.9',
      replay: false,
    },
    local_player: { id: 999, name: 'CasterOne', spectator: true, full_view: fullView },
  };
}

export function makeMatch(overrides: Partial<Match> = {}): Match {
  return {
    tournament: 'BAR Spring Cup',
    stage: 'Grand final',
    best_of: 5,
    casters: [],
    teams: [
      { ally_team: 0, name: 'Team Armada', tag: 'ARM', logo: null, color: null, score: 1 },
      { ally_team: 1, name: '', tag: '', logo: null, color: '#ff8800', score: 2 },
    ],
    overlay: {
      panels: { scoreboard: true, resources: true, compare: true, events: true },
      theme: null,
    },
    auto_score: false,
    last_auto_score: null,
    ...overrides,
  };
}

/** The bridge's status with one live widget source (or none). */
export function makeBridgeStatus(live = true): BridgeStatus {
  const source = {
    id: 'c1',
    peer: '127.0.0.1:50412',
    live: true,
    stale: false,
    connected_at: 1763780000000,
    last_message_at: 1763780420000,
    messages: 421,
    hello: makeHello(),
  };
  return {
    type: 'bridge',
    schema_version: 1,
    build: { version: '0.1.0', commit: null },
    source: live ? source : null,
    sources: live ? [source] : [],
    clients: { overlays: 1, controls: 0 },
    counters: { messages_valid: 421 },
    uptime_s: 431.2,
  };
}

/** The bridge's first message to a page: the live game as it stands (hello from makeHello, the
 * bridge status from makeBridgeStatus, no game over) with `overrides` on top. */
export function makeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    type: 'snapshot',
    schema_version: 1,
    hello: makeHello(),
    state: null,
    game_over: null,
    match: null,
    bridge: makeBridgeStatus(),
    history: null,
    last_game: null,
    ...overrides,
  };
}

/** A history series with these army values and flat other figures (metal 10, energy 100, damage
 * 0, build power 300, metal produced 0, units 5) at each point. */
export function historySeries(army: (number | null)[]): HistorySeries {
  return {
    army,
    metal: army.map(() => 10),
    energy: army.map(() => 100),
    damage: army.map(() => 0),
    build_power: army.map(() => 300),
    metal_produced: army.map(() => 0),
    units: army.map(() => 5),
  };
}
