// Assembles a spring-headless write dir for one engine run of the real widget: the test game
// (engine/game plus a generated box model and the engine's own stock gadgets, extracted from the
// installed springcontent.sdz, never committed), a start script (AI teams on two ally teams, the
// local player a spectator), the widget as a caster installs it and its saved settings.
//
//   const run = writeEngineRun(dir, { port: bridge.tcpPort });
//   const { code, infolog } = await startSpringHeadless(run).done;   // spring-headless.ts
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const WIDGET_FILE = path.join(here, '..', 'widget', 'api_livedata_export.lua');
export const SPRING_HEADLESS = '/usr/games/spring-headless';
const SPRING_CONTENT = '/usr/share/games/spring/base/springcontent.sdz';
// The archive's name is modinfo's name and version.
const GAME_NAME = 'LiveData Test 1';
/** modinfo.lua's shortName: the widget handler keeps widget settings in LuaUI/Config/<it>.lua. */
const GAME_SHORT_NAME = 'LDT';
export const WIDGET_NAME = 'Live Data Export';

/** The teams the start script sets (engine.test.ts checks the widget exports them as set). The
 * colours are whole channels: the engine keeps a colour as bytes. */
const TEAMS = [
  { id: 0, ally: 0, ai: 'BotA', color: [1, 0, 0], x: 800, z: 800 },
  { id: 1, ally: 0, ai: 'BotB', color: [1, 1, 0], x: 800, z: 3200 },
  { id: 2, ally: 1, ai: 'BotC', color: [0, 0, 1], x: 3200, z: 2000 },
] as const;
const SPECTATOR_NAME = 'Caster';

export interface EngineRunOptions {
  /** The bridge's widget port, saved in the widget's settings the way /livedata port saves it. */
  port: number;
  /** The longest wait between reconnect attempts, saved as /livedata retrymax saves it. */
  retryMax?: number;
  /** Test-only helper widgets beside the exporter (file name -> source), enabled by name. */
  widgets?: Record<string, { name: string; source: string }>;
}

export interface EngineRun {
  writeDir: string;
  /** spring-headless arguments. */
  args: string[];
  infolog: string;
}

/** A box a few hundred bytes long in the engine's S3O model format (one piece, 8 corners,
 * 12 triangles): the units need a model, never drawn headless. */
function boxModel(half = 16): Buffer {
  const corners: Array<[number, number, number]> = [];
  for (const x of [-half, half])
    for (const y of [0, 2 * half]) for (const z of [-half, half]) corners.push([x, y, z]);
  // Corner index = 4*x + 2*y + z (each 0 or 1); two triangles per face.
  const faces = [
    [0, 1, 3, 2],
    [4, 6, 7, 5],
    [0, 4, 5, 1],
    [2, 3, 7, 6],
    [0, 2, 6, 4],
    [1, 5, 7, 3],
  ];
  const indices = faces.flatMap(([a, b, c, d]) => [a!, b!, c!, a!, c!, d!]);
  const HEADER = 52;
  const PIECE = 52;
  const pieceAt = HEADER;
  const nameAt = pieceAt + PIECE;
  const name = Buffer.from('box\0');
  const texAt = nameAt + name.length; // one empty string serves as both texture names
  const verticesAt = texAt + 4;
  const indicesAt = verticesAt + corners.length * 32;
  const out = Buffer.alloc(indicesAt + indices.length * 4);
  out.write('Spring unit\0', 0, 'latin1');
  out.writeInt32LE(0, 12); // version
  out.writeFloatLE(half * 2, 16); // radius
  out.writeFloatLE(half * 2, 20); // height
  out.writeFloatLE(0, 24);
  out.writeFloatLE(half, 28);
  out.writeFloatLE(0, 32); // mid x, y, z
  out.writeInt32LE(pieceAt, 36);
  out.writeInt32LE(0, 40); // collision data
  out.writeInt32LE(texAt, 44);
  out.writeInt32LE(texAt, 48);
  const piece = [nameAt, 0, 0, corners.length, verticesAt, 0, 0, indices.length, indicesAt, 0];
  piece.forEach((v, i) => out.writeInt32LE(v, pieceAt + i * 4));
  // offsets x, y, z stay 0
  name.copy(out, nameAt);
  corners.forEach(([x, y, z], i) => {
    const at = verticesAt + i * 32;
    const length = Math.hypot(x, y - half, z);
    [x, y, z, x / length, (y - half) / length, z / length, 0, 0].forEach((v, j) =>
      out.writeFloatLE(v, at + j * 4),
    );
  });
  indices.forEach((v, i) => out.writeInt32LE(v, indicesAt + i * 4));
  return out;
}

/** One file of the engine's springcontent.sdz. */
function stockFile(name: string): string {
  return execFileSync('unzip', ['-p', SPRING_CONTENT, name], { encoding: 'utf8' });
}

function writeGame(gameDir: string): void {
  cpSync(path.join(here, 'game'), gameDir, { recursive: true });
  mkdirSync(path.join(gameDir, 'objects3d'), { recursive: true });
  writeFileSync(path.join(gameDir, 'objects3d', 'box.s3o'), boxModel());
  const gadgets = path.join(gameDir, 'LuaRules', 'Gadgets');
  writeFileSync(path.join(gadgets, 'game_end.lua'), stockFile('LuaGadgets/Gadgets/game_end.lua'));
  // Spring 106's game_spawn.lua reads the team's custom keys as GetTeamInfo's 7th value; they are
  // its 8th (the 7th is the income multiplier).
  const spawn = stockFile('LuaGadgets/Gadgets/game_spawn.lua');
  const patched = spawn.replace(
    'select(7, Spring.GetTeamInfo(teamID))',
    'select(8, Spring.GetTeamInfo(teamID))',
  );
  if (patched === spawn)
    throw new Error('game_spawn.lua: the custom keys read to patch is not there');
  writeFileSync(path.join(gadgets, 'game_spawn.lua'), patched);
}

function startScript(): string {
  const teams = TEAMS.map(
    (t) => `
  [TEAM${t.id}] { TeamLeader=0; AllyTeam=${t.ally}; RgbColor=${t.color.join(' ')}; Side=Testers; StartPosX=${t.x}; StartPosZ=${t.z}; }
  [AI${t.id}] { Name=${t.ai}; ShortName=NullAI; Version=0.1; Team=${t.id}; Host=0; }`,
  ).join('');
  return `[GAME]
{
  GameType=${GAME_NAME};
  MapName=livedata_blank;
  MapSeed=1;
  IsHost=1;
  OnlyLocal=1;
  MyPlayerName=${SPECTATOR_NAME};
  HostIP=127.0.0.1;
  HostPort=0;
  StartPosType=3;
  NumPlayers=1;
  NumTeams=${TEAMS.length};
  NumAllyTeams=2;
  [MODOPTIONS] { MinSpeed=10; MaxSpeed=10; }
  [MAPOPTIONS] { new_map_x=8; new_map_y=8; }
  [PLAYER0] { Name=${SPECTATOR_NAME}; Spectator=1; Team=0; }${teams}
  [ALLYTEAM0] { NumAllies=0; }
  [ALLYTEAM1] { NumAllies=0; }
}
`;
}

/** The widget handler's saved settings (LuaUI/Config/<game>.lua) with the widget on and its port
 * set: what the caster's /livedata port leaves behind. */
function widgetConfig(options: EngineRunOptions, helperNames: string[]): string {
  const order = [WIDGET_NAME, ...helperNames].map((name, i) => `["${name}"] = ${i + 1}`);
  const retry = options.retryMax === undefined ? '' : `, retry_max = ${options.retryMax}`;
  return `return {
  order = { ${order.join(', ')} },
  data = { ["${WIDGET_NAME}"] = { port = ${options.port}${retry} } },
}
`;
}

export function writeEngineRun(writeDir: string, options: EngineRunOptions): EngineRun {
  writeGame(path.join(writeDir, 'games', 'livedata-test.sdd'));
  const widgets = path.join(writeDir, 'LuaUI', 'Widgets');
  mkdirSync(widgets, { recursive: true });
  cpSync(WIDGET_FILE, path.join(widgets, path.basename(WIDGET_FILE)));
  const helpers = Object.entries(options.widgets ?? {});
  for (const [file, { source }] of helpers) writeFileSync(path.join(widgets, file), source);
  mkdirSync(path.join(writeDir, 'LuaUI', 'Config'), { recursive: true });
  writeFileSync(
    path.join(writeDir, 'LuaUI', 'Config', `${GAME_SHORT_NAME}.lua`),
    widgetConfig(
      options,
      helpers.map(([, { name }]) => name),
    ),
  );
  const script = path.join(writeDir, 'script.txt');
  writeFileSync(script, startScript());
  const config = path.join(writeDir, 'springsettings.cfg');
  writeFileSync(config, 'LuaSocketEnabled = 1\nTCPAllowConnect = *\n');
  return {
    writeDir,
    args: ['--write-dir', writeDir, '--config', config, script],
    infolog: path.join(writeDir, 'infolog.txt'),
  };
}
