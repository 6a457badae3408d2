import { afterEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { startBridge, type Bridge, type BridgeOptions } from '../bridge.ts';
import { DEMO_WIDGET_NAME } from './game.ts';
import { capturingLogger } from '../../test-support/capturing-logger.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { sampleHello, withoutReceivedAt } from '../../test-support/sample-messages.ts';
import { waitFor } from '../../test-support/wait.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import type { WidgetMessage } from '../../protocol/types.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function demoBridge(
  seed: number,
  speed: number,
  messages: WidgetMessage[] = [],
  limits: Pick<BridgeOptions, 'staleAfterMs' | 'dropAfterMs'> = {},
): Promise<Bridge> {
  const bridge = await startBridge({
    tcpPort: 0,
    httpPort: 0,
    logger: capturingLogger('warn'),
    builtinThemesDir: tmpdir(),
    demo: { shape: '2v2', seed, speed },
    plugins: [(b) => b.onLiveMessage((m) => messages.push(m))],
    ...limits,
  });
  open.push(bridge);
  return bridge;
}

describe('demo player', () => {
  it('plays through the widget intake: overlays see a demo source and its states', async () => {
    const bridge = await demoBridge(1, 20);
    const client = await OverlayClient.connect(bridge.httpPort);
    open.push(client);
    await client.next((m) => m.type === 'state');
    const source = bridge.status().source;
    expect(source?.hello?.widget.name).toBe(DEMO_WIDGET_NAME);
    expect(source?.peer).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(bridge.counters.get('frames_in')).toBe(bridge.counters.get('messages_valid'));
  });

  it('sends the same messages for the same seed', async () => {
    const a: WidgetMessage[] = [];
    const b: WidgetMessage[] = [];
    await demoBridge(5, 200, a);
    await demoBridge(5, 200, b);
    await waitFor('forty messages from each', () => a.length >= 40 && b.length >= 40);
    expect(b.slice(0, 40).map(withoutReceivedAt)).toEqual(a.slice(0, 40).map(withoutReceivedAt));
  });

  it('keeps its connection fresh when slowed far down (a game second every 100 s)', async () => {
    const messages: WidgetMessage[] = [];
    const bridge = await demoBridge(3, 0.01, messages, { staleAfterMs: 200, dropAfterMs: 500 });
    const stale: boolean[] = [];
    const timer = setInterval(() => stale.push(bridge.status().sources.some((s) => s.stale)), 20);
    await waitFor('the hello', () => messages.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    clearInterval(timer);
    expect(stale).not.toContain(true);
    expect(bridge.counters.get('connections_total')).toBe(1);
    expect(bridge.counters.get('connections_dropped_idle')).toBe(0);
    expect(bridge.status().source?.hello?.widget.name).toBe(DEMO_WIDGET_NAME);
    expect(messages.length).toBeGreaterThan(5);
  });

  it('steps aside while a real game is connected and comes back when it has gone', async () => {
    const bridge = await demoBridge(2, 100);
    await waitFor(
      'the demo',
      () => bridge.status().source?.hello?.widget.name === DEMO_WIDGET_NAME,
    );
    const real = await WidgetSocket.connect(bridge.tcpPort);
    real.send({ ...sampleHello(), widget: { name: 'BAR Live Data', version: '1.0' } });
    await waitFor('the demo to disconnect', () => bridge.status().sources.length === 1);
    expect(bridge.status().source?.hello?.widget.name).toBe('BAR Live Data');
    await real.close();
    await waitFor(
      'a new demo game',
      () => bridge.status().source?.hello?.widget.name === DEMO_WIDGET_NAME,
      { timeoutMs: 5_000 },
    );
  }, 10_000);
});
