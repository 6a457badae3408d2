import { describe, expect, it } from 'vitest';
import { RecentMessages, parse } from './recent-messages.ts';
import { sampleGameOver, sampleHello, sampleState } from '../../test-support/sample-messages.ts';
import type { WidgetMessage } from '../../protocol/types.ts';

const from = { id: 'tcp1', origin: 'widget' as const };
function push(history: RecentMessages, at: number, message: WidgetMessage): void {
  history.push(at, message, Buffer.from(JSON.stringify({ ...message, received_at: at })), from);
}
const frameAt = (history: RecentMessages, time: number) =>
  history.pictureAt(time, history.seqAfter(time)).state?.frame ?? null;

describe('RecentMessages', () => {
  it('gives the game as it stood at a moment, from what it keeps', () => {
    const history = new RecentMessages(600_000);
    history.keepFor(10_000);
    push(history, 1_000, sampleHello());
    push(history, 2_000, { ...sampleState(2), frame: 60 });
    push(history, 3_000, { ...sampleState(3), frame: 90 });
    push(history, 3_500, sampleGameOver(4));
    expect(history.pictureAt(500, history.seqAfter(500))).toEqual({
      hello: null,
      state: null,
      gameOver: null,
    });
    expect(frameAt(history, 2_500)).toBe(60);
    expect(history.pictureAt(3_200, history.seqAfter(3_200)).gameOver).toBeNull();
    expect(history.pictureAt(3_500, history.seqAfter(3_500)).gameOver?.winners).toEqual([1]);
    expect(parse(history.from(3)!)).toMatchObject({ frame: 90, received_at: 3_000 });
  });

  it('folds what is older than it keeps, and then has no picture before that', () => {
    const history = new RecentMessages(600_000);
    history.keepFor(1_000);
    push(history, 1_000, sampleHello());
    push(history, 2_000, { ...sampleState(2), frame: 60 });
    push(history, 5_000, { ...sampleState(3), frame: 150 });
    expect(history.size().messages).toBe(1);
    // 2 s ago (3 s): the folded state at 2 s still held then.
    expect(frameAt(history, 3_000)).toBe(60);
    // Before the last folded message the history cannot tell: empty, never a newer picture.
    expect(frameAt(history, 1_500)).toBeNull();
    expect(history.pictureAt(1_500, history.seqAfter(1_500)).hello).toBeNull();
  });

  it('never keeps more than its size; the oldest superseded states go first, so pictures get older, never newer', () => {
    const one = Buffer.byteLength(JSON.stringify({ ...sampleState(2), received_at: 1_000 }));
    const history = new RecentMessages(600_000, one * 3 + 1_000);
    history.keepFor(600_000);
    push(history, 1_000, sampleHello());
    for (let s = 1; s <= 6; s += 1)
      push(history, 1_000 + s * 1_000, { ...sampleState(s + 1), frame: s * 30 });
    expect(history.size().bytes).toBeLessThanOrEqual(one * 3 + 1_000);
    expect(history.size().messages).toBe(4); // the hello and the last three states
    // At 3.5 s the game stood at frame 60: that state is gone, and the picture is older (no state),
    // never the newer frame 120.
    expect(frameAt(history, 3_500)).toBeNull();
    expect(history.pictureAt(3_500, history.seqAfter(3_500)).hello).not.toBeNull();
    expect(frameAt(history, 5_500)).toBe(120);
  });
});
