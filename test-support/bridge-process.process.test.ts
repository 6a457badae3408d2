import { describe, expect, it } from 'vitest';
import { startBridgeProcess } from './bridge-process.ts';

describe('startBridgeProcess', () => {
  it('starts the real command on free ports, reads its ready line, and stops it with Ctrl-C', async () => {
    const bridge = await startBridgeProcess(['--log-level', 'warn']);
    expect(bridge.httpUrl).toBe(`http://127.0.0.1:${bridge.httpPort}/`);
    expect(bridge.tcpPort).toBeGreaterThan(0);
    const status = (await (await fetch(`${bridge.httpUrl}status`)).json()) as { type: string };
    expect(status.type).toBe('bridge');
    expect(await bridge.stop()).toBe(0);
  }, 40_000);

  it('rejects with the error output when the command fails', async () => {
    await expect(startBridgeProcess(['--nope'])).rejects.toThrow(
      /exited with 2.*\n.*unknown flag --nope/,
    );
  }, 40_000);
});
