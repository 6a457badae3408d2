// A real bridge in this process with the access rules, OBS routes and the match API plugged in, on
// ephemeral ports with its own data folder, as the command starts it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accessPlugin } from '../bridge/auth.ts';
import { startBridge, type Bridge, type BridgeOptions } from '../bridge/bridge.ts';
import type { LogLevel } from '../bridge/logger.ts';
import { capturingLogger, type CapturingLogger } from './capturing-logger.ts';
import { matchPlugin } from '../bridge/api/match-plugin.ts';
import { obsPlugin, type ObsOptions } from '../bridge/obs/obs-plugin.ts';

export interface ControlBridge {
  bridge: Bridge;
  /** http://127.0.0.1:PORT */
  base: string;
  dataDir: string;
  logger: CapturingLogger;
  /** Closes the bridge; removes the data folder unless `keepData`. */
  close(keepData?: boolean): Promise<void>;
}

export async function startControlBridge(
  options: Pick<
    BridgeOptions,
    'host' | 'token' | 'dataDir' | 'distDir' | 'demo' | 'replay' | 'record' | 'delay'
  > & { logLevel?: LogLevel; obs?: ObsOptions } = {},
): Promise<ControlBridge> {
  // As the command does: the OBS routes are there, off unless given an address.
  const { logLevel = 'warn', obs = { url: null, password: null }, ...rest } = options;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'bar-control-')));
  const logger = capturingLogger(logLevel);
  const bridge = await startBridge({
    token: null,
    ...rest,
    tcpPort: 0,
    httpPort: 0,
    dataDir,
    logger,
    plugins: [accessPlugin, obsPlugin(obs), matchPlugin],
  });
  return {
    bridge,
    base: `http://127.0.0.1:${bridge.httpPort}`,
    dataDir,
    logger,
    async close(keepData = false) {
      await bridge.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
