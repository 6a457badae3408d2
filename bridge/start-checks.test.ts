import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BridgeStartError, checkStart } from './start-checks.ts';
import type { BridgeOptions } from './bridge.ts';

let dir: string;
let game: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'start-checks-'));
  game = path.join(dir, 'game.jsonl');
  await writeFile(game, '');
  await symlink(game, path.join(dir, 'same.jsonl'));
  await mkdir(path.join(dir, 'folder'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function problem(options: BridgeOptions): Promise<[string, string, boolean]> {
  const error = await checkStart(options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BridgeStartError);
  const { flag, message, usage } = error as BridgeStartError;
  return [flag, message, usage];
}

describe('checkStart', () => {
  it('resolves the address and the token in force', async () => {
    expect(await checkStart({})).toMatchObject({ host: '127.0.0.1', token: null });
    const given = await checkStart({ host: '0.0.0.0', token: 'correct-horse-battery' });
    expect(given).toMatchObject({ host: '0.0.0.0', token: 'correct-horse-battery' });
    expect((await checkStart({ host: '0.0.0.0' })).token).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('names the setting in one line', async () => {
    expect(await problem({ token: 'short' })).toEqual([
      '--token',
      '--token must be at least 12 characters long',
      true,
    ]);
    const missing = path.join(dir, 'missing.jsonl');
    expect(await problem({ replay: { file: missing } })).toEqual([
      '--replay',
      `--replay ${missing}: no such file`,
      true,
    ]);
    const folder = path.join(dir, 'folder');
    expect(await problem({ record: folder })).toEqual([
      '--record',
      `--record ${folder}: is not a file`,
      true,
    ]);
    expect(await problem({ themesDir: game })).toEqual([
      '--themes-dir',
      expect.stringMatching(new RegExp(`^--themes-dir ${game}: `)),
      false,
    ]);
    const same = path.join(dir, 'same.jsonl');
    expect(await problem({ record: same, replay: { file: game } })).toEqual([
      '--record',
      `--record ${same} and --replay ${game} are the same file: the replay would record itself`,
      false,
    ]);
  });
});
