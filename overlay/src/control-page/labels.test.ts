import { describe, expect, it } from 'vitest';
import type { Source } from '../../../protocol/types.ts';
import hello from '../../../protocol/fixtures/hello.json' with { type: 'json' };
import { ago, browserLabel, clientLabel, sourceLabel } from './labels.ts';

describe('ago', () => {
  it('says how long ago, in the largest whole unit', () => {
    const now = 1_000_000_000;
    expect(ago(null, now)).toBe('no data yet');
    expect(ago(now - 400, now)).toBe('just now');
    expect(ago(now - 12_300, now)).toBe('12 s ago');
    expect(ago(now - 185_000, now)).toBe('3 min ago');
    expect(ago(now - 2 * 3_600_000 - 5, now)).toBe('2 h ago');
    expect(ago(now + 5_000, now)).toBe('just now'); // a clock a bit ahead
  });
});

describe('labels', () => {
  const source = (over: Partial<Source>): Source => ({
    id: '1',
    peer: '127.0.0.1:50000',
    live: true,
    stale: false,
    connected_at: 0,
    last_message_at: null,
    messages: 0,
    hello: null,
    ...over,
  });

  it('names a source by its player and map', () => {
    const h = hello as NonNullable<Source['hello']>;
    const spectating = {
      ...h,
      local_player: { ...h.local_player, name: 'Alex', spectator: true },
      game: { ...h.game, map: 'Supreme Isthmus', replay: false },
    };
    expect(sourceLabel(source({ hello: spectating }))).toBe('Alex (spectator) on Supreme Isthmus');
    const replay = { ...spectating, game: { ...spectating.game, replay: true } };
    expect(sourceLabel(source({ hello: replay }))).toBe(
      'Alex (spectator) on Supreme Isthmus, replay',
    );
    expect(sourceLabel(source({}))).toBe('127.0.0.1:50000 (no hello yet)');
  });

  it('names OBS and its Chromium from a user agent', () => {
    const obs =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.5060.134 Safari/537.36 OBS/30.2.3';
    expect(browserLabel(obs)).toBe('OBS 30.2 · Chromium 103');
    expect(browserLabel('Mozilla/5.0 Chrome/127.0.0.0')).toBe('Chromium 127');
    expect(browserLabel('Mozilla/5.0 HeadlessChrome/131.0.0.0')).toBe('Chromium 131');
    expect(browserLabel(null)).toBe('unknown browser');
  });

  it('names a client by its page', () => {
    const base = { id: '1', peer: 'x', connected_at: 0, user_agent: null, delay_s: 0 };
    expect(clientLabel({ ...base, role: 'overlay', page: 'scoreboard' })).toBe('scoreboard page');
    expect(clientLabel({ ...base, role: 'overlay', page: null })).toBe('overlay');
    expect(clientLabel({ ...base, role: 'control', page: null })).toBe('control page');
    expect(clientLabel({ ...base, role: 'overlay', page: 'events', delay_s: 2.5 })).toBe(
      'events page · 2.5 s late',
    );
  });
});
