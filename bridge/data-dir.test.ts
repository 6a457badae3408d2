import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultDataDir, portableDataDir } from './data-dir.ts';

describe('defaultDataDir', () => {
  it('follows each platform’s convention for per-user app data', () => {
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/bar-livedata');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ana')).toBe(
      '/data/bar-livedata',
    );
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, 'linux', '/home/ana')).toBe(
      '/home/ana/.local/share/bar-livedata',
    );
    expect(
      defaultDataDir({ APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\Ana'),
    ).toBe('C:\\Users\\Ana\\AppData\\Roaming\\bar-livedata');
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\Ana')).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\bar-livedata',
    );
    expect(defaultDataDir({}, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/bar-livedata',
    );
  });
});

describe('portableDataDir', () => {
  it('is data/ beside a portable file in the program folder, else none', async () => {
    const program = await mkdtemp(path.join(tmpdir(), 'bar-program-'));
    expect(portableDataDir(null)).toBeNull();
    expect(portableDataDir(program)).toBeNull();
    await writeFile(path.join(program, 'portable'), '');
    expect(portableDataDir(program)).toBe(`${program}/data`);
  });
});
