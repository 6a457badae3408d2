// `--open`: shows the bridge's page in the caster's default browser, the way the download's
// launcher starts it. Opening is best effort: without a browser the bridge runs on and says so.
import { spawn } from 'node:child_process';
import type { Logger } from './logger.ts';

/** The command that hands a URL to the desktop's default browser on each platform. */
export function browserCommand(url: string, platform: NodeJS.Platform): [string, string[]] {
  // rundll32 takes the URL as one argument: no cmd.exe quoting rules for '&' in a query.
  if (platform === 'win32') return ['rundll32.exe', ['url.dll,FileProtocolHandler', url]];
  if (platform === 'darwin') return ['open', [url]];
  return ['xdg-open', [url]];
}

export function openInBrowser(
  url: string,
  logger: Logger,
  platform: NodeJS.Platform = process.platform,
): void {
  const [command, args] = browserCommand(url, platform);
  const failed = (why: string): void =>
    logger.warn(`could not open a browser (${why}): open ${url} yourself`);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error: NodeJS.ErrnoException) => failed(error.code ?? error.message));
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) failed(`${command} exited with ${code}`);
    });
    child.unref();
  } catch (error) {
    failed((error as Error).message);
  }
}
