// A real OBS Studio (Debian's obs-studio, with its obs-websocket 5 plugin) for tests, under
// xvfb-run with a throw-away HOME: one scene collection with the scenes asked for, obs-websocket on
// a free port with a password, and no first-run wizard (global.ini says the first run is done).
//
//   const obs = await startObs(['Game', 'Break', 'Results']);
//   obs.url; obs.password;                        // for the bridge's --obs and --obs-password
//   await obs.client.call('GetCurrentProgramScene');
//   await obs.stop();
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js';

export interface ObsProcess {
  readonly url: string;
  readonly password: string;
  /** A test's own obs-websocket client, identified. */
  readonly client: OBSWebSocket;
  /** Everything OBS logged on stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function writeConfig(home: string, scenes: string[], port: number, password: string): void {
  const config = path.join(home, '.config', 'obs-studio');
  mkdirSync(path.join(config, 'basic', 'scenes'), { recursive: true });
  mkdirSync(path.join(config, 'basic', 'profiles', 'Test'), { recursive: true });
  // obs-websocket 5.1 (OBS 29) keeps its settings in global.ini's [OBSWebSocket].
  writeFileSync(
    path.join(config, 'global.ini'),
    [
      '[General]',
      'FirstRun=true',
      'EnableAutoUpdates=false',
      '',
      '[Basic]',
      'Profile=Test',
      'ProfileDir=Test',
      'SceneCollection=Test',
      'SceneCollectionFile=Test',
      '',
      '[OBSWebSocket]',
      'FirstLoad=false',
      'ServerEnabled=true',
      `ServerPort=${port}`,
      'AlertsEnabled=false',
      'AuthRequired=true',
      `ServerPassword=${password}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(config, 'basic', 'profiles', 'Test', 'basic.ini'),
    '[General]\nName=Test\n\n[Video]\nBaseCX=640\nBaseCY=360\nOutputCX=640\nOutputCY=360\n',
  );
  const sources = scenes.map((name) => ({
    id: 'scene',
    versioned_id: 'scene',
    name,
    settings: { items: [], id_counter: 0, custom_size: false },
  }));
  writeFileSync(
    path.join(config, 'basic', 'scenes', 'Test.json'),
    JSON.stringify({
      name: 'Test',
      current_scene: scenes[0],
      current_program_scene: scenes[0],
      scene_order: scenes.map((name) => ({ name })),
      sources,
      groups: [],
      transitions: [],
      current_transition: 'Cut',
      transition_duration: 0,
      modules: {},
    }),
  );
}

/**
 * Starts OBS and resolves once its obs-websocket answers; fails after `timeoutMs`. `again` starts
 * it on the port and with the password of an OBS that was stopped (OBS opened again).
 */
export async function startObs(
  scenes: string[],
  { again, timeoutMs = 60_000 }: { again?: ObsProcess; timeoutMs?: number } = {},
): Promise<ObsProcess> {
  const home = mkdtempSync(path.join(tmpdir(), 'obs-home-'));
  const port = again ? Number(new URL(again.url).port) : await freePort();
  const password = again?.password ?? `pw-${Math.random().toString(36).slice(2)}`;
  writeConfig(home, scenes, port, password);
  let output = '';
  const child: ChildProcess = spawn(
    'xvfb-run',
    ['-a', 'obs', '--minimize-to-tray', '--disable-updater', '--multi', '--disable-shutdown-check'],
    { env: { ...process.env, HOME: home }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async (): Promise<void> => {
    if (!gone) {
      // xvfb-run, Xvfb and OBS share the process group started above.
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => !gone && process.kill(-child.pid!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };

  const url = `ws://127.0.0.1:${port}`;
  const client = new OBSWebSocket();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.connect(url, password);
      break;
    } catch (error) {
      if (gone || Date.now() > deadline) {
        await stop();
        throw new Error(
          `OBS did not answer on ${url}: ${(error as Error).message}\n${output.slice(-2000)}`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    url,
    password,
    client,
    output: () => output,
    async stop() {
      await client.disconnect().catch(() => undefined);
      await stop();
    },
  };
}
