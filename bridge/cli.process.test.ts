import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBridgeCommand, startBridgeProcess } from '../test-support/bridge-process.ts';
import { demoMessages, sampleHello } from '../test-support/sample-messages.ts';
import { OverlayClient } from '../test-support/overlay-client.ts';
import { waitFor } from '../test-support/wait.ts';
import type { ServerMessage, State } from '../protocol/types.ts';
import { parseRecordLine } from './replayer.ts';

describe('bar-livedata command', () => {
  it('prints the help and exits 0', async () => {
    const { code, stdout } = await runBridgeCommand(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: bar-livedata [flags]');
    expect(stdout).toContain('--demo-shape SHAPE');
  }, 30_000);

  it('exits non-zero naming a bad flag or value', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--nope'], 2, /^bar-livedata: unknown flag --nope\nRun "bar-livedata --help"/],
      [['--tcp-port', 'abc'], 2, /^bar-livedata: --tcp-port abc: must be a whole number/],
      [
        ['--replay', '/no/such/file.jsonl'],
        2,
        /^bar-livedata: --replay \/no\/such\/file\.jsonl: no such file/,
      ],
      [['--token', 'short'], 2, /^bar-livedata: --token must be at least 12 characters/],
    ];
    await Promise.all(
      cases.map(async ([args, exit, message]) => {
        const { code, stdout, stderr } = await runBridgeCommand(args);
        expect(code, args.join(' ')).toBe(exit);
        expect(stderr).toMatch(message);
        expect(stdout).toBe('');
      }),
    );
  }, 60_000);

  it('exits 1 with one line naming --data-dir or --themes-dir when the folder cannot be used', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-cli-'));
    const file = path.join(dir, 'afile');
    await writeFile(file, 'not a folder');
    // Root may write anywhere but sysfs, which refuses new folders even to root.
    const locked = process.getuid?.() === 0 ? '/sys/bar-livedata-test' : path.join(dir, 'locked');
    if (locked.startsWith(dir)) await mkdir(locked, { mode: 0o555 });
    const data = ['--data-dir', dir];
    const ports = ['--tcp-port', '0', '--http-port', '0'];
    const cases: [string[], string][] = [
      [['--data-dir', `${file}/sub`], `--data-dir ${file}/sub: ${file} is a file, not a folder`],
      [['--data-dir', file], `--data-dir ${file}: is a file, not a folder`],
      [
        ['--data-dir', `${locked}/data`],
        `--data-dir ${locked}/data: not allowed to create or write it`,
      ],
      [[...data, '--themes-dir', '/no/such/dir'], '--themes-dir /no/such/dir: no such folder'],
      [[...data, '--themes-dir', file], `--themes-dir ${file}: is not a folder`],
      [[...data, '--themes-dir', `${file}/sub`], `--themes-dir ${file}/sub: no such folder`],
    ];
    await Promise.all(
      cases.map(async ([args, line]) => {
        const { code, stdout, stderr } = await runBridgeCommand([...ports, ...args]);
        expect(code, args.join(' ')).toBe(1);
        expect(stderr).toBe(`bar-livedata: ${line}\n`);
        expect(stdout).toBe('');
      }),
    );
  }, 60_000);

  it('refuses --record into the --replay file, however the path is spelt', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-cli-'));
    const file = path.join(dir, 'game.jsonl');
    await writeFile(file, `${JSON.stringify({ at: 0, source: 'c1', message: sampleHello() })}\n`);
    await symlink(file, path.join(dir, 'link.jsonl'));
    // The command runs in the repository's top folder (test-support/bridge-process.ts).
    const relative = path.relative(path.resolve(import.meta.dirname, '..'), file);
    const spellings = [file, `${dir}/./game.jsonl`, relative, path.join(dir, 'link.jsonl')];
    await Promise.all(
      spellings.map(async (record) => {
        const { code, stderr } = await runBridgeCommand([
          ...['--tcp-port', '0', '--http-port', '0', '--data-dir', dir],
          ...['--replay', file, '--record', record],
        ]);
        expect(code, record).toBe(1);
        expect(stderr).toMatch(
          `bar-livedata: --record ${record} and --replay ${file} are the same file`,
        );
      }),
    );
    expect(await readFile(file, 'utf8')).toBe(
      `${JSON.stringify({ at: 0, source: 'c1', message: sampleHello() })}\n`,
    );
  }, 60_000);

  it('replays at --speed (4x plays a 1 s gap in about 0.25 s) and --loop starts over with a hello', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-cli-'));
    const file = path.join(dir, 'game.jsonl');
    const [hello, state] = demoMessages(2, '1v1');
    const record = (at: number, message: object): string =>
      JSON.stringify({ at, source: 'c1', message });
    // A 1 s lead, so the overlay is connected before the states of the first pass.
    await writeFile(
      file,
      [
        record(0, hello!),
        record(1_000, { ...state!, seq: 2 }),
        record(2_000, { ...state!, seq: 3 }),
      ].join('\n'),
    );
    /** received_at of seq 2 and 3 after the index-th hello the overlay got (snapshot included). */
    const pass = async (client: OverlayClient, index: number): Promise<[number, number]> => {
      const seen = (): ServerMessage[] =>
        client.messages.flatMap((m) =>
          m.type === 'snapshot' ? ([m.hello, m.state].filter(Boolean) as ServerMessage[]) : [m],
        );
      const at = await waitFor(
        `pass ${index + 1}`,
        () => {
          const messages = seen();
          const hellos = messages.flatMap((m, i) => (m.type === 'hello' ? [i] : []));
          const start = hellos[index];
          if (start === undefined) return null;
          const states = messages.slice(start).filter((m): m is State => m.type === 'state');
          const two = states.find((m) => m.seq === 2);
          const three = states.find((m) => m.seq === 3);
          return two && three ? [two.received_at!, three.received_at!] : null;
        },
        { timeoutMs: 15_000 },
      );
      return at as [number, number];
    };
    const [fast, normal] = await Promise.all([
      startBridgeProcess(['--replay', file, '--speed', '4', '--loop']),
      startBridgeProcess(['--replay', file]),
    ]);
    try {
      const [fastClient, normalClient] = await Promise.all([
        OverlayClient.connect(fast.httpPort),
        OverlayClient.connect(normal.httpPort),
      ]);
      const [two, three] = await pass(normalClient, 0);
      expect(three - two).toBeGreaterThan(700);
      expect(three - two).toBeLessThan(1_600);
      for (const index of [0, 1]) {
        const [fastTwo, fastThree] = await pass(fastClient, index);
        expect(fastThree - fastTwo).toBeGreaterThan(150);
        expect(fastThree - fastTwo).toBeLessThan(600);
      }
      await Promise.all([fastClient.close(), normalClient.close()]);
    } finally {
      await Promise.all([fast.stop(), normal.stop()]);
    }
  }, 60_000);

  it('exits 1 naming the port flag when the port is taken', async () => {
    const first = await startBridgeProcess(['--log-level', 'warn']);
    try {
      const { code, stderr } = await runBridgeCommand([
        '--tcp-port',
        String(first.tcpPort),
        '--http-port',
        '0',
      ]);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `bar-livedata: --tcp-port ${first.tcpPort}: 127.0.0.1:${first.tcpPort} is already in use`,
      );
    } finally {
      await first.stop();
    }
  }, 60_000);

  it('plays the demo, and on Ctrl-C closes its clients and flushes the recording', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-cli-'));
    const file = path.join(dir, 'demo.jsonl');
    const bridge = await startBridgeProcess([
      '--demo',
      '--demo-shape',
      '1v1',
      '--seed',
      '4',
      '--speed',
      '20',
      '--record',
      file,
    ]);
    const client = await OverlayClient.connect(bridge.httpPort);
    await client.next((m) => m.type === 'state' && m.game_seconds >= 3);
    expect(await bridge.stop()).toBe(0);
    await client.closed;
    expect(client.ws.readyState).toBe(client.ws.CLOSED);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    const records = lines.slice(0, -1).map(parseRecordLine);
    expect(records.length).toBeGreaterThan(5);
    for (const record of records) expect(typeof record).toBe('object');
    expect(bridge.stderr()).toContain('SIGINT: shutting down');
  }, 60_000);
});
