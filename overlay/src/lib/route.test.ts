import { describe, expect, it } from 'vitest';
import { LAYOUT_PANELS } from '../../../protocol/panels.ts';
import { parseRoute, socketUrl } from './route.ts';

const at = (path: string) => parseRoute(new URL(path, 'http://127.0.0.1:9877'));

describe('parseRoute', () => {
  it('shows every panel in the full layout by default', () => {
    expect(at('/overlay/')).toMatchObject({
      panels: [...LAYOUT_PANELS],
      single: false,
      theme: null,
    });
  });

  it('reads panels= and keeps a stable order', () => {
    expect(at('/overlay/?panels=events,scoreboard').panels).toEqual(['scoreboard', 'events']);
  });

  it('ignores unknown panels and says so', () => {
    const r = at('/overlay/?panels=scoreboard,minimap');
    expect(r.panels).toEqual(['scoreboard']);
    expect(r.problems).toEqual(['unknown panel "minimap" ignored']);
    expect(at('/overlay/?panels=bogus').panels).toEqual([...LAYOUT_PANELS]);
  });

  it('reads a single-panel page from the path', () => {
    for (const p of LAYOUT_PANELS) {
      expect(at(`/overlay/${p}`)).toMatchObject({ panels: [p], single: true });
      expect(at(`/overlay/${p}/?theme=light`)).toMatchObject({ panels: [p], theme: 'light' });
    }
  });

  it('reads the story pages from the path, the graph with its metric and size', () => {
    expect(at('/overlay/graph')).toMatchObject({
      story: 'graph',
      panels: [],
      single: true,
      metric: 'army',
      strip: false,
    });
    expect(at('/overlay/graph?metric=damage&size=strip')).toMatchObject({
      metric: 'damage',
      strip: true,
    });
    expect(at('/overlay/postgame')).toMatchObject({ story: 'postgame', panels: [], single: false });
    expect(at('/overlay/series')).toMatchObject({ story: 'series', panels: [], single: false });
    expect(at('/overlay/')).toMatchObject({ story: null });
  });

  it('draws army value for an unknown metric, and says so', () => {
    const r = at('/overlay/graph?metric=gold');
    expect(r.metric).toBe('army');
    expect(r.problems).toEqual([
      'unknown metric "gold" ignored (army, metal, energy, damage, build_power)',
    ]);
  });

  it('reads delay= in seconds, fractions allowed, and refuses what is not 0 to 600', () => {
    expect(at('/overlay/').delay).toBe(0);
    expect(at('/overlay/scoreboard?delay=120').delay).toBe(120);
    expect(at('/overlay/?delay=2.5').delay).toBe(2.5);
    expect(at('/overlay/?delay=600').delay).toBe(600);
    for (const bad of ['601', '-1', '2m', '', 'Infinity']) {
      const r = at(`/overlay/?delay=${bad}`);
      expect(r.delay).toBeNull();
      expect(r.problems).toEqual([
        `delay "${bad}" is not a number of seconds from 0 to 600: not connecting`,
      ]);
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
  const socketFor = (href: string) => socketUrl(new URL(href), parseRoute(new URL(href)));
  it('targets /ws on the same origin as an overlay', () => {
    expect(socketFor('http://127.0.0.1:9877/overlay/?theme=x')).toBe(
      'ws://127.0.0.1:9877/ws?role=overlay',
    );
  });
  it('passes a delay on to the bridge', () => {
    expect(socketFor('http://h/overlay/events?delay=2.5')).toBe(
      'ws://h/ws?role=overlay&page=events&delay=2.5',
    );
    expect(socketFor('http://h/overlay/?delay=0')).toBe('ws://h/ws?role=overlay');
  });
  it('names a single panel or a subset of panels for the control page', () => {
    expect(socketFor('http://h/overlay/scoreboard?theme=esports')).toBe(
      'ws://h/ws?role=overlay&page=scoreboard',
    );
    expect(socketFor('http://h/overlay/?panels=events,scoreboard')).toBe(
      'ws://h/ws?role=overlay&page=scoreboard%2Bevents',
    );
  });
  it('passes the token on and uses wss behind https', () => {
    expect(socketFor('https://cast.example/overlay/?token=a+b%26c')).toBe(
      'wss://cast.example/ws?role=overlay&token=a+b%26c',
    );
  });
});
