import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeStaleTemps, removeStaleTempsIn, writeFileAtomic } from './atomic-write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atomic-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const file = path.join(dir, 'match.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two, longer');
    expect(await readFile(file, 'utf8')).toBe('two, longer');
    expect(await readdir(dir)).toEqual(['match.json']);
  });

  it('keeps the old contents and cleans up when the write cannot happen', async () => {
    const file = path.join(dir, 'missing-folder', 'match.json');
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('concurrent writes each land whole', async () => {
    const file = path.join(dir, 'match.json');
    const texts = Array.from({ length: 20 }, (_, i) => String(i).repeat(1000 + i));
    await Promise.all(texts.map((text) => writeFileAtomic(file, text)));
    expect(texts).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['match.json']);
  });
});

describe('removeStaleTemps', () => {
  it('removes only the temp files of that file', async () => {
    const file = path.join(dir, 'match.json');
    await writeFile(file, '{}');
    await writeFile(`${file}.tmp-123-4`, '{"torn');
    await writeFile(path.join(dir, 'other.json.tmp-1-1'), 'keep');
    await removeStaleTemps(file);
    expect((await readdir(dir)).sort()).toEqual(['match.json', 'other.json.tmp-1-1']);
  });
});

describe('removeStaleTempsIn', () => {
  it('removes the temp files of every file in the folder, and nothing else', async () => {
    await writeFile(path.join(dir, 'a.png'), 'logo');
    await writeFile(path.join(dir, 'a.png.tmp-123-4'), 'torn');
    await writeFile(path.join(dir, 'b.webp.tmp-9-10'), 'torn');
    await writeFile(path.join(dir, 'notes.tmp-keep'), 'keep');
    await removeStaleTempsIn(dir);
    expect((await readdir(dir)).sort()).toEqual(['a.png', 'notes.tmp-keep']);
  });
});
