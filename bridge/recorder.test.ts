import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from './bridge.ts';
import { Recorder } from './recorder.ts';
import { parseRecordLine } from './replayer.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import { demoMessages, withoutReceivedAt } from '../test-support/sample-messages.ts';
import { OverlayClient } from '../test-support/overlay-client.ts';
import { waitFor } from '../test-support/wait.ts';
import { WidgetSocket } from '../test-support/widget-socket.ts';
import type { History, Snapshot, WidgetMessage } from '../protocol/types.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function bridge(options: Parameters<typeof startBridge>[0]): Promise<Bridge> {
  const b = await startBridge({ tcpPort: 0, httpPort: 0, builtinThemesDir: tmpdir(), ...options });
  open.push(b);
  return b;
}

async function historyOf(b: Bridge): Promise<History> {
  const client = await OverlayClient.connect(b.httpPort);
  const snapshot = await client.next((m): m is Snapshot => m.type === 'snapshot');
  await client.close();
  if (!snapshot.history) throw new Error('no history in the snapshot');
  return snapshot.history;
}

/** Starts a replaying bridge and collects every message it relays from the live source. */
async function replayed(
  file: string,
  speed: number,
  logger: ReturnType<typeof capturingLogger>,
): Promise<{ bridge: Bridge; messages: WidgetMessage[] }> {
  const messages: WidgetMessage[] = [];
  const started = await bridge({
    replay: { file, speed },
    logger,
    plugins: [(b) => b.onLiveMessage((message) => messages.push(message))],
  });
  await waitFor('the replay to finish', () => logger.lines.some((l) => l.includes('finished')));
  return { bridge: started, messages };
}

/** A bridge recording to a new file in a temp folder, every message of `sent` already in it from
 * one widget connection (still open, for a look before closing both). */
async function recordingOf(sent: WidgetMessage[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'bar-record-'));
  const file = path.join(dir, 'game.jsonl');
  const recording = await bridge({ record: file, logger: capturingLogger('warn') });
  const w = await WidgetSocket.connect(recording.tcpPort);
  for (const message of sent) w.send(message);
  await waitFor('every message in', () => recording.counters.get('messages_valid') === sent.length);
  return {
    file,
    recording,
    async close() {
      await w.close();
      await recording.close();
    },
  };
}

describe('record and replay', () => {
  it('replays a recording as the same messages, through the same path', async () => {
    const sent = demoMessages(60, '4v4');
    const { file, close } = await recordingOf(sent);
    await close();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(sent.length);
    expect(JSON.parse(lines[0]!)).toMatchObject({ source: 'c1', message: sent[0] });

    const { messages } = await replayed(file, 1000, capturingLogger('info'));
    await waitFor('every message relayed', () => messages.length === sent.length);
    expect(messages.map(withoutReceivedAt)).toEqual(sent);
  });

  it('rebuilds the same game history from a recording', async () => {
    const sent = demoMessages(700, '2v2');
    const { file, recording, close } = await recordingOf(sent);
    const recorded = await historyOf(recording);
    await close();
    expect(recorded.times.length).toBeGreaterThan(100);
    expect(recorded.events.length).toBeGreaterThan(0);

    const { bridge: replaying, messages } = await replayed(file, 1000, capturingLogger('info'));
    await waitFor('every message relayed', () => messages.length === sent.length);
    const rebuilt = await historyOf(replaying);
    // Only the game's name differs: it is when the bridge got the hello.
    expect({ ...rebuilt, game: 0 }).toEqual({ ...recorded, game: 0 });
  });

  it('skips a cut or corrupt line, naming its line number, and plays the rest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-record-'));
    const file = path.join(dir, 'cut.jsonl');
    const [hello, state, event] = demoMessages(5, '1v1').filter(
      (m) => m.type !== 'state' || m.seq === 2,
    );
    const line = (at: number, message: object): string =>
      JSON.stringify({ at, source: 'c1', message });
    await writeFile(
      file,
      [
        line(1000, hello!),
        '{"at":1010,"source":"c1","message":{"type":"st',
        'not json at all',
        JSON.stringify({ at: 1020, message: { type: 'state' } }),
        line(1030, state!),
        line(1040, event!).slice(0, 30),
      ].join('\n'),
    );
    const logger = capturingLogger('info');
    const { bridge: b, messages } = await replayed(file, 100, logger);
    const skipped = logger.lines.filter((l) => l.includes('line skipped'));
    expect(skipped.map((l) => /cut\.jsonl:(\d+)/.exec(l)?.[1])).toEqual(['2', '3', '4', '6']);
    expect(skipped[2]).toContain('invalid message: state:');
    expect(b.counters.get('replay_lines_skipped')).toBe(4);
    await waitFor('hello and state', () => messages.length === 2);
    expect(messages.map(withoutReceivedAt)).toEqual([hello, state]);
  });

  it('starts on a fresh line after a recording that was cut short', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-record-'));
    const file = path.join(dir, 'appended.jsonl');
    await writeFile(file, '{"at":1,"source":"c1","message":{"ty');
    const recorder = await Recorder.open(file, capturingLogger());
    const [hello] = demoMessages(1);
    recorder.write(5, 'c2', hello!, JSON.stringify(hello));
    await recorder.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(typeof parseRecordLine(lines[0]!)).toBe('string');
    expect(parseRecordLine(lines[1]!)).toEqual({ at: 5, source: 'c2', message: hello });
  });

  it('shortens a long recorded gap to well under the stale limit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-record-'));
    const file = path.join(dir, 'sessions.jsonl');
    const [hello, state] = demoMessages(2, '1v1');
    const line = (at: number, message: object): string =>
      JSON.stringify({ at, source: 'c1', message });
    // Two recording sessions appended to one file, two minutes apart.
    await writeFile(file, [line(0, hello!), line(120_000, { ...state!, seq: 2 })].join('\n'));
    const { messages } = await replayed(file, 1, capturingLogger('info'));
    const gap = messages[1]!.received_at! - messages[0]!.received_at!;
    expect(gap).toBeGreaterThan(2_500);
    expect(gap).toBeLessThan(5_000);
  }, 10_000);

  it('keeps a slowed replay fresh: never stale, never dropped, every message live', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-record-'));
    const file = path.join(dir, 'slow.jsonl');
    const sent = demoMessages(4, '1v1');
    await writeFile(
      file,
      sent.map((message, i) => JSON.stringify({ at: i * 200, source: 'c1', message })).join('\n'),
    );
    const logger = capturingLogger('info');
    const messages: WidgetMessage[] = [];
    const stale: boolean[] = [];
    const b = await bridge({
      // At 0.25x the 200 ms gaps take 800 ms: past both limits.
      replay: { file, speed: 0.25 },
      staleAfterMs: 200,
      dropAfterMs: 500,
      logger,
      plugins: [(started) => started.onLiveMessage((message) => messages.push(message))],
    });
    const timer = setInterval(() => stale.push(b.status().sources.some((s) => s.stale)), 20);
    await waitFor('the replay', () => logger.lines.some((l) => l.includes('finished')), {
      timeoutMs: 5_000,
    });
    clearInterval(timer);
    expect(stale).not.toContain(true);
    expect(b.counters.get('connections_dropped_idle')).toBe(0);
    expect(b.counters.get('messages_ignored')).toBe(0);
    const distinct = messages.filter((m, i) => i === 0 || m.seq !== messages[i - 1]!.seq);
    expect(distinct.map(withoutReceivedAt)).toEqual(sent);
  }, 10_000);

  it('refuses to record into the file it replays, however it is spelt', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bar-record-'));
    const file = path.join(dir, 'game.jsonl');
    await writeFile(file, JSON.stringify({ at: 0, source: 'c1', message: demoMessages(1)[0] }));
    await symlink(file, path.join(dir, 'link.jsonl'));
    for (const record of [
      file,
      `${dir}/./game.jsonl`,
      path.relative(process.cwd(), file),
      path.join(dir, 'link.jsonl'),
    ]) {
      await expect(
        startBridge({
          tcpPort: 0,
          httpPort: 0,
          record,
          replay: { file },
          logger: capturingLogger(),
        }),
      ).rejects.toThrow(`--record ${record} and --replay ${file} are the same file`);
    }
  });

  it('refuses a recording file in a folder that does not exist', async () => {
    await expect(
      startBridge({
        tcpPort: 0,
        httpPort: 0,
        record: '/no/such/folder/x.jsonl',
        logger: capturingLogger(),
      }),
    ).rejects.toThrow(/--record \/no\/such\/folder\/x\.jsonl: ENOENT/);
  });
});
