// Who plays: ally teams, teams, players and spectators for one demo game of a given shape. Names
// include the hard cases an overlay must survive (markup, quotes, scripts other than Latin, emoji,
// very long names): overlays must show them as text.
import type { Prng } from './prng.ts';
import { FACTIONS, type Faction } from './units.ts';

export const DEMO_SHAPES = ['1v1', '2v2', '4v4', '8v8', 'ffa16'] as const;
export type DemoShape = (typeof DEMO_SHAPES)[number];

export interface RosterTeam {
  id: number;
  allyTeam: number;
  name: string;
  color: string;
  faction: Faction;
  ai: boolean;
  leaderPlayerId: number | null;
}

export interface RosterPlayer {
  id: number;
  name: string;
  team: number;
  allyTeam: number;
  spectator: boolean;
  country: string | null;
  rank: number | null;
  skill: number | null;
  pingMs: number;
  cpu: number;
}

export interface Roster {
  shape: DemoShape;
  map: string;
  /** Team ids per ally team, index = ally team id. */
  allyTeams: number[][];
  teams: RosterTeam[];
  players: RosterPlayer[];
  /** The spectator whose widget "sends" the demo. */
  localPlayerId: number;
}

const LAYOUTS: Record<DemoShape, number[]> = {
  '1v1': [1, 1],
  '2v2': [2, 2],
  '4v4': [4, 4],
  '8v8': [8, 8],
  ffa16: Array.from({ length: 16 }, () => 1),
};

const MAPS: Record<DemoShape, string[]> = {
  '1v1': ['Altair Crossing V4.1', 'Red Comet Remake 1.8', 'Eye of Horus v13', 'Tabula-v6.1'],
  '2v2': ['Red Comet Remake 1.8', 'Koom Valley 3.3', 'Glacier Pass 1.2', 'Tabula-v6.1'],
  '4v4': ['Supreme Isthmus v1.8', 'All That Glitters v2.2', 'Mediterraneum V4', 'Koom Valley 3.3'],
  '8v8': ['Supreme Isthmus v1.8', 'All That Glitters v2.2', 'Throne Acidic', 'Mediterraneum V4'],
  ffa16: ['Throne Acidic', 'Ice Scream v2.5', 'Ascendancy 1.0'],
};

const PLAYER_NAMES = [
  'Raptor_Hunter',
  'SirEcoLot',
  'MexMaster',
  'Flakstorm',
  'NanoTurtle',
  'BlitzKrieger',
  'Tickmancer',
  'Commando_Joe',
  'Windmill_Lobby',
  'TechOrDie',
  'Grunt_Lord',
  'SolarFlare',
  'Lakeland',
  'Vesper',
  'Mukade_Main',
  'Fusionist',
  'PawnStar',
  'KoomValleyGirl',
  'Dgun_Dave',
  'T3Tortoise',
  'Reclaimer',
  'BaitAndSwitch',
  'Hovercraft_Hal',
  'QuietStorm',
  'Nimbus',
  'IronCurtain',
  'Sprinter99',
  'Tzar_Bomba',
  'GoldenMex',
  'FrontlineFrida',
  'AirSupremacy',
  'Bastion_Bob',
  'Sentry_Sam',
  'Nullpointer',
  'Zephyr',
];

/** Names that break careless overlays. The first is always in the bigger demo games. */
export const HARD_NAMES = [
  '<img src=x onerror=alert(1)>',
  '"Quote" O\'Brien',
  'Zoë_Ørsted',
  '张伟 (Wei)',
  'Дмитрий',
  '🦀 Crab',
  'Ab&amp;Co <b>',
  'AVeryLongPlayerNameThatGoesOnAndOn',
  'مرحبا',
];

const CASTERS = ['CasterCam', 'LiveCaster', 'Spec Commentary'];
const AI_NAMES = ['BARbarian 3', 'SimpleAI 2', 'BARbarian 7'];
const COUNTRIES = [
  'DE',
  'US',
  'FR',
  'PL',
  'GB',
  'SE',
  'FI',
  'UA',
  'BR',
  'CZ',
  'NL',
  'AU',
  'CA',
  'KR',
  'JP',
  null,
];

// Ally team 0 in cool colours, ally team 1 in warm ones, as BAR's team colour presets do.
const COOL = [
  '#0b3ef3',
  '#00a5d9',
  '#29c7a3',
  '#1d8a3a',
  '#7bd13d',
  '#6f4ee8',
  '#3b7bd4',
  '#00e0ff',
];
const WARM = [
  '#ff1005',
  '#ff6b00',
  '#ffd200',
  '#c8102e',
  '#ff5fa2',
  '#a0522d',
  '#e8a33d',
  '#b31ac9',
];

const HARD_COUNT: Record<DemoShape, number> = { '1v1': 1, '2v2': 2, '4v4': 3, '8v8': 4, ffa16: 4 };

function playerNames(rng: Prng, shape: DemoShape, count: number): string[] {
  const always = shape === '8v8' || shape === 'ffa16' ? [HARD_NAMES[0]!] : [];
  const hard = rng
    .shuffle(HARD_NAMES.slice(always.length))
    .slice(0, HARD_COUNT[shape] - always.length);
  const plain = rng.shuffle(PLAYER_NAMES).slice(0, count - always.length - hard.length);
  return rng.shuffle([...always, ...hard, ...plain]);
}

export function makeRoster(rng: Prng, shape: DemoShape): Roster {
  const layout = LAYOUTS[shape];
  const teamCount = layout.reduce((a, b) => a + b, 0);
  const names = playerNames(rng, shape, teamCount);
  const palette = shape === 'ffa16' ? rng.shuffle([...COOL, ...WARM]) : [];
  const cool = rng.shuffle(COOL);
  const warm = rng.shuffle(WARM);
  const aiTeam = shape === 'ffa16' && rng.chance(0.5) ? rng.int(0, teamCount - 1) : -1;

  const allyTeams: number[][] = [];
  const teams: RosterTeam[] = [];
  const players: RosterPlayer[] = [];
  for (let ally = 0; ally < layout.length; ally += 1) {
    const ids: number[] = [];
    for (let slot = 0; slot < layout[ally]!; slot += 1) {
      const id = teams.length;
      const ai = id === aiTeam;
      const color = shape === 'ffa16' ? palette[id]! : ally === 0 ? cool[slot]! : warm[slot]!;
      const faction = FACTIONS[rng.weighted([0.45, 0.42, 0.13])]!;
      const name = ai ? rng.pick(AI_NAMES) : names[id]!;
      ids.push(id);
      teams.push({
        id,
        allyTeam: ally,
        name,
        color,
        faction,
        ai,
        leaderPlayerId: ai ? null : players.length,
      });
      if (!ai) {
        players.push({
          id: players.length,
          name,
          team: id,
          allyTeam: ally,
          spectator: false,
          country: rng.pick(COUNTRIES),
          rank: rng.int(0, 7),
          skill: rng.chance(0.1) ? null : Math.round(rng.float(12, 52) * 100) / 100,
          pingMs: rng.int(18, 160),
          cpu: rng.int(8, 45),
        });
      }
    }
    allyTeams.push(ids);
  }
  // Spectators (one of them is the caster running the widget) follow the players.
  const casters = rng.shuffle(CASTERS).slice(0, 2);
  for (const name of casters) {
    players.push({
      id: players.length,
      name,
      team: 0,
      allyTeam: 0,
      spectator: true,
      country: rng.pick(COUNTRIES),
      rank: rng.int(0, 7),
      skill: null,
      pingMs: rng.int(18, 90),
      cpu: rng.int(5, 30),
    });
  }
  return {
    shape,
    map: rng.pick(MAPS[shape]),
    allyTeams,
    teams,
    players,
    localPlayerId: players.length - casters.length,
  };
}
