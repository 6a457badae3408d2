// `bar-livedata [flags]` and `bar-livedata install-widget [folder]`. Starts the bridge, prints the
// ready line on stdout once it listens (tests parse it), and shuts down cleanly on Ctrl-C: sockets
// closed, recording flushed.
import { parseCli, USAGE, UsageError, type RunArgs } from './cli-args.ts';
import { startBridge, type Bridge } from './bridge.ts';
import { BridgeStartError } from './start-checks.ts';
import { createLogger } from './logger.ts';
import { accessBanner } from './auth.ts';
import { matchPlugin } from './api/match-plugin.ts';
import { defaultDataDir, portableDataDir, prepareDataDir } from './data-dir.ts';
import { appIdentity, describeBuild } from './build-info.ts';
import { openInBrowser } from './open-browser.ts';
import { obsPlugin } from './obs/obs-plugin.ts';

const HINT = 'Run "bar-livedata --help" for the flags.';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function shutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const first = (signal: string): void => {
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', first);
    process.once('SIGTERM', first);
  });
}

async function run(args: RunArgs, io: Io): Promise<number> {
  const logger = createLogger(args.logLevel);
  // The match data lives here: a folder that cannot be used is a start-up error naming the flag.
  const dataDir = args.dataDir ?? portableDataDir(appIdentity().programDir) ?? defaultDataDir();
  try {
    await prepareDataDir(dataDir);
  } catch (error) {
    const hint = args.dataDir ? '' : ' (the default; choose another with --data-dir)';
    io.err(`bar-livedata: --data-dir ${dataDir}: ${(error as Error).message}${hint}`);
    return 1;
  }
  let bridge: Bridge;
  try {
    bridge = await startBridge({
      host: args.host,
      tcpPort: args.tcpPort,
      httpPort: args.httpPort,
      maxFrame: args.maxFrame,
      token: args.token,
      // startBridge puts the access rules (auth.ts) in front of these.
      plugins: [obsPlugin({ url: args.obs, password: args.obsPassword }), matchPlugin],
      demo: args.demo,
      record: args.record,
      replay: args.replay,
      themesDir: args.themesDir,
      dataDir,
      logger,
      delay: args.delay,
    });
  } catch (error) {
    if (!(error instanceof BridgeStartError)) throw error;
    io.err(`bar-livedata: ${error.message}`);
    // A value wrong in itself is reported like a bad flag.
    if (error.usage) io.err(HINT);
    return error.usage ? 2 : 1;
  }
  const tcpHost = new URL(bridge.httpUrl).hostname;
  io.out(`bar-livedata ready: widget tcp ${tcpHost}:${bridge.tcpPort}, overlay ${bridge.httpUrl}`);
  // The caster needs these lines (a generated token among them) whatever the log level.
  const access = { token: bridge.token, generated: bridge.token !== args.token };
  for (const line of accessBanner(access, args.host, bridge.httpPort)) io.err(line);
  logger.info(`open ${bridge.httpUrl} for the overlay URLs to paste into OBS`);
  if (args.open) openInBrowser(bridge.httpUrl, logger);
  const signal = await shutdownSignal();
  logger.info(`${signal}: shutting down`);
  await bridge.close();
  logger.info('stopped');
  return 0;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const command = parseCli(argv, process.env);
    switch (command.kind) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(`bar-livedata ${describeBuild(appIdentity().build)}`);
        return 0;
      case 'install-widget': {
        const { runInstallWidget } = await import('./install-widget.ts');
        return await runInstallWidget(command.args);
      }
      case 'run':
        return await run(command.args, io);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`bar-livedata: ${error.message}`);
    io.err(HINT);
    return 2;
  }
}
