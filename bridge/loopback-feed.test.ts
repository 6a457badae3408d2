import { afterEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBridge, type Bridge } from './bridge.ts';
import { LoopbackFeed } from './loopback-feed.ts';
import { LoopbackSource } from './loopback-source.ts';
import { capturingLogger } from '../test-support/capturing-logger.ts';
import { sampleHello, sampleState, withoutReceivedAt } from '../test-support/sample-messages.ts';
import { waitFor } from '../test-support/wait.ts';
import type { WidgetMessage } from '../protocol/types.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

/**
 * A bridge with short stale and idle limits, and the messages it relays from the live source. The
 * feed's 100 ms keep-alive is a quarter of the stale limit, so a busy test machine's pause of a
 * few hundred ms cannot pass for a missing keep-alive; 1.2 s of silence still would.
 */
async function bridge(): Promise<{ bridge: Bridge; live: WidgetMessage[]; feed: LoopbackFeed }> {
  const live: WidgetMessage[] = [];
  const b = await startBridge({
    tcpPort: 0,
    httpPort: 0,
    logger: capturingLogger('warn'),
    builtinThemesDir: tmpdir(),
    staleAfterMs: 400,
    dropAfterMs: 800,
    plugins: [(started) => started.onLiveMessage((m) => live.push(m))],
  });
  open.push(b);
  const feed = new LoopbackFeed(() => LoopbackSource.connect('127.0.0.1', b.tcpPort), 100);
  open.push(feed);
  return { bridge: b, live, feed };
}

describe('loopback feed', () => {
  it('reopens a lost connection with its hello, numbered so the intake sees no seq gap', async () => {
    const { bridge: b, live, feed } = await bridge();
    await feed.send(sampleHello());
    await feed.send(sampleState(2));
    await waitFor('hello and state', () => live.length === 2);
    // Silence past the idle limit: the intake closes the connection.
    await waitFor('the idle drop', () => b.counters.get('connections_dropped_idle') === 1, {
      timeoutMs: 3_000,
    });
    await waitFor('the connection gone', () => b.status().sources.length === 0);
    await sleep(100); // for the feed's end to see the close too
    await feed.send(sampleState(7));
    await waitFor('the hello again and the state', () => live.length === 4);
    expect(live.slice(2).map(withoutReceivedAt)).toEqual([
      { ...sampleHello(), seq: 6 },
      sampleState(7),
    ]);
    expect(b.status().source?.id).toBe('c2');
    expect(b.counters.get('messages_ignored')).toBe(0);
    expect(b.counters.get('messages_missed')).toBe(0);
  });

  it('keeps a connection fresh while waiting long, by sending its latest state again', async () => {
    const { bridge: b, live, feed } = await bridge();
    const stale: boolean[] = [];
    await feed.send(sampleHello());
    await feed.send(sampleState(2));
    const timer = setInterval(() => stale.push(b.status().sources.some((s) => s.stale)), 20);
    await feed.wait(1_200, new AbortController().signal);
    clearInterval(timer);
    await feed.send(sampleState(3));
    await waitFor('the next state', () => live.at(-1)?.seq === 3);
    expect(stale.length).toBeGreaterThan(20);
    expect(stale).not.toContain(true);
    expect(b.counters.get('connections_total')).toBe(1);
    expect(b.counters.get('connections_dropped_idle')).toBe(0);
    const states = live.filter((m) => m.type === 'state').map((m) => m.seq);
    expect(states.filter((seq) => seq === 2).length).toBeGreaterThanOrEqual(8);
    expect(b.counters.get('messages_missed')).toBe(0);
  });
});
