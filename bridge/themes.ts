// Theme folders: the caster's --themes-dir first, then the built-in themes/. A theme is a folder
// NAME/ with theme.css and theme.json ({name, description, parent?}). This module finds a theme's
// files (never outside its folder), lists the themes, and watches the folders so overlays can
// reload a stylesheet the moment a caster saves it.
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from './static-files.ts';
import type { Logger } from './logger.ts';

export const THEME_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface ThemeInfo {
  name: string;
  description: string;
  parent: string | null;
}

export class Themes {
  /** Searched in order; the first folder holding a theme's file wins. */
  readonly dirs: readonly string[];
  readonly #logger: Logger;

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

  /** Every theme with a readable theme.json, by name; a user theme hides a built-in one. */
  async list(): Promise<ThemeInfo[]> {
    const found = new Map<string, ThemeInfo>();
    for (const dir of this.dirs) {
      let entries: string[];
      try {
        entries = await readdir(dir);
      } catch {
        continue;
      }
      for (const name of entries) {
        if (found.has(name) || !THEME_NAME.test(name)) continue;
        const info = await this.#read(dir, name);
        if (info) found.set(name, info);
      }
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
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

  async #read(dir: string, name: string): Promise<ThemeInfo | null> {
    const file = path.join(dir, name, 'theme.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return null;
    }
    try {
      const json = JSON.parse(text) as { description?: unknown; parent?: unknown };
      const parent =
        typeof json.parent === 'string' && THEME_NAME.test(json.parent) ? json.parent : null;
      const description = typeof json.description === 'string' ? json.description : '';
      return { name, description, parent };
    } catch (error) {
      this.#logger.warn(`themes: ${file} is not valid JSON (${(error as Error).message}); skipped`);
      return null;
    }
  }
}
