// The last finished game in the data folder (last-game.json), so a bridge restarted between games
// still has its end-of-game screen. Written atomically; saves asked for while one is on its way
// collapse into one write of the newest.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FinishedGame } from '../../protocol/types.ts';
import { validateFinishedGame } from '../../protocol/validate.ts';
import { removeStaleTemps, writeFileAtomic } from '../match/atomic-write.ts';

export const LAST_GAME_FILE = 'last-game.json';

export interface LastGameFile {
  readonly file: string;
  /** The saved game, or null when there is none or it is unreadable (then logged). */
  load(): Promise<FinishedGame | null>;
  save(game: FinishedGame): void;
  /** Resolves once every save asked for so far is on disk (or failed, logged). */
  flush(): Promise<void>;
}

export function lastGameFile(dataDir: string, log: { warn(line: string): void }): LastGameFile {
  const file = path.join(dataDir, LAST_GAME_FILE);
  let next: FinishedGame | null = null;
  let writing: Promise<void> | null = null;

  const drain = async (): Promise<void> => {
    while (next) {
      const game = next;
      next = null;
      await mkdir(dataDir, { recursive: true })
        .then(() => writeFileAtomic(file, JSON.stringify(game)))
        .catch((err: Error) => log.warn(`last game not saved to ${file}: ${err.message}`));
    }
    writing = null;
  };

  return {
    file,
    async load() {
      let raw: string;
      try {
        await removeStaleTemps(file);
        raw = await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        log.warn(`last game ${file} not read: ${(err as Error).message}`);
        return null;
      }
      let checked;
      try {
        checked = validateFinishedGame(JSON.parse(raw));
      } catch (err) {
        checked = { ok: false as const, error: `not JSON: ${(err as Error).message}` };
      }
      if (checked.ok) return checked.value;
      log.warn(
        `last game ${file} is invalid (${checked.error}); the end-of-game screen starts empty`,
      );
      return null;
    },
    save(game) {
      next = game;
      writing ??= drain();
    },
    flush: () => writing ?? Promise.resolve(),
  };
}
