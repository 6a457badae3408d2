import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from './cli-args.ts';

const error = (argv: string[]): string => {
  try {
    parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('parseCli', () => {
  it('has safe defaults', () => {
    expect(parseCli([])).toEqual({
      kind: 'run',
      args: {
        host: '127.0.0.1',
        tcpPort: 9876,
        httpPort: 9877,
        maxFrame: 1024 * 1024,
        token: null,
        demo: null,
        record: null,
        replay: null,
        themesDir: null,
        dataDir: null,
        logLevel: 'info',
        open: false,
        delay: 0,
        obs: null,
        obsPassword: null,
      },
    });
  });

  it('reads every flag, with "--flag value" and "--flag=value"', () => {
    const parsed = parseCli([
      '--tcp-port=1',
      '--http-port',
      '2',
      '--host',
      '0.0.0.0',
      '--token',
      's',
      '--max-frame',
      '2MiB',
      '--demo',
      '--demo-shape',
      'ffa16',
      '--seed',
      '42',
      '--speed',
      '2.5',
      '--record',
      'r.jsonl',
      '--themes-dir',
      't',
      '--data-dir',
      'd',
      '--log-level',
      'debug',
      '--open',
      '--delay',
      '2.5',
      '--obs',
      'ws://127.0.0.1:4455',
      '--obs-password=hunter2',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      args: {
        host: '0.0.0.0',
        tcpPort: 1,
        httpPort: 2,
        maxFrame: 2 * 1024 * 1024,
        token: 's',
        demo: { shape: 'ffa16', seed: 42, speed: 2.5 },
        record: 'r.jsonl',
        replay: null,
        themesDir: 't',
        dataDir: 'd',
        logLevel: 'debug',
        open: true,
        delay: 2.5,
        obs: 'ws://127.0.0.1:4455',
        obsPassword: 'hunter2',
      },
    });
    expect(parseCli(['--replay', 'g.jsonl', '--loop', '--speed', '.5'])).toMatchObject({
      args: { replay: { file: 'g.jsonl', loop: true, speed: 0.5 } },
    });
    expect(
      parseCli(['--obs', 'ws://[::1]:4455'], { BAR_LIVEDATA_OBS_PASSWORD: 'from-env' }),
    ).toMatchObject({ args: { obs: 'ws://[::1]:4455', obsPassword: 'from-env' } });
    expect(parseCli(['--delay', '120'])).toMatchObject({ args: { delay: 120 } });
    expect(parseCli(['--demo', '-h'])).toEqual({ kind: 'help' });
    expect(parseCli(['--version'])).toEqual({ kind: 'version' });
    expect(parseCli(['install-widget', '/games/BAR', '--x'])).toEqual({
      kind: 'install-widget',
      args: ['/games/BAR', '--x'],
    });
  });

  it('names the flag in every error', () => {
    expect(error(['--nope'])).toBe('unknown flag --nope');
    expect(error(['--nope=1'])).toBe('unknown flag --nope');
    expect(error(['-x'])).toBe('unknown flag -x');
    expect(error(['stray'])).toBe('unexpected argument stray');
    expect(error(['--', 'stray'])).toBe('unknown flag --');
    expect(error(['--data-dir'])).toBe('--data-dir needs a value');
    expect(error(['--tcp-port'])).toBe('--tcp-port needs a value');
    expect(error(['--tcp-port', '--demo'])).toBe('--tcp-port needs a value');
    expect(error(['--tcp-port', '70000'])).toBe(
      '--tcp-port 70000: must be a whole number from 0 to 65535',
    );
    expect(error(['--http-port', '12ab'])).toMatch(/^--http-port 12ab:/);
    expect(error(['--tcp-port', '1', '--tcp-port', '2'])).toBe('--tcp-port given twice');
    expect(error(['--demo=yes'])).toBe('--demo takes no value');
    expect(error(['--max-frame', '10'])).toMatch(/^--max-frame 10: must be from 1024 bytes/);
    expect(error(['--max-frame', '16MiB'])).toMatch(/^--max-frame 16MiB:/);
    expect(error(['--demo', '--demo-shape', '3v3'])).toBe(
      '--demo-shape 3v3: must be one of 1v1, 2v2, 4v4, 8v8, ffa16',
    );
    expect(error(['--demo', '--seed', '-1'])).toMatch(/^--seed -1:/);
    expect(error(['--demo', '--speed', '0'])).toMatch(/^--speed 0:/);
    expect(error(['--demo', '--speed', 'fast'])).toMatch(/^--speed fast:/);
    expect(error(['--log-level', 'loud'])).toBe(
      '--log-level loud: must be one of error, warn, info, debug',
    );
    expect(error(['--host', ''])).toBe('--host must not be empty');
    expect(error(['--delay', '601'])).toBe(
      '--delay 601: must be a number of seconds from 0 to 600',
    );
    expect(error(['--delay', '-1'])).toBe('--delay -1: must be a number of seconds from 0 to 600');
    expect(error(['--delay', '2m'])).toBe('--delay 2m: must be a number of seconds from 0 to 600');
    expect(error(['--obs', '127.0.0.1:4455'])).toBe(
      '--obs 127.0.0.1:4455: must be a WebSocket address such as ws://127.0.0.1:4455',
    );
  });

  it('refuses flags that make no sense together', () => {
    expect(error(['--demo', '--replay', 'x'])).toBe('--demo and --replay cannot be used together');
    expect(error(['--seed', '1'])).toBe('--seed needs --demo');
    expect(error(['--demo-shape', '1v1'])).toBe('--demo-shape needs --demo');
    expect(error(['--loop'])).toBe('--loop needs --replay');
    expect(error(['--speed', '2'])).toBe('--speed needs --demo or --replay');
    expect(error(['--obs-password', 'x'])).toBe('--obs-password needs --obs');
  });
});
