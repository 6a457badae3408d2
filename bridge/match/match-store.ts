// The match document in the data folder: loaded and validated at start, changed only through
// update(), written atomically after every change. Writes are coalesced: a burst of changes costs
// one write in flight plus one for the newest version, and every update() resolves once a write
// holding its change is on disk.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Match } from '../../protocol/types.ts';
import { removeStaleTemps, writeFileAtomic } from './atomic-write.ts';
import { checkMatch, defaultMatch, MatchError } from './match-document.ts';

export const MATCH_FILE = 'match.json';

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
}

export interface MatchStore {
  readonly file: string;
  get(): Match;
  /**
   * Applies `edit` to the current document. Resolves with the new document once it is saved; throws
   * a MatchError when the edit refuses or its result is invalid, or the write error.
   */
  update(edit: (match: Match) => Match): Promise<Match>;
  /** Called with every changed document, before it is saved, so overlays see it at once. */
  onChange(listener: (match: Match) => void): () => void;
  /** Resolves once everything changed so far is on disk. */
  flush(): Promise<void>;
}

export interface MatchStoreOptions {
  dataDir: string;
  log: Logger;
  /** For backup names; tests pin it. */
  now?: () => Date;
}

export async function openMatchStore(options: MatchStoreOptions): Promise<MatchStore> {
  const file = path.join(options.dataDir, MATCH_FILE);
  await mkdir(options.dataDir, { recursive: true });
  await removeStaleTemps(file);
  const loaded = await loadMatch(file, options.log, options.now ?? (() => new Date()));
  let current = loaded.match;
  let version = 0;
  let savedVersion = loaded.fresh ? -1 : 0;
  let writing: Promise<void> | null = null;
  const listeners = new Set<(match: Match) => void>();

  const text = (match: Match): string => JSON.stringify(match, null, 2) + '\n';

  async function saveUpTo(target: number): Promise<void> {
    while (savedVersion < target) {
      if (writing) {
        await writing;
        continue;
      }
      const snapshot = version;
      writing = writeFileAtomic(file, text(current)).then(
        () => {
          savedVersion = Math.max(savedVersion, snapshot);
        },
        (err: Error) => {
          throw new Error(`could not save match data: ${err.message}`);
        },
      );
      try {
        await writing;
      } finally {
        writing = null;
      }
    }
  }

  // A missing or replaced file gets the defaults on disk at once, so the folder always holds a
  // valid document.
  await saveUpTo(0);

  return {
    file,
    get: () => current,
    async update(edit) {
      const next = edit(current);
      if (next === current) return current;
      const checked = checkMatch(next);
      if (!checked.ok) throw new MatchError('invalid', checked.error);
      if (text(next) === text(current)) return current;
      current = next;
      version += 1;
      for (const listener of listeners) {
        try {
          listener(current);
        } catch (err) {
          options.log.warn(`match change listener failed: ${(err as Error).message}`);
        }
      }
      await saveUpTo(version);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: () => saveUpTo(version),
  };
}

async function loadMatch(
  file: string,
  log: Logger,
  now: () => Date,
): Promise<{ match: Match; fresh: boolean }> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { match: defaultMatch(), fresh: true };
    }
    throw err;
  }
  let reason: string;
  try {
    const checked = checkMatch(JSON.parse(raw));
    if (checked.ok) return { match: checked.value, fresh: false };
    reason = checked.error;
  } catch (err) {
    reason = `not JSON: ${(err as Error).message}`;
  }
  const backup = `${file}.invalid-${now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, backup);
  log.warn(`match data ${file} is invalid (${reason}); kept it as ${backup}, using defaults`);
  return { match: defaultMatch(), fresh: true };
}
