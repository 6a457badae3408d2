// Theme folders: the caster's --themes-dir first, then the built-in themes/. A theme is a folder
// NAME/ with theme.css and theme.json ({name, description, parent?}). This module finds a theme's
// files (never outside its folder), lists the themes, and watches the folders so overlays can
// reload a stylesheet the moment a caster saves it. The listing checks each theme's chain with the
// same rules as the overlay (protocol/theme-json.ts): a theme the overlay would refuse is not
// offered to the caster.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from './static-files.ts';
import { THEME_NAME, ThemeError, resolveThemeChain } from '../protocol/theme-json.ts';
import type { Logger } from './logger.ts';
import type { ThemeInfo } from '../protocol/types.ts';

/** Why `dir` cannot serve as a themes folder, or null when it can. */
export async function themesDirProblem(dir: string): Promise<string | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return 'is not a folder';
    await readdir(dir);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such folder';
    return `cannot be read (${(error as Error).message})`;
  }
}

export class Themes {
  /** Searched in order; the first folder holding a theme's file wins. */
  readonly dirs: readonly string[];
  readonly #logger: Logger;
  /** Problem last logged per theme, so each is logged once, not on every listing. */
  readonly #reported = new Map<string, string>();

  constructor(dirs: readonly string[], logger: Logger) {
    this.dirs = dirs;
    this.#logger = logger;
  }

  /** The file at NAME/segments in the first folder that has it, or null. */
  async resolveFile(name: string, segments: string[]): Promise<string | null> {
    if (!THEME_NAME.test(name) || segments.length === 0) return null;
    for (const dir of this.dirs) {
      const file = await resolveInside(path.join(dir, name), segments);
      if (file) return file;
    }
    return null;
  }

  /**
   * Every theme the overlay can load, by folder name. Like every theme file, theme.json comes from
   * the first folder that has one. A theme whose chain the overlay would refuse (theme.json
   * missing, not JSON, no name, a missing parent, ...) is left out, with one log line.
   */
  async list(): Promise<ThemeInfo[]> {
    const names = new Set<string>();
    for (const dir of this.dirs) {
      for (const name of await readdir(dir).catch(() => [])) {
        if (THEME_NAME.test(name)) names.add(name);
      }
    }
    const listed: ThemeInfo[] = [];
    for (const name of [...names].sort()) {
      try {
        const info = (await resolveThemeChain(name, (id) => this.#readJson(id))).at(-1)!;
        listed.push({
          name,
          display_name: info.name,
          description: info.description,
          parent: info.parent,
        });
        this.#reported.delete(name);
      } catch (error) {
        if (!(error instanceof ThemeError)) throw error;
        this.#report(name, error.message);
      }
    }
    return listed;
  }

  /**
   * Calls onChange(name) once per burst of changes to a theme's files (editors save in several
   * steps). Returns the function that stops watching.
   */
  watch(onChange: (name: string) => void, debounceMs: number): () => void {
    const timers = new Map<string, NodeJS.Timeout>();
    const watchers: FSWatcher[] = [];
    for (const dir of this.dirs) {
      let watcher: FSWatcher;
      try {
        watcher = watch(dir, { recursive: true }, (_event, filename) => {
          const name = filename?.toString().split(/[\\/]/)[0];
          if (!name || !THEME_NAME.test(name)) return;
          clearTimeout(timers.get(name));
          timers.set(
            name,
            setTimeout(() => {
              timers.delete(name);
              onChange(name);
            }, debounceMs),
          );
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          this.#logger.warn(`themes: cannot watch ${dir}: ${(error as Error).message}`);
        }
        continue;
      }
      watcher.on('error', (error) =>
        this.#logger.warn(`themes: watching ${dir}: ${error.message}`),
      );
      watchers.push(watcher);
    }
    return () => {
      for (const watcher of watchers) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    };
  }

  /** A theme's parsed theme.json; ThemeError, as the overlay's fetch gives, when it has none. */
  async #readJson(name: string): Promise<unknown> {
    const file = await this.resolveFile(name, ['theme.json']);
    if (!file) throw new ThemeError(`${name}/theme.json not found`);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (error) {
      throw new ThemeError(`${file} is not valid JSON (${(error as Error).message})`);
    }
  }

  #report(name: string, problem: string): void {
    if (this.#reported.get(name) === problem) return;
    this.#reported.set(name, problem);
    this.#logger.warn(`themes: theme ${name} is not listed: ${problem}`);
  }
}
