// The uploaded logo files in assets/ and the match document naming them: an upload is written
// before the edit that names it, and a file is deleted once a saved document no longer names it
// (replaced, removed, its team gone) or the edit naming it was refused. File work runs one step at
// a time, so a deletion never races an upload of the same picture. Only uploads (content-hash
// names) are ever deleted: other files a caster put in assets/ are theirs.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Match } from '../../protocol/types.ts';
import { removeStaleTempsIn } from './atomic-write.ts';
import { ASSETS_PATH, HASHED_NAME, storeLogo } from './logos.ts';
import type { Logger } from '../logger.ts';
import type { MatchStore } from './match-store.ts';

export interface LogoFiles {
  /**
   * Stores the logo (refusing a non-image with a MatchError), then runs `use` with its /assets/
   * path: the edit that names it. The file stays only if a saved document names it afterwards.
   */
  upload<T>(bytes: Uint8Array, use: (logo: string) => Promise<T>): Promise<T>;
  /** Resolves once the file work asked for so far (writes, deletions) is done. */
  flush(): Promise<void>;
}

/** Uploaded files the document names. */
function uploadsIn(match: Match): Set<string> {
  const names = new Set<string>();
  for (const { logo } of match.teams) {
    const name = logo?.startsWith(ASSETS_PATH) ? logo.slice(ASSETS_PATH.length) : null;
    if (name && HASHED_NAME.test(name)) names.add(name);
  }
  return names;
}

/** Opens assets/ (temp files a killed write left are removed) and follows `store`'s changes. */
export async function openLogoFiles(options: {
  assetsDir: string;
  store: MatchStore;
  log: Pick<Logger, 'info' | 'warn'>;
}): Promise<LogoFiles> {
  const { assetsDir, store, log } = options;
  await mkdir(assetsDir, { recursive: true });
  await removeStaleTempsIn(assetsDir);
  // Uploads between their write and their edit's outcome, by file name.
  const inFlight = new Map<string, number>();
  let steps: Promise<unknown> = Promise.resolve();
  const step = <T>(task: () => Promise<T>): Promise<T> => {
    const run = steps.then(task);
    steps = run.catch(() => undefined);
    return run;
  };

  const deleteIfUnused = (name: string): Promise<void> =>
    step(async () => {
      if (inFlight.has(name) || uploadsIn(store.get()).has(name)) return;
      await rm(path.join(assetsDir, name), { force: true }).catch((err: Error) =>
        log.warn(`could not delete the unused logo ${name}: ${err.message}`),
      );
    });

  let named = uploadsIn(store.get());
  store.onChange((match) => {
    const now = uploadsIn(match);
    for (const name of named) if (!now.has(name)) void deleteIfUnused(name);
    named = now;
  });

  return {
    async upload(bytes, use) {
      const logo = await step(async () => {
        const stored = await storeLogo(assetsDir, bytes);
        const name = stored.slice(ASSETS_PATH.length);
        inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
        return stored;
      });
      const name = logo.slice(ASSETS_PATH.length);
      try {
        return await use(logo);
      } finally {
        const left = inFlight.get(name)! - 1;
        if (left === 0) inFlight.delete(name);
        else inFlight.set(name, left);
        void deleteIfUnused(name);
      }
    },
    flush: () => step(async () => undefined),
  };
}
