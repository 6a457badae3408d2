import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLogoFiles, type LogoFiles } from './logo-files.ts';
import { MatchError } from './match-document.ts';
import { updateTeam } from './match-edits.ts';
import type { Logger } from '../logger.ts';
import { openMatchStore, type MatchStore } from './match-store.ts';
import { pngBytes } from '../../test-support/logo-images.ts';

let dir: string;
let assetsDir: string;
let store: MatchStore;
let logos: LogoFiles;
const lines: string[] = [];
const log: Pick<Logger, 'info' | 'warn'> = {
  info: (l) => lines.push(l),
  warn: (l) => lines.push(`warn ${l}`),
};
const files = async () => (await readdir(assetsDir)).sort();
const setLogo = (team: number, logo: string | null) =>
  store.update((m) => updateTeam(m, team, { logo }));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'logo-files-'));
  assetsDir = path.join(dir, 'assets');
  store = await openMatchStore({ dataDir: dir, log });
  logos = await openLogoFiles({ assetsDir, store, log });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('logo files', () => {
  it('removes temp files a killed write left at start, and keeps the rest', async () => {
    await writeFile(path.join(assetsDir, `${'a'.repeat(32)}.png.tmp-999-1`), 'torn');
    await writeFile(path.join(assetsDir, 'own.png'), pngBytes());
    await openLogoFiles({ assetsDir, store, log });
    expect(await files()).toEqual(['own.png']);
  });

  it('keeps an upload its edit saved, deletes it once no saved document names it', async () => {
    const logo = await logos.upload(pngBytes(), (l) => setLogo(0, l).then(() => l));
    await setLogo(1, logo);
    const name = logo.slice('/assets/'.length);
    expect(await files()).toEqual([name]);
    await setLogo(0, null);
    await logos.flush();
    expect(await files()).toEqual([name]); // team 1 still shows it
    await setLogo(1, null);
    await logos.flush();
    expect(await files()).toEqual([]);
  });

  it('deletes an upload whose edit was refused', async () => {
    const refused = logos.upload(pngBytes(), (l) =>
      store.update((m) => updateTeam(m, 9, { logo: l })),
    );
    await expect(refused).rejects.toBeInstanceOf(MatchError);
    await logos.flush();
    expect(await files()).toEqual([]);
  });

  it('never loses a picture removed from one team while uploaded for another', async () => {
    const logo = await logos.upload(pngBytes(), (l) => setLogo(0, l).then(() => l));
    await Promise.all([setLogo(0, null), logos.upload(pngBytes(), (l) => setLogo(1, l))]);
    await logos.flush();
    expect(store.get().teams.map((t) => t.logo)).toEqual([null, logo]);
    expect(await files()).toEqual([logo.slice('/assets/'.length)]);
  });

  it('never deletes a file it did not upload', async () => {
    await mkdir(assetsDir, { recursive: true });
    await writeFile(path.join(assetsDir, 'own.png'), pngBytes());
    await setLogo(0, '/assets/own.png');
    await setLogo(0, null);
    await logos.flush();
    expect(await files()).toEqual(['own.png']);
  });
});
