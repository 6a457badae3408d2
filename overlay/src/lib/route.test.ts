import { describe, expect, it } from 'vitest';
import { PANELS, parseRoute, socketUrl } from './route.ts';

const at = (path: string) => parseRoute(new URL(path, 'http://127.0.0.1:9877'));

describe('parseRoute', () => {
  it('shows every panel in the full layout by default', () => {
    expect(at('/overlay/')).toMatchObject({ panels: [...PANELS], single: false, theme: null });
  });

  it('reads panels= and keeps a stable order', () => {
    expect(at('/overlay/?panels=events,scoreboard').panels).toEqual(['scoreboard', 'events']);
  });

  it('ignores unknown panels and says so', () => {
    const r = at('/overlay/?panels=scoreboard,minimap');
    expect(r.panels).toEqual(['scoreboard']);
    expect(r.problems).toEqual(['unknown panel "minimap" ignored']);
    expect(at('/overlay/?panels=bogus').panels).toEqual([...PANELS]);
  });

  it('reads a single-panel page from the path', () => {
    for (const p of PANELS) {
      expect(at(`/overlay/${p}`)).toMatchObject({ panels: [p], single: true });
      expect(at(`/overlay/${p}/?theme=light`)).toMatchObject({ panels: [p], theme: 'light' });
    }
  });

  it('accepts only safe theme names', () => {
    expect(at('/overlay/?theme=esports').theme).toBe('esports');
    const bad = at('/overlay/?theme=../../etc');
    expect(bad.theme).toBeNull();
    expect(bad.problems[0]).toMatch(/not valid/);
  });
});

describe('socketUrl', () => {
  it('targets /ws on the same origin as an overlay', () => {
    expect(socketUrl(new URL('http://127.0.0.1:9877/overlay/?theme=x'), null)).toBe(
      'ws://127.0.0.1:9877/ws?role=overlay&page=%2Foverlay%2F%3Ftheme%3Dx',
    );
  });
  it('names the page for the control page, never repeating the token there', () => {
    const url = new URL(
      socketUrl(new URL('http://h/overlay/scoreboard?token=secret&theme=esports'), 'secret'),
    );
    expect(url.searchParams.get('page')).toBe('/overlay/scoreboard?theme=esports');
    expect(url.searchParams.getAll('token')).toEqual(['secret']);
  });
  it('passes the token on and uses wss behind https', () => {
    expect(socketUrl(new URL('https://cast.example/overlay/'), 'a b&c')).toBe(
      'wss://cast.example/ws?role=overlay&page=%2Foverlay%2F&token=a+b%26c',
    );
  });
});
