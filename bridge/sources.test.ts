import { describe, expect, it } from 'vitest';
import { Sources } from './sources.ts';
import { StateStore } from './state-store.ts';
import { sampleGameOver, sampleHello, sampleState } from '../test-support/sample-messages.ts';

describe('Sources', () => {
  it('makes the most recent connection that said hello the live source', () => {
    const sources = new Sources();
    sources.add('c1', 'a', 1);
    sources.add('c2', 'b', 2);
    expect(sources.accept('c1', sampleState(), 3)).toBe('ignored');
    expect(sources.accept('c1', sampleHello(), 4)).toBe('took_over');
    expect(sources.accept('c1', sampleState(), 5)).toBe('live');
    expect(sources.accept('c2', sampleHello(), 6)).toBe('took_over');
    expect(sources.accept('c1', sampleState(), 7)).toBe('ignored');
    expect(sources.live?.id).toBe('c2');
    expect(sources.list().map((s) => [s.id, s.live, s.messages])).toEqual([
      ['c1', false, 4],
      ['c2', true, 1],
    ]);
  });

  it('leaves no live source when it disconnects, until a hello or a selection', () => {
    const sources = new Sources();
    sources.add('c1', 'a', 1);
    sources.add('c2', 'b', 2);
    sources.accept('c1', sampleHello(), 3);
    sources.accept('c1', sampleState(), 3);
    sources.accept('c2', sampleHello(), 4);
    expect(sources.remove('c2')).toBe(true);
    expect(sources.live).toBeNull();
    expect(sources.select('nope')).toBeNull();
    const chosen = sources.select('c1');
    expect(chosen?.state?.seq).toBe(2);
    expect(sources.live?.id).toBe('c1');
    expect(sources.remove('c2')).toBe(false);
  });

  it("keeps each connection's game over until its next hello, for select()", () => {
    const sources = new Sources();
    sources.add('c1', 'a', 1);
    sources.add('c2', 'b', 2);
    sources.accept('c1', sampleHello(), 3);
    sources.accept('c1', sampleGameOver(), 4);
    sources.accept('c2', sampleHello(), 5);
    expect(sources.select('c1')?.gameOver?.seq).toBe(3);
    expect(sources.get('c2')?.gameOver).toBeNull();
    sources.accept('c1', sampleHello(), 6);
    expect(sources.get('c1')?.gameOver).toBeNull();
  });

  it('does not select a connection that has not said hello', () => {
    const sources = new Sources();
    sources.add('c1', 'a', 1);
    expect(sources.select('c1')).toBeNull();
  });
});

describe('StateStore', () => {
  it('keeps the last hello and state, and clears the state on a new hello', () => {
    const store = new StateStore();
    store.apply(sampleHello());
    store.apply(sampleState(2));
    store.apply({ type: 'goodbye', schema_version: 1, seq: 3, frame: 0, reason: 'quit' });
    expect(store.game.state?.seq).toBe(2);
    store.apply(sampleHello());
    expect(store.game.state).toBeNull();
    expect(store.game.hello).not.toBeNull();
  });

  it('keeps the game over for the snapshot until the next hello', () => {
    const store = new StateStore();
    store.apply(sampleHello());
    store.apply({ ...sampleGameOver(), received_at: 5000 });
    store.apply(sampleState(4));
    const status = {} as Parameters<StateStore['snapshot']>[0];
    expect(store.snapshot(status).game_over).toMatchObject({
      event: 'game_over',
      received_at: 5000,
    });
    store.apply(sampleHello());
    expect(store.snapshot(status).game_over).toBeNull();
  });
});
