import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appIdentity, describeBuild } from './build-info.ts';

async function appFolder(files: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'bar-build-info-'));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(root, name), JSON.stringify(content));
  }
  return root;
}

describe('appIdentity', () => {
  it('reads a release build’s version, commit and program folder', async () => {
    const commit = '0123456789abcdef0123456789abcdef01234567';
    const root = await appFolder({
      'package.json': { version: '1.2.3' },
      'build-info.json': { commit, archive: true },
    });
    expect(appIdentity(root)).toEqual({
      build: { version: '1.2.3', commit },
      programDir: path.dirname(root),
    });
  });

  it('has no program folder in the npm package, and no commit outside git and a release', async () => {
    const commit = 'fedcba9876543210fedcba9876543210fedcba98';
    const npm = await appFolder({
      'package.json': { version: '1.2.3' },
      'build-info.json': { commit, archive: false },
    });
    expect(appIdentity(npm).programDir).toBeNull();
    const bare = await appFolder({ 'package.json': { version: '2.0.0' } });
    expect(appIdentity(bare)).toEqual({
      build: { version: '2.0.0', commit: null },
      programDir: null,
    });
  });

  it('asks git for the commit in a checkout', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(appIdentity().build.commit).toBe(head);
    expect(appIdentity().programDir).toBeNull();
  });
});

describe('describeBuild', () => {
  it('shows the version and the commit’s first 12 characters', () => {
    expect(
      describeBuild({ version: '0.1.0', commit: '0123456789abcdef0123456789abcdef01234567' }),
    ).toBe('0.1.0 (commit 0123456789ab)');
    expect(describeBuild({ version: '0.1.0', commit: null })).toBe('0.1.0 (commit unknown)');
  });
});
