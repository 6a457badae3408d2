// A kill -9 at any moment during a burst of writes leaves a valid match file: run a real child
// process writing through the store, SIGKILL it at a random moment, check the file, many times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMatch } from './match-document.ts';
import { MATCH_FILE, openMatchStore } from './match-store.ts';

const child = fileURLToPath(new URL('./kill-writer.fixture.ts', import.meta.url));
const ROUNDS = 50;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'match-kill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the writer, lets it write for `ms` after it is ready, then kills it with SIGKILL. */
function writeThenKill(ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code} ${signal}`)),
    );
    proc.stdout.once('data', () => setTimeout(() => proc.kill('SIGKILL'), ms));
  });
}

describe('a kill -9 during a burst of writes', () => {
  it(`leaves a valid file every time (${ROUNDS} kills)`, { timeout: 240_000 }, async () => {
    const tournaments = new Set<string>();
    let tornTemps = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await writeThenKill(Math.floor(Math.random() * 40));
      const names = await readdir(dir);
      tornTemps += names.filter((n) => n.includes('.tmp-')).length;
      const text = await readFile(path.join(dir, MATCH_FILE), 'utf8');
      const checked = checkMatch(JSON.parse(text));
      expect(checked.ok, `round ${round}: ${checked.ok || checked.error}`).toBe(true);
      expect(names.filter((n) => n.includes('.invalid-'))).toEqual([]);
      if (checked.ok) tournaments.add(checked.value.tournament);
    }
    // The kills landed while writes were going on: the file changed between kills.
    expect(tournaments.size).toBeGreaterThan(ROUNDS / 2);
    console.log(
      `${ROUNDS} kills: ${tournaments.size} distinct saved versions, ${tornTemps} temp files left mid-write`,
    );
    // The next start cleans up whatever a kill left half-written.
    await openMatchStore({ dataDir: dir, log: console });
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
