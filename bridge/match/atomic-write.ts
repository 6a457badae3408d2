// Writes a file so that a crash or kill at any moment leaves either the old or the new contents,
// never a torn file: write a temp file beside it, fsync it, rename it over the target, fsync the
// folder so the rename itself is durable.
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TEMP_MARK = '.tmp-';
const TEMP_NAME = /\.tmp-\d+-\d+$/;
let tempCounter = 0;

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}${TEMP_MARK}${process.pid}-${++tempCounter}`;
  try {
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameRetrying(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(path.dirname(file));
}

/** Removes temp files a killed writer left beside `file`. */
export async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + TEMP_MARK;
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix)) await rm(path.join(dir, name), { force: true });
  }
}

/** Removes temp files a killed writer left in `dir`, whatever file they were for. */
export async function removeStaleTempsIn(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (TEMP_NAME.test(name)) await rm(path.join(dir, name), { force: true });
  }
}

// On Windows a virus scanner or indexer briefly holding the target makes rename fail with
// EPERM/EACCES/EBUSY; a few short retries ride that out.
async function renameRetrying(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 5 || !(code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

// Folders cannot be opened for fsync on Windows; there the rename is as durable as it gets.
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
