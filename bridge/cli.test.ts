import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBridgeCommand, startBridgeProcess } from '../test-support/bridge-process.ts';
import { OverlayClient } from './testing.ts';
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
      [['--themes-dir', '/no/such/dir'], 2, /--themes-dir \/no\/such\/dir: no such folder/],
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
