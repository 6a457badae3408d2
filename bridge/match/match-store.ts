// The match document in the data folder: loaded and validated at start, changed only through
// update(), written atomically before a change counts: only a saved document becomes current and
// reaches the listeners, so nothing shows a change the disk does not hold. Writes are coalesced: a
// burst of changes costs one write in flight plus one holding all the rest.
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Match } from '../../protocol/types.ts';
import type { Logger } from '../logger.ts';
import { removeStaleTemps, writeFileAtomic } from './atomic-write.ts';
import { checkMatch, defaultMatch, MatchError } from './match-document.ts';

export const MATCH_FILE = 'match.json';

export interface MatchStore {
  readonly file: string;
  get(): Match;
  /**
   * Applies `edit` to the newest document, after the edits before it. Resolves with the new
   * document once it is saved; throws a MatchError when the edit refuses or its result is invalid,
   * or the write error (the change is then dropped).
   */
  update(edit: (match: Match) => Match): Promise<Match>;
  /** Called with every changed document as soon as it is saved. */
  onChange(listener: (match: Match) => void): () => void;
  /** Resolves once every change asked for so far is saved or refused. */
  flush(): Promise<void>;
}

export interface MatchStoreOptions {
  dataDir: string;
  log: Pick<Logger, 'info' | 'warn'>;
  /** For backup names; tests pin it. */
  now?: () => Date;
}

export async function openMatchStore(options: MatchStoreOptions): Promise<MatchStore> {
  const file = path.join(options.dataDir, MATCH_FILE);
  await mkdir(options.dataDir, { recursive: true });
  await removeStaleTemps(file);
  const loaded = await loadMatch(file, options.log, options.now ?? (() => new Date()));
  let current = loaded.match;
  const pending: PendingEdit[] = [];
  let draining = false;
  const listeners = new Set<(match: Match) => void>();

  const text = (match: Match): string => JSON.stringify(match, null, 2) + '\n';
  const save = (match: Match): Promise<void> =>
    writeFileAtomic(file, text(match)).catch((err: Error) => {
      throw new Error(`could not save match data: ${err.message}`);
    });

  // Edits queued while a write is in flight go into the next write together, each applied to the
  // result of the one before. Only a saved document becomes current and reaches the listeners.
  async function drain(): Promise<void> {
    draining = true;
    while (pending.length > 0) {
      const batch = pending.splice(0);
      let draft = current;
      const applied: { edit: PendingEdit; result: Match }[] = [];
      for (const edit of batch) {
        try {
          draft = applyEdit(draft, edit.edit, text);
          applied.push({ edit, result: draft });
        } catch (err) {
          edit.reject(err);
        }
      }
      if (draft !== current) {
        try {
          await save(draft);
        } catch (err) {
          // Edits that changed nothing before the failed one still hold; the rest are lost.
          for (const { edit, result } of applied) {
            if (result === current) edit.resolve(result);
            else edit.reject(err);
          }
          continue;
        }
        current = draft;
        for (const listener of listeners) {
          try {
            listener(current);
          } catch (err) {
            options.log.warn(`match change listener failed: ${(err as Error).message}`);
          }
        }
      }
      for (const { edit, result } of applied) edit.resolve(result);
    }
    draining = false;
  }

  // A missing or replaced file gets the defaults on disk at once, so the folder always holds a
  // valid document.
  if (loaded.fresh) await save(current);

  const update = (edit: (match: Match) => Match): Promise<Match> =>
    new Promise((resolve, reject) => {
      pending.push({ edit, resolve, reject });
      if (!draining) void drain();
    });

  return {
    file,
    get: () => current,
    update,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: () =>
      update((match) => match).then(
        () => undefined,
        () => undefined,
      ),
  };
}

interface PendingEdit {
  edit: (match: Match) => Match;
  resolve(match: Match): void;
  reject(err: unknown): void;
}

/** The edited document, or `match` itself when the edit changes nothing; throws when it refuses. */
function applyEdit(match: Match, edit: (match: Match) => Match, text: (m: Match) => string): Match {
  const next = edit(match);
  if (next === match) return match;
  const checked = checkMatch(next);
  if (!checked.ok) throw new MatchError('invalid', checked.error);
  return text(next) === text(match) ? match : next;
}

async function loadMatch(
  file: string,
  log: Pick<Logger, 'info' | 'warn'>,
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
