// Composes the bridge: widget intake → sources → state store → WebSocket fan-out, the HTTP server,
// theme watching, recording, replay and the demo. `startBridge(options)` is the one entry point for
// the CLI, the tests and other tools (docs/architecture.md).
import path from 'node:path';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { Counters } from './counters.ts';
import { DEFAULT_MAX_FRAME } from './frame-decoder.ts';
import { startTcpIntake, type TcpIntake } from './tcp-intake.ts';
import { Sources, type SourceOrigin } from './sources.ts';
import { StateStore } from './state-store.ts';
import { lastGameFile } from './history/last-game-file.ts';
import { WsFanout } from './ws-fanout.ts';
import { isClientRole, type ClientRole } from '../protocol/client-roles.ts';
import { startHttpServer, type HttpServer } from './http-server.ts';
import { builtInRoutes } from './routes.ts';
import { Themes } from './themes.ts';
import { Recorder } from './recorder.ts';
import { startReplay, type Replay } from './replayer.ts';
import { LoopbackSource } from './loopback-source.ts';
import { startDemo, type DemoPlayer } from './demo/player.ts';
import { DEMO_WIDGET_NAME } from './demo/game.ts';
import type { DemoShape } from './demo/roster.ts';
import { defaultDataDir } from './data-dir.ts';
import { APP_ROOT, appIdentity } from './build-info.ts';
import { LivePipeline, type LiveMessageListener } from './live-pipeline.ts';
import { parseDelaySeconds } from '../protocol/delay.ts';
import { accessPlugin } from './auth.ts';
import { BridgeStartError, checkStart } from './start-checks.ts';
import { reachable, urlHost } from './host.ts';
import type { BridgeStatus, DelayInfo, Match, ServerMessage } from '../protocol/types.ts';

export interface BridgeOptions {
  /** Address both servers listen on (default 127.0.0.1). Anything else needs a token. */
  host?: string;
  /** Widget TCP port (default 9876; 0 picks a free one). */
  tcpPort?: number;
  /** HTTP and WebSocket port (default 9877; 0 picks a free one). */
  httpPort?: number;
  /** Largest widget frame in bytes (default 1 MiB). */
  maxFrame?: number;
  /** Secret that guards the bridge (auth.ts); one is generated when host is not loopback. */
  token?: string | null;
  /** The caster's own themes, searched before the built-in themes/ folder. */
  themesDir?: string | null;
  /** Where match data and logos live (default: the per-user app data folder). */
  dataDir?: string;
  logLevel?: LogLevel;
  /** Overrides logLevel: where log lines go. */
  logger?: Logger;
  demo?: { shape?: DemoShape; seed?: number; speed?: number } | null;
  /** Append every valid widget message to this file (recorder.ts format). */
  record?: string | null;
  replay?: { file: string; speed?: number; loop?: boolean } | null;
  /**
   * Seconds (0-600) by which everything from the game that leaves the bridge is late: /ws, /status,
   * the API and live-message listeners. The match data's delay_s can raise it, never lower it.
   */
  delay?: number;
  /** Add-ons (the match API, auth): each gets the bridge and may return a cleanup. */
  plugins?: BridgePlugin[];
  // Tuning, mostly for tests.
  staleAfterMs?: number;
  dropAfterMs?: number;
  pingIntervalMs?: number;
  maxClientBufferBytes?: number;
  themeDebounceMs?: number;
  distDir?: string;
  builtinThemesDir?: string;
}

export type BridgePlugin = (
  bridge: Bridge,
) => void | (() => void | Promise<void>) | Promise<void | (() => void | Promise<void>)>;

export interface Bridge {
  readonly host: string;
  readonly tcpPort: number;
  readonly httpPort: number;
  /** e.g. http://127.0.0.1:9877/ (loopback shown for a wildcard host). */
  readonly httpUrl: string;
  /** The token in force (given, or generated for a non-loopback host), null when open (loopback). */
  readonly token: string | null;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly counters: Counters;
  /** Route and authorisation seam of the HTTP server (http-server.ts). */
  readonly http: Pick<HttpServer, 'use' | 'authorize'>;
  /** WebSocket clients: broadcast(), onClientMessage(). */
  readonly fanout: WsFanout;
  status(): BridgeStatus;
  /** True when a theme of this name is found in the themes folders. */
  themeExists(name: string): Promise<boolean>;
  /**
   * Every valid message of the live source, after it was relayed (with received_at), and who is
   * behind that source: a widget, or the bridge's own demo or replay.
   */
  onLiveMessage(listener: LiveMessageListener): () => void;
  /** Makes another connected widget the live source; false when it has not said hello. */
  selectSource(id: string): boolean;
  /** Stores the match data for snapshots and sends it to every client (its delay_s applies). */
  setMatch(match: Match): void;
  /** The bridge-wide delay in force, in seconds (the larger of --delay and the match's delay_s). */
  delaySeconds(): number;
  /** The delay for the control page, with the live game's clock. */
  delay(): DelayInfo;
  /** Every match setMatch() is given, from the next one on. */
  onMatch(listener: (match: Match) => void): () => void;
  close(): Promise<void>;
}

function listenError(error: unknown, host: string, port: number, flag: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE')
    return new BridgeStartError(
      flag,
      `${flag} ${port}: ${where} is already in use (another bridge running?)`,
    );
  if (code === 'EACCES')
    return new BridgeStartError(flag, `${flag} ${port}: not allowed to listen on ${where}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new BridgeStartError('--host', `--host ${host}: not an address of this computer`);
  }
  return error as Error;
}

const STALE_AFTER_MS = 10_000;

// Every counter is described in protocol/schemas/bridge-status.schema.json.
const COUNTERS = [
  'connections_total',
  'connections_refused',
  'bytes_in',
  'frames_in',
  'messages_valid',
  'messages_invalid',
  'messages_missed',
  'frames_bad_utf8',
  'frames_bad_json',
  'framing_errors',
  'messages_ignored',
  'messages_relayed',
  'connections_dropped_idle',
  'clients_total',
  'clients_dropped_slow',
  'clients_dropped_dead',
  'states_coalesced',
];

export async function startBridge(given: BridgeOptions = {}): Promise<Bridge> {
  const options = await checkStart(given);
  const { host, token } = options;
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const counters = new Counters(COUNTERS);
  const sources = new Sources();
  // Only a bridge given its data folder (the command always is) keeps the last game there.
  const lastGame = options.dataDir ? lastGameFile(options.dataDir, logger) : null;
  const store = new StateStore({
    lastGame: await lastGame?.load(),
    onFinished: (game) => lastGame?.save(game),
  });
  const started = Date.now();
  const matchListeners = new Set<(match: Match) => void>();
  const flagDelayMs = Math.round((options.delay ?? 0) * 1000);
  let delayMs = flagDelayMs;
  // The demo's and the replay's own connections, by the peer address the intake sees.
  const ownPeers = new Map<string, SourceOrigin>();
  const themes = new Themes(
    [options.themesDir, options.builtinThemesDir ?? path.join(APP_ROOT, 'themes')].filter(
      (dir): dir is string => !!dir,
    ),
    logger,
  );
  let closing: Promise<void> | null = null;

  const delayInfo = (): DelayInfo => ({
    seconds: delayMs / 1000,
    minimum_seconds: flagDelayMs / 1000,
    live_game_seconds: store.game.state?.game_seconds ?? null,
  });
  /** The status as a client `lateMs` behind sees it (the bridge-wide delay at least); a control
   * page's also has what GET /api/state adds, so it needs no polling. */
  const status = (lateMs = 0, role?: ClientRole): BridgeStatus => {
    // Under a delay, a game's hello (its players, map) shows once it is that old.
    const late = Math.max(lateMs, delayMs);
    const cutoff = Date.now() - late;
    const list = sources
      .list()
      .map((s) =>
        late > 0 && s.hello && (s.hello.received_at ?? Infinity) > cutoff
          ? { ...s, hello: null }
          : s,
      );
    return {
      type: 'bridge',
      schema_version: 1,
      build: appIdentity().build,
      source: list.find((s) => s.live) ?? null,
      sources: list,
      clients: fanout.counts(),
      counters: counters.toJSON(),
      uptime_s: Math.round((Date.now() - started) / 100) / 10,
      ...(role === 'control' && {
        control: { now: Date.now(), clients: fanout.clients(), delay: delayInfo() },
      }),
    };
  };
  const broadcastStatus = (): void => {
    if (!closing) fanout.broadcastByDelay(status);
  };
  const keepFeeds = (): void => {
    pipeline.delayLine.keep([...fanout.delays(), delayMs].filter((d) => d > 0));
    if (delayMs > 0) pipeline.delayLine.open(delayMs);
  };
  const recorder = options.record
    ? await Recorder.open(options.record, logger).catch((error: Error) => {
        throw new BridgeStartError('--record', `--record ${options.record}: ${error.message}`);
      })
    : null;

  const fanout: WsFanout = new WsFanout({
    logger,
    counters,
    snapshot: (late) =>
      store.snapshot(status(late), late > 0 ? pipeline.delayLine.join(late) : undefined),
    onClientsChanged: () => {
      keepFeeds();
      broadcastStatus();
    },
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    maxBufferedBytes: options.maxClientBufferBytes ?? 8 * 1024 * 1024,
  });
  const pipeline: LivePipeline = new LivePipeline({
    sources,
    store,
    fanout,
    counters,
    logger,
    recorder,
    delayMs: () => delayMs,
    originOf: (peer) => ownPeers.get(peer) ?? 'widget',
    onSourcesChanged: broadcastStatus,
  });

  let intake: TcpIntake;
  const tcpPort = options.tcpPort ?? 9876;
  try {
    intake = await startTcpIntake({
      host,
      port: tcpPort,
      maxFrame: options.maxFrame ?? DEFAULT_MAX_FRAME,
      staleAfterMs: options.staleAfterMs ?? STALE_AFTER_MS,
      dropAfterMs: options.dropAfterMs ?? 60_000,
      logger,
      counters,
      onConnect(conn) {
        sources.add(conn.id, conn.peer, conn.connectedAt);
        broadcastStatus();
      },
      onMessage(conn, message, text, at) {
        pipeline.receive(conn, message, text, at);
      },
      onStale(conn) {
        sources.setStale(conn.id, conn.stale);
        broadcastStatus();
      },
      onClose(conn) {
        ownPeers.delete(conn.peer);
        if (sources.remove(conn.id)) {
          logger.info(`the live source ${conn.id} went away; overlays keep its last state`);
        }
        broadcastStatus();
      },
    });
  } catch (error) {
    await Promise.all([fanout.close(), recorder?.close()]);
    throw listenError(error, host, tcpPort, '--tcp-port');
  }

  const httpPort = options.httpPort ?? 9877;
  let http: HttpServer;
  try {
    http = await startHttpServer({
      host,
      port: httpPort,
      logger,
      routes: builtInRoutes({
        distDir: options.distDir ?? path.join(APP_ROOT, 'dist', 'overlay'),
        themes,
        status,
        fallbackHost: `${urlHost(reachable(host))}:${httpPort}`,
        token: () => token,
      }),
      upgrade(req, socket, head, url) {
        if (url.pathname !== '/ws') return false;
        const role = url.searchParams.get('role') ?? 'overlay';
        const asked = url.searchParams.has('delay')
          ? parseDelaySeconds(url.searchParams.get('delay')!)
          : 0;
        if (!isClientRole(role) || asked === null) {
          socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return true;
        }
        // A page may ask to be later than the bridge, never earlier.
        fanout.handleUpgrade(req, socket, head, role, Math.max(delayMs, asked * 1000));
        return true;
      },
    });
  } catch (error) {
    await Promise.all([intake.close(), fanout.close(), recorder?.close()]);
    throw listenError(error, host, httpPort, '--http-port');
  }

  const cleanups: (() => void | Promise<void>)[] = [];
  let demo: DemoPlayer | null = null;
  let replay: Replay | null = null;
  let revision = 0;
  const stopWatching = themes.watch((name) => {
    revision += 1;
    logger.info(`theme ${name} changed (revision ${revision})`);
    fanout.broadcast({ type: 'theme', schema_version: 1, name, revision });
  }, options.themeDebounceMs ?? 150);

  /** A new bridge-wide delay: every client starts over at it (the overlays reconnect by themselves). */
  const setDelay = (next: number): void => {
    if (next === delayMs) return;
    logger.info(`game data now leaves the bridge ${next / 1000} s late (was ${delayMs / 1000} s)`);
    delayMs = next;
    keepFeeds();
    fanout.restartClients('the bridge-wide delay changed');
  };

  keepFeeds();
  const bridge: Bridge = {
    host,
    tcpPort: intake.port,
    httpPort: http.port,
    httpUrl: `http://${urlHost(reachable(host))}:${http.port}/`,
    token,
    dataDir: options.dataDir ?? defaultDataDir(),
    logger,
    counters,
    http,
    fanout,
    status,
    async themeExists(name) {
      return (await themes.list()).some((theme) => theme.name === name);
    },
    onLiveMessage: (listener) => pipeline.onLiveMessage(listener),
    selectSource: (id) => pipeline.select(id),
    setMatch(match) {
      const nextGame = store.match !== null && match.next_game_at !== store.match.next_game_at;
      store.match = match;
      if (nextGame && match.next_game_at !== undefined) {
        pipeline.relayMade(store.history.nextGame(match.next_game_at), Date.now());
      }
      fanout.broadcast({ type: 'match', schema_version: 1, match } satisfies ServerMessage);
      setDelay(Math.max(flagDelayMs, Math.round((match.delay_s ?? 0) * 1000)));
      for (const listener of matchListeners) listener(match);
    },
    onMatch(listener) {
      matchListeners.add(listener);
      return () => matchListeners.delete(listener);
    },
    delaySeconds: () => delayMs / 1000,
    delay: delayInfo,
    close() {
      closing ??= (async () => {
        await Promise.all([demo?.close(), replay?.close()]);
        for (const cleanup of cleanups.reverse()) await cleanup();
        stopWatching();
        pipeline.delayLine.close();
        await intake.close();
        await fanout.close();
        await http.close();
        await recorder?.close();
        await lastGame?.flush();
      })();
      return closing;
    },
  };

  try {
    // Access rules first: nothing is served before the token check is in place.
    for (const plugin of [accessPlugin, ...(options.plugins ?? [])]) {
      const cleanup = await plugin(bridge);
      if (cleanup) cleanups.push(cleanup);
    }
  } catch (error) {
    await bridge.close();
    throw error;
  }
  // While a game is connected the control pages' clocks and ages move: a fresh status each second.
  const statusTick = setInterval(() => {
    if (!closing && sources.list().length > 0) fanout.broadcastByDelay(status, ['control']);
  }, 1000);
  cleanups.push(() => clearInterval(statusTick));

  const loopbackHost = reachable(host);
  // The demo and replay send at least this often, so a slowed one never looks stale.
  const keepAliveMs = Math.floor((options.staleAfterMs ?? STALE_AFTER_MS) / 2);
  const connectOwn = (origin: SourceOrigin) => async (): Promise<LoopbackSource> => {
    const source = await LoopbackSource.connect(loopbackHost, intake.port);
    ownPeers.set(source.address, origin);
    return source;
  };
  if (options.demo) {
    demo = startDemo({
      shape: options.demo.shape ?? '8v8',
      seed: options.demo.seed ?? Math.floor(Math.random() * 2 ** 32),
      speed: options.demo.speed ?? 1,
      connect: connectOwn('demo'),
      keepAliveMs,
      logger,
      realGameConnected: () =>
        sources.list().some((s) => s.hello !== null && s.hello.widget.name !== DEMO_WIDGET_NAME),
    });
  }
  if (options.replay) {
    replay = startReplay({
      file: options.replay.file,
      speed: options.replay.speed ?? 1,
      loop: options.replay.loop ?? false,
      connect: connectOwn('replay'),
      keepAliveMs,
      logger,
      counters,
    });
  }
  return bridge;
}
