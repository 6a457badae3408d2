// `bar-livedata install-widget [BAR data folder]`: copies the widget into LuaUI/Widgets/ of a BAR
// data folder, found in the launcher's usual place when none is given. A folder counts as a BAR
// data folder when it holds what the launcher and engine put there: springsettings.cfg, or an
// engine/, games/ or LuaUI/ folder. Anything else is refused with one line, and nothing is written.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WIDGET_FILE = 'api_livedata_export.lua';
export const WIDGET_SOURCE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'widget',
  WIDGET_FILE,
);
const WIDGET_NAME = 'Live Data Export';
const MARKERS = 'springsettings.cfg, engine/, games/ or LuaUI/';

export interface InstallContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

const processContext: InstallContext = {
  platform: process.platform,
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

const USAGE = 'usage: bar-livedata install-widget [BAR data folder]';

/** Where the BAR launcher keeps its data folder, most likely first. */
export function candidateFolders(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    return env.LOCALAPPDATA
      ? [path.join(env.LOCALAPPDATA, 'Programs', 'Beyond-All-Reason', 'data')]
      : [];
  }
  const home = env.HOME;
  const stateHomes = [env.XDG_STATE_HOME, home && path.join(home, '.local', 'state')];
  return [...new Set(stateHomes.filter((dir): dir is string => !!dir))].map((dir) =>
    path.join(dir, 'Beyond All Reason'),
  );
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The entry of `dir` named `name` in any letter case (BAR's folders are LuaUI/Widgets). */
function entryIgnoringCase(dir: string, name: string): string | undefined {
  if (!isDirectory(dir)) return undefined;
  return readdirSync(dir).find((entry) => entry.toLowerCase() === name.toLowerCase());
}

export function looksLikeBarData(dir: string): boolean {
  if (!isDirectory(dir)) return false;
  if (existsSync(path.join(dir, 'springsettings.cfg'))) return true;
  return ['engine', 'games', 'LuaUI'].some((name) => {
    const entry = entryIgnoringCase(dir, name);
    return entry !== undefined && isDirectory(path.join(dir, entry));
  });
}

/** Why `dir` is refused, with a hint when the BAR folder is close by. */
function refusal(dir: string): string {
  if (!existsSync(dir)) return `${dir} does not exist`;
  if (!isDirectory(dir)) return `${dir} is not a folder`;
  const nested = path.join(dir, 'data');
  const hint = looksLikeBarData(nested) ? `; did you mean ${nested}?` : '';
  return `${dir} does not look like a BAR data folder (no ${MARKERS} in it)${hint}`;
}

async function copyWidget(dataDir: string, ctx: InstallContext): Promise<number> {
  const luaui = entryIgnoringCase(dataDir, 'LuaUI') ?? 'LuaUI';
  const widgets = path.join(
    dataDir,
    luaui,
    entryIgnoringCase(path.join(dataDir, luaui), 'Widgets') ?? 'Widgets',
  );
  const target = path.join(widgets, WIDGET_FILE);
  const source = await readFile(WIDGET_SOURCE);
  let previous: Buffer | undefined;
  try {
    previous = await readFile(target);
  } catch {
    previous = undefined;
  }
  if (previous?.equals(source)) {
    ctx.out(`${WIDGET_NAME} is already up to date in ${widgets}`);
  } else {
    await mkdir(widgets, { recursive: true });
    // Written beside the target under a name the game does not load, then renamed: a crash
    // mid-write never leaves a half widget that BAR would try to load.
    const temp = path.join(widgets, `.${WIDGET_FILE}.${process.pid}.tmp`);
    try {
      await writeFile(temp, source);
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    ctx.out(`${previous ? 'Updated' : 'Installed'} ${WIDGET_NAME}: ${target}`);
  }
  ctx.out('Next:');
  ctx.out('  1. Start BAR (in a running game: /luaui reload).');
  ctx.out(
    `  2. Enable the widget once: F11, tick "${WIDGET_NAME}"; or type /luaui enablewidget ${WIDGET_NAME}`,
  );
  ctx.out('  3. Start the bridge (npx bar-livedata) and add the overlay URL it prints to OBS.');
  ctx.out(
    'Spectators (casters) may always run user widgets; players only where the lobby allows them.',
  );
  return 0;
}

/** Exit code: 0 installed, 1 no BAR data folder, 2 bad arguments. */
export async function runInstallWidget(
  args: string[],
  ctx: InstallContext = processContext,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    ctx.out(USAGE);
    return 0;
  }
  const flag = args.find((a) => a.startsWith('-'));
  if (flag || args.length > 1) {
    ctx.err(`bar-livedata: ${flag ? `unknown option ${flag}` : 'too many arguments'}; ${USAGE}`);
    return 2;
  }
  if (args[0] !== undefined) {
    const dir = path.resolve(args[0]);
    if (!looksLikeBarData(dir)) {
      ctx.err(`bar-livedata: ${refusal(dir)}`);
      return 1;
    }
    return copyWidget(dir, ctx);
  }
  const candidates = candidateFolders(ctx.platform, ctx.env);
  const found = candidates.find(looksLikeBarData);
  if (!found) {
    const where = candidates.length ? ` (looked in ${candidates.join(', ')})` : '';
    ctx.err(
      `bar-livedata: no BAR data folder found${where}; name it: bar-livedata install-widget FOLDER`,
    );
    return 1;
  }
  return copyWidget(found, ctx);
}
