// `npm run release`: the caster's downloads, built from this checkout into one folder:
//   bar-livedata-VERSION-win-x64.zip     node.exe, the app, bar-livedata.cmd, install-widget.cmd
//   bar-livedata-VERSION-linux-x64.tar.gz node, the app, a bar-livedata shell script
//   bar-livedata-VERSION.tgz             `npm pack` of the app: for npm install -g / npx
// The app is the bridge compiled to JavaScript (with source maps), the built overlay and control
// page, the themes, the widget and only the runtime dependencies: no TypeScript at run time.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BUILD_INFO_FILE, gitCommit, type BuildInfoFile } from '../../bridge/build-info.ts';
import { WIDGET_FILE } from '../../bridge/install-widget.ts';
import { RELEASE_NODE, RELEASE_PLATFORMS, type ReleasePlatform } from './node-pin.ts';
import { releaseNode, releaseNodeLicense } from './node-binaries.ts';

const run = promisify(execFile);
const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const files = path.join(top, 'scripts', 'release', 'files');
const bin = (name: string): string => path.join(top, 'node_modules', '.bin', name);

/** Budgets the issue set: each archive, and the JavaScript, CSS and themes inside one. */
export const BUDGET = { archiveBytes: 45 * 1024 ** 2, codeBytes: 2 * 1024 ** 2 } as const;

export interface ReleaseBuild {
  version: string;
  commit: string;
  /** Archive paths by kind. */
  archives: Record<ReleasePlatform | 'npm', string>;
  /** Archive sizes in bytes, by kind. */
  sizes: Record<ReleasePlatform | 'npm', number>;
  /** JavaScript, CSS and theme bytes in an unpacked archive (no source maps, no Node). */
  codeBytes: number;
}

interface PackageJson {
  version: string;
  description: string;
  license: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
}

/** Where `name` resolves from `fromDir`, the way Node looks it up (nested node_modules first). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (path.relative(top, candidate).startsWith('..')) break;
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === top) break;
  }
  throw new Error(`runtime dependency ${name} is not installed: run npm ci`);
}

/** Every installed package the runtime dependencies need, as paths under node_modules/. */
async function runtimePackages(names: string[]): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (name: string, fromDir: string): Promise<void> => {
    const dir = packageDir(name, fromDir);
    if (found.has(dir)) return;
    found.add(dir);
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) await visit(dep, dir);
  };
  for (const name of names) await visit(name, top);
  return [...found].map((dir) => path.relative(top, dir));
}

/** Copies what runs, leaving out type declarations, TypeScript sources and source maps. */
async function copyRuntimePackage(relative: string, appDir: string): Promise<void> {
  const source = path.join(top, relative);
  await cp(source, path.join(appDir, relative), {
    recursive: true,
    filter: (file) => {
      const inside = path.relative(source, file);
      return (
        !inside.split(path.sep).includes('node_modules') &&
        !/\.(d\.[cm]?ts|[cm]?ts|map)$/.test(file)
      );
    },
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function codeBytes(appDir: string): Promise<number> {
  let total = 0;
  for (const file of await filesUnder(appDir)) {
    const inThemes = path.relative(appDir, file).startsWith(`themes${path.sep}`);
    if (inThemes || /\.(m?js|cjs|css)$/.test(file)) total += (await stat(file)).size;
  }
  return total;
}

/** The app folder both archives and the npm package hold. */
async function stageApp(appDir: string, pkg: PackageJson, commit: string): Promise<void> {
  await run(bin('tsc'), ['-p', path.join(top, 'tsconfig.release.json'), '--outDir', appDir], {
    cwd: top,
  });
  await run(
    bin('vite'),
    [
      'build',
      '--logLevel',
      'warn',
      '--emptyOutDir',
      '--outDir',
      path.join(appDir, 'dist', 'overlay'),
    ],
    { cwd: top },
  );
  await cp(path.join(top, 'protocol', 'schemas'), path.join(appDir, 'protocol', 'schemas'), {
    recursive: true,
  });
  await cp(path.join(top, 'themes'), path.join(appDir, 'themes'), { recursive: true });
  await cp(path.join(top, 'widget', WIDGET_FILE), path.join(appDir, 'widget', WIDGET_FILE));
  await cp(path.join(top, 'bin', 'bar-livedata.js'), path.join(appDir, 'bin', 'bar-livedata.js'));
  const manifest = {
    name: 'bar-livedata',
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    type: 'module',
    engines: pkg.engines,
    bin: { 'bar-livedata': 'bin/bar-livedata.js' },
    files: ['bin', 'bridge', 'protocol', 'dist', 'themes', 'widget', BUILD_INFO_FILE],
    dependencies: pkg.dependencies,
  };
  await writeFile(path.join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeBuildInfo(appDir, { commit, archive: false });
}

async function writeBuildInfo(appDir: string, info: BuildInfoFile): Promise<void> {
  await writeFile(path.join(appDir, BUILD_INFO_FILE), `${JSON.stringify(info)}\n`);
}

/** A launcher or README.txt from scripts/release/files, with Windows line ends for Windows. */
async function placeFile(
  name: string,
  target: string,
  platform: ReleasePlatform,
  vars: Record<string, string>,
): Promise<void> {
  let text = await readFile(path.join(files, name), 'utf8');
  for (const [key, value] of Object.entries(vars)) text = text.replaceAll(`{{${key}}}`, value);
  if (platform === 'win-x64') text = text.replace(/\r?\n/g, '\r\n');
  await writeFile(target, text, { mode: name.includes('.') ? 0o644 : 0o755 });
}

async function packArchive(
  stageDir: string,
  name: string,
  platform: ReleasePlatform,
  outDir: string,
): Promise<string> {
  if (platform === 'win-x64') {
    const archive = path.join(outDir, `${name}.zip`);
    await run('zip', ['-q', '-r', '-X', '-9', archive, name], { cwd: stageDir });
    return archive;
  }
  const archive = path.join(outDir, `${name}.tar.gz`);
  const tar = ['tar', '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', name];
  await run('sh', ['-c', `${tar.join(' ')} | gzip -9 > "${archive}"`], { cwd: stageDir });
  return archive;
}

async function platformArchive(
  platform: ReleasePlatform,
  app: { dir: string; packages: string[] },
  version: string,
  commit: string,
  outDir: string,
): Promise<{ archive: string; appDir: string }> {
  const stageDir = path.join(outDir, 'stage');
  const name = `bar-livedata-${version}-${platform}`;
  const root = path.join(stageDir, name);
  const appDir = path.join(root, 'app');
  await cp(app.dir, appDir, { recursive: true });
  await writeBuildInfo(appDir, { commit, archive: true });
  for (const relative of app.packages) await copyRuntimePackage(relative, appDir);
  const windows = platform === 'win-x64';
  await cp(await releaseNode(platform), path.join(appDir, windows ? 'node.exe' : 'node'));
  await cp(await releaseNodeLicense(), path.join(appDir, 'LICENSE-node.txt'));
  const vars = { VERSION: version, NODE: RELEASE_NODE.version };
  const launchers = windows ? ['bar-livedata.cmd', 'install-widget.cmd'] : ['bar-livedata'];
  for (const file of [...launchers, 'README.txt']) {
    await placeFile(file, path.join(root, file), platform, vars);
  }
  return { archive: await packArchive(stageDir, name, platform, outDir), appDir };
}

export async function buildRelease(outDir: string): Promise<ReleaseBuild> {
  const commit = gitCommit(top);
  if (!commit) throw new Error('a release is built from a git checkout (no commit found)');
  const pkg = JSON.parse(await readFile(path.join(top, 'package.json'), 'utf8')) as PackageJson;
  const { version } = pkg;
  await rm(path.join(outDir, 'stage'), { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const appDir = path.join(outDir, 'stage', 'app');
  await stageApp(appDir, pkg, commit);
  const packed = await run(
    'npm',
    ['pack', appDir, '--json', '--pack-destination', outDir, '--loglevel', 'error'],
    { cwd: outDir },
  );
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  const app = { dir: appDir, packages: await runtimePackages(Object.keys(pkg.dependencies)) };
  const archives = { npm: path.join(outDir, filename) } as ReleaseBuild['archives'];
  let code = 0;
  for (const platform of RELEASE_PLATFORMS) {
    const built = await platformArchive(platform, app, version, commit, outDir);
    archives[platform] = built.archive;
    code = await codeBytes(built.appDir);
  }
  const sizes = {} as ReleaseBuild['sizes'];
  for (const [kind, file] of Object.entries(archives)) {
    sizes[kind as keyof typeof archives] = (await stat(file)).size;
  }
  await rm(path.join(outDir, 'stage'), { recursive: true, force: true });
  return { version, commit, archives, sizes, codeBytes: code };
}

const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(2)} MB`;

/** One line per archive and one for the code, each against its budget. */
export function releaseReport(built: ReleaseBuild): string[] {
  const lines = Object.entries(built.archives).map(
    ([kind, file]) =>
      `${path.basename(file)}: ${mb(built.sizes[kind as keyof ReleaseBuild['sizes']])} (budget ${mb(BUDGET.archiveBytes)})`,
  );
  lines.push(
    `JavaScript, CSS and themes in an archive: ${mb(built.codeBytes)} (budget ${mb(BUDGET.codeBytes)})`,
  );
  return [
    `bar-livedata ${built.version} (commit ${built.commit.slice(0, 12)}), Node.js ${RELEASE_NODE.version}`,
    ...lines,
  ];
}
