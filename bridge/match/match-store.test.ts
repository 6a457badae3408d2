import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateMatch } from '../../protocol/validate.ts';
import { defaultMatch, MatchError } from './match-document.ts';
import { adjustScore, updateTeam } from './match-edits.ts';
import type { Logger } from '../logger.ts';
import { MATCH_FILE, openMatchStore } from './match-store.ts';

let dir: string;
let lines: string[];
const log: Pick<Logger, 'info' | 'warn'> = {
  info: (line) => lines.push(`info ${line}`),
  warn: (line) => lines.push(`warn ${line}`),
};
const open = () =>
  openMatchStore({ dataDir: dir, log, now: () => new Date('2026-11-22T05:06:07.089Z') });
const onDisk = async () => JSON.parse(await readFile(path.join(dir, MATCH_FILE), 'utf8'));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'match-store-'));
  lines = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('opening', () => {
  it('starts from the defaults and writes them when there is no file', async () => {
    const store = await open();
    expect(store.get()).toEqual(defaultMatch());
    expect(await onDisk()).toEqual(defaultMatch());
    expect(lines).toEqual([]);
  });

  it('creates the data folder', async () => {
    const nested = path.join(dir, 'a', 'b');
    await openMatchStore({ dataDir: nested, log });
    expect(await readdir(nested)).toEqual([MATCH_FILE]);
  });

  it('keeps every change across a restart', async () => {
    const store = await open();
    await store.update((m) => updateTeam(m, 0, { name: 'Team Armada', tag: 'ARM' }));
    await store.update((m) => adjustScore(m, 1, 2));
    const again = await open();
    expect(again.get().teams.map((t) => [t.name, t.tag, t.score])).toEqual([
      ['Team Armada', 'ARM', 0],
      ['', '', 2],
    ]);
  });

  const broken: [string, string, RegExp][] = [
    ['not JSON', '{"tournament": "Cup", ', /not JSON/],
    ['empty', '', /not JSON/],
    ['schema-invalid', JSON.stringify({ ...defaultMatch(), best_of: 0 }), /\/best_of must be >= 1/],
    [
      'two entries on one ally team',
      JSON.stringify({
        ...defaultMatch(),
        teams: [defaultMatch().teams[0], defaultMatch().teams[0]],
      }),
      /\/teams\/1\/ally_team 0 is already bound to team 0/,
    ],
  ];
  it.each(broken)(
    'backs up a %s file, uses the defaults and says so in one line',
    async (_n, text, reason) => {
      await writeFile(path.join(dir, MATCH_FILE), text);
      const store = await open();
      expect(store.get()).toEqual(defaultMatch());
      expect(await onDisk()).toEqual(defaultMatch());
      const backup = `${MATCH_FILE}.invalid-2026-11-22T05-06-07-089Z`;
      expect((await readdir(dir)).sort()).toEqual([MATCH_FILE, backup]);
      expect(await readFile(path.join(dir, backup), 'utf8')).toBe(text);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^warn match data .*match\.json is invalid \(.*\); kept it as .*invalid-.*, using defaults$/,
      );
      expect(lines[0]).toMatch(reason);
    },
  );

  it('removes temp files a killed writer left', async () => {
    await writeFile(path.join(dir, `${MATCH_FILE}.tmp-999-1`), '{"torn');
    await open();
    expect(await readdir(dir)).toEqual([MATCH_FILE]);
  });
});

describe('update', () => {
  it('tells listeners once the change is on disk, and resolves then', async () => {
    const store = await open();
    const seen: number[] = [];
    store.onChange((m) => seen.push(m.teams[0]!.score));
    store.onChange(() => seen.push(JSON.parse(readFileSync(store.file, 'utf8')).teams[0].score));
    const saved = store.update((m) => adjustScore(m, 0, 1));
    expect([seen, store.get().teams[0]!.score]).toEqual([[], 0]);
    expect((await saved).teams[0]!.score).toBe(1);
    expect([seen, store.get().teams[0]!.score]).toEqual([[1, 1], 1]);
  });

  it('refuses an edit whose result is invalid, changing nothing', async () => {
    const store = await open();
    const seen: unknown[] = [];
    store.onChange((m) => seen.push(m));
    const error = await store
      .update((m) => updateTeam(m, 0, { tag: 'FAR TOO LONG' }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(MatchError);
    expect(error.message).toBe('/teams/0/tag must NOT have more than 8 characters');
    expect(seen).toEqual([]);
    expect(await onDisk()).toEqual(defaultMatch());
  });

  it('does not write or notify when nothing changes', async () => {
    const store = await open();
    const seen: unknown[] = [];
    store.onChange((m) => seen.push(m));
    await store.update((m) => adjustScore(m, 0, -1)); // already 0
    await store.update((m) => ({ ...m }));
    expect(seen).toEqual([]);
  });

  it('a burst of changes ends with the newest on disk, and each caller sees its own', async () => {
    const store = await open();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.update((m) => updateTeam(m, 0, { name: `name ${i}`, score: i % 100 })),
      ),
    );
    expect(results.map((m) => m.teams[0]!.name)).toEqual(
      Array.from({ length: 200 }, (_, i) => `name ${i}`),
    );
    const disk = await onDisk();
    expect(validateMatch(disk).ok).toBe(true);
    expect(disk.teams[0].name).toBe('name 199');
    expect(await readdir(dir)).toEqual([MATCH_FILE]);
  });

  it('a failed write changes nothing, tells no one, and the next change starts from the saved one', async () => {
    const store = await open();
    const seen: number[] = [];
    store.onChange((m) => seen.push(m.teams[0]!.score));
    // A file where the data folder was: writes fail even for root.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    const failed = await Promise.allSettled([
      store.update((m) => adjustScore(m, 0, 1)),
      store.update((m) => adjustScore(m, 0, 1)),
    ]);
    expect(failed.map((r) => r.status === 'rejected' && String(r.reason))).toEqual([
      expect.stringMatching(/^Error: could not save match data: ENOTDIR: .*match\.json/),
      expect.stringMatching(/^Error: could not save match data: ENOTDIR/),
    ]);
    expect([store.get(), seen]).toEqual([defaultMatch(), []]);
    await rm(dir);
    await mkdir(dir);
    await store.update((m) => adjustScore(m, 0, 1));
    expect([(await onDisk()).teams[0].score, seen]).toEqual([1, [1]]);
  });
});
