// Test helpers for caster control: a real bridge with the access rules and the match API plugged
// in, on ephemeral ports with its own data folder, and a small HTTP client for the JSON API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accessPlugin } from '../auth.ts';
import { startBridge, type Bridge, type BridgeOptions } from '../bridge.ts';
import type { LogLevel } from '../logger.ts';
import { capturingLogger, type CapturingLogger } from '../testing.ts';
import { matchPlugin } from './match-plugin.ts';
import { obsPlugin, type ObsOptions } from '../obs/obs-plugin.ts';

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

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request; a Buffer or string body goes as is, anything else as JSON. */
export async function call(
  base: string,
  method: string,
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const raw = Buffer.isBuffer(body)
    ? Uint8Array.from(body).buffer
    : body === undefined || typeof body === 'string'
      ? body
      : JSON.stringify(body);
  const res = await fetch(base + target, { method, headers, body: raw });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
