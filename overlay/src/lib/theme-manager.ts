// Loads the overlay's theme at run time from the bridge: the parent chain's stylesheets as <link>
// elements, root first. A change on disk (a `theme` message) reloads just the stylesheets, new
// ones first and the old removed once the new have loaded, so nothing flashes. A missing or broken
// theme falls back to the default with a console warning that names the theme and the reason; when
// not even the default loads (the bridge restarting mid-fetch), the page shows in the look built
// into app.css. Whatever failed is retried with backoff and whenever the theme is asked for again
// (every snapshot, so every reconnect).
import { backoffDelay } from './socket.ts';
import {
  DEFAULT_THEME,
  ThemeError,
  resolveThemeChain,
  type ThemeLink,
  type ThemeJsonSource,
} from '../../../protocol/theme-json.ts';
import { httpThemeSource } from './theme-source.ts';
import { readTokens, type ThemeTokens } from './tokens.ts';

/** False for an empty or unparseable stylesheet. */
function definesSomething(link: HTMLLinkElement): boolean {
  try {
    return (link.sheet?.cssRules.length ?? 0) > 0;
  } catch {
    return true; // unreadable means another origin served it: trust it
  }
}

export interface ThemeManagerOptions {
  /** URL prefix of the theme folders. */
  base?: string;
  onApplied(chain: ThemeLink[], tokens: ThemeTokens): void;
  /** No theme could be loaded yet: the tokens of the built-in look, shown meanwhile. */
  onUnavailable(tokens: ThemeTokens): void;
}

/** Retries of a failed load: after 1 s, doubling to at most 30 s. */
const RETRY = { minDelayMs: 1000, maxDelayMs: 30_000 };

export class ThemeManager {
  private readonly base: string;
  private readonly source: ThemeJsonSource;
  private wanted: string | null = null;
  /** The theme whose stylesheets are in (the wanted one or the default), null before any. */
  private applied: string | null = null;
  private loading = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Problems logged since the last success: retries that fail the same way stay quiet. */
  private readonly reported = new Set<string>();
  /** Every theme the current attempt touched: a change to any of them is worth a retry. */
  private watched = new Set<string>();
  private links: HTMLLinkElement[] = [];
  private generation = 0;
  private loads = 0;
  private readonly revisions = new Map<string, number>();

  constructor(private readonly options: ThemeManagerOptions) {
    this.base = options.base ?? '/themes/';
    const http = httpThemeSource(this.base);
    this.source = (id) => {
      this.watched.add(id);
      return http(id);
    };
  }

  /** Switches to a theme; asked for the wanted one again, retries it unless it is in or loading. */
  want(id: string): Promise<void> {
    if (id === this.wanted && (this.applied === id || this.loading)) return Promise.resolve();
    if (id !== this.wanted) this.failures = 0;
    this.wanted = id;
    return this.apply();
  }

  /** A theme's files changed on disk. */
  changed(id: string, revision: number): Promise<void> {
    this.revisions.set(id, revision);
    return this.watched.has(id) ? this.apply() : Promise.resolve();
  }

  private async apply(): Promise<void> {
    const wanted = this.wanted ?? DEFAULT_THEME;
    const generation = ++this.generation;
    clearTimeout(this.retryTimer);
    this.loading = true;
    this.watched = new Set();
    try {
      await this.load(wanted, generation);
      if (generation !== this.generation) return;
      this.failures = 0;
      this.reported.clear();
    } catch (err) {
      if (generation !== this.generation) return;
      const reason = err instanceof ThemeError ? err.message : String(err);
      if (wanted === DEFAULT_THEME) {
        this.report('error', `the default theme is broken: ${reason}`);
      } else {
        this.report(
          'warn',
          `theme "${wanted}" is missing or broken (${reason}); using "${DEFAULT_THEME}"`,
        );
        if (this.applied !== DEFAULT_THEME) {
          try {
            await this.load(DEFAULT_THEME, generation);
          } catch (fallbackErr) {
            if (generation !== this.generation) return;
            this.report('error', `the default theme is broken too: ${String(fallbackErr)}`);
          }
        }
      }
      if (generation !== this.generation) return;
      if (this.applied === null) {
        this.options.onUnavailable(readTokens(getComputedStyle(document.documentElement)));
      }
      this.retryTimer = setTimeout(() => void this.apply(), backoffDelay(this.failures++, RETRY));
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private report(level: 'warn' | 'error', problem: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    console[level](`[overlay] ${problem}`);
  }

  private async load(id: string, generation: number): Promise<void> {
    const chain = await resolveThemeChain(id, this.source);
    if (generation !== this.generation) return;
    this.loads += 1;
    const fresh = chain.map((info) => this.stylesheet(info.id));
    const settled = await Promise.allSettled(fresh.map(({ ready }) => ready));
    const links = fresh.map(({ link }) => link);
    if (generation !== this.generation) {
      for (const link of links) link.remove();
      return;
    }
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      for (const link of links) link.remove();
      throw failed.reason;
    }
    for (const old of this.links) old.remove();
    this.links = links;
    this.applied = id;
    document.documentElement.dataset.theme = id;
    this.options.onApplied(chain, readTokens(getComputedStyle(document.documentElement)));
  }

  private stylesheet(id: string): { link: HTMLLinkElement; ready: Promise<void> } {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.dataset.theme = id;
    // Unique per load: a restarted bridge counts revisions from 0 again.
    const version = `${this.revisions.get(id) ?? 0}.${this.loads}`;
    link.href = `${this.base}${encodeURIComponent(id)}/theme.css?v=${version}`;
    const ready = new Promise<void>((resolve, reject) => {
      link.onload = () => {
        if (definesSomething(link)) resolve();
        else reject(new ThemeError(`${id}/theme.css defines nothing`));
      };
      link.onerror = () => reject(new ThemeError(`${id}/theme.css could not be loaded`));
    });
    document.head.append(link);
    return { link, ready };
  }
}
