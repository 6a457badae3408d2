// Draws a lead graph into an <svg> without ever redrawing its whole path: each new point adds one
// segment (a filled quad and a line piece, or a line piece per ally team), each new marker one
// tick, and a change of scale is one transform on the group that holds them (strokes keep their
// width: vector-effect non-scaling-stroke). The scales move in steps (a time span, a round reach),
// a few times a game. Only the newest piece, from the last point to the live value, moves: it
// glides to each new value.
const SVG = 'http://www.w3.org/2000/svg';
/** The drawing's own units: the viewBox is VIEW_W × VIEW_H, stretched to the element. */
export const VIEW_W = 1000;
export const VIEW_H = 100;
/** Room above and below the extremes, in view units. */
const PAD = 6;
/** The time axis ends at the first of these (game seconds) the game has not reached: the scale
 * changes a few times a game, not with every state. */
const TIME_SPANS = [120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800];

/** The first of 1, 1.5, 2, 3, 5, 7.5 × a power of ten at or above `v`: the value axis's reach. */
export function niceCeil(v: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(v, 1)));
  for (const step of [1, 1.5, 2, 3, 5, 7.5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

/** The time axis's end for a game at `t` seconds. */
export function timeSpan(t: number): number {
  return TIME_SPANS.find((span) => span >= t) ?? Math.ceil(t / 3600) * 3600;
}

export type GraphMode = 'lead' | 'lines';

export interface GraphSeries {
  /** Ally team id. */
  id: number;
  color: string;
}

let nextId = 1;

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  parent?.appendChild(node);
  return node;
}

export class GraphDrawing {
  readonly svg: SVGSVGElement;
  private readonly data: SVGGElement;
  private readonly ticks: SVGGElement;
  private readonly area: SVGGElement;
  private readonly lines: SVGGElement;
  private readonly tails: SVGPathElement[] = [];
  private readonly uses: SVGUseElement[] = [];
  private readonly zero: SVGLineElement;
  private readonly clips: SVGRectElement[];
  private mode: GraphMode = 'lead';
  private series: GraphSeries[] = [];
  private points = 0;
  private maxAbs = 1;
  private tEnd = 60;
  private view = '';
  private last: { t: number; values: (number | null)[] } | null = null;
  private tail: {
    from: (number | null)[];
    to: (number | null)[];
    t: number;
    start: number;
  } | null = null;
  private frame = 0;

  /** How long the newest piece takes to reach a new value (the theme's tween time). */
  glideMs = 0;
  /** A finished game: the time axis ends where it ended, not at the next round span. */
  fitTime = false;

  constructor(svg: SVGSVGElement) {
    this.svg = svg;
    svg.replaceChildren();
    const id = nextId++;
    svg.setAttribute('viewBox', `0 0 ${VIEW_W} ${VIEW_H}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    const defs = el('defs', {}, svg);
    this.area = el('g', { id: `graph-area-${id}` }, defs);
    // Clip rects in the data's units, kept just larger than the data (scale()): huge ones lose
    // precision in the rasteriser.
    const above = el(
      'clipPath',
      { id: `graph-above-${id}`, clipPathUnits: 'userSpaceOnUse' },
      defs,
    );
    const below = el(
      'clipPath',
      { id: `graph-below-${id}`, clipPathUnits: 'userSpaceOnUse' },
      defs,
    );
    this.clips = [el('rect', { x: 0, y: 0 }, above), el('rect', { x: 0 }, below)];
    this.ticks = el('g', { class: 'graph-markers' }, svg);
    this.data = el('g', { class: 'graph-data' }, svg);
    for (const side of ['above', 'below']) {
      this.uses.push(
        el(
          'use',
          {
            href: `#graph-area-${id}`,
            'clip-path': `url(#graph-${side}-${id})`,
            class: 'graph-fill',
          },
          this.data,
        ),
      );
    }
    this.zero = el('line', { class: 'graph-zero', x1: 0, y1: 0, y2: 0 }, this.data);
    this.lines = el('g', { class: 'graph-lines' }, this.data);
  }

  /** Starts an empty graph: the lead of series[0] over series[1], or one line per series. */
  reset(mode: GraphMode, series: GraphSeries[]): void {
    cancelAnimationFrame(this.frame);
    this.mode = mode;
    this.series = series;
    this.points = 0;
    this.maxAbs = 1;
    this.view = '';
    this.last = null;
    this.tail = null;
    this.area.replaceChildren();
    this.lines.replaceChildren();
    this.ticks.replaceChildren();
    this.tails.length = 0;
    this.uses.forEach((use, i) => {
      use.style.display = mode === 'lead' ? '' : 'none';
      use.style.fill = series[i]?.color ?? 'none';
    });
    this.zero.style.display = mode === 'lead' ? '' : 'none';
    for (const s of mode === 'lead' ? series.slice(0, 1) : series) {
      const tail = el('path', { class: 'graph-line graph-tail' }, this.lines);
      tail.style.stroke = mode === 'lead' ? 'var(--color-text-strong)' : s.color;
      this.tails.push(tail);
    }
    this.svg.dataset.points = '0';
    this.svg.dataset.markers = '0';
  }

  /** Adds the point at `t` (values per line: one for the lead) and the segment from the last. */
  addPoint(t: number, values: (number | null)[]): void {
    for (const v of values) if (v !== null) this.maxAbs = Math.max(this.maxAbs, Math.abs(v));
    const last = this.last;
    if (last) {
      values.forEach((v, i) => {
        const v0 = last.values[i] ?? null;
        if (v === null || v0 === null) return;
        if (this.mode === 'lead') {
          el('path', { d: `M${last.t} 0L${last.t} ${v0}L${t} ${v}L${t} 0Z` }, this.area);
        }
        const piece = el('path', { class: 'graph-line', d: `M${last.t} ${v0}L${t} ${v}` });
        piece.style.stroke =
          this.mode === 'lead' ? 'var(--color-text-strong)' : this.series[i]!.color;
        this.lines.insertBefore(piece, this.tails[0] ?? null);
      });
    }
    this.last = { t, values };
    this.points += 1;
    this.svg.dataset.points = String(this.points);
  }

  /** Adds a marker tick at `t` in `color`, named for tests and screen readers by `label`. */
  addMarker(t: number, color: string, kind: string, label: string): void {
    const tick = el('line', { class: 'graph-marker', x1: t, x2: t, y1: 0, y2: VIEW_H }, this.ticks);
    tick.style.stroke = color;
    tick.dataset.kind = kind;
    tick.dataset.color = color;
    el('title', {}, tick).textContent = label;
    this.svg.dataset.markers = String(this.ticks.childElementCount);
  }

  /** The live values at game time `t`: the newest piece glides there, the scales follow. */
  live(t: number, values: (number | null)[]): void {
    for (const v of values) if (v !== null) this.maxAbs = Math.max(this.maxAbs, Math.abs(v));
    const end = Math.max(t, this.last?.t ?? 0, 1);
    this.tEnd = this.fitTime ? end : timeSpan(end);
    this.scale();
    const from = this.tail ? this.tailValues(performance.now()) : (this.last?.values ?? values);
    this.tail = { from, to: values, t, start: performance.now() };
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(this.glide);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
  }

  private readonly glide = (now: number): void => {
    if (!this.tail || !this.last) return;
    const values = this.tailValues(now);
    this.tails.forEach((path, i) => {
      const v0 = this.last!.values[i] ?? null;
      const v = values[i] ?? null;
      path.setAttribute(
        'd',
        v0 === null || v === null ? '' : `M${this.last!.t} ${v0}L${this.tail!.t} ${v}`,
      );
    });
    if (now - this.tail.start < this.glideMs) this.frame = requestAnimationFrame(this.glide);
  };

  private tailValues(now: number): (number | null)[] {
    const tail = this.tail!;
    const k = this.glideMs > 0 ? Math.min(1, (now - tail.start) / this.glideMs) : 1;
    const eased = 1 - (1 - k) ** 3;
    return tail.to.map((to, i) => {
      const from = tail.from[i] ?? null;
      return to === null || from === null ? to : from + (to - from) * eased;
    });
  }

  /** Sets the scales, when the time span or the value axis's reach changed. */
  private scale(): void {
    const reachY = niceCeil(this.maxAbs);
    const view = `${this.tEnd} ${reachY}`;
    if (view === this.view) return;
    this.view = view;
    const sx = VIEW_W / this.tEnd;
    const half = this.mode === 'lead';
    const sy = (half ? VIEW_H / 2 - PAD : VIEW_H - 2 * PAD) / reachY;
    const base = half ? VIEW_H / 2 : VIEW_H - PAD;
    this.data.setAttribute('transform', `matrix(${sx} 0 0 ${-sy} 0 ${base})`);
    const reach = reachY * 2;
    for (const rect of this.clips) {
      rect.setAttribute('width', String(this.tEnd));
      rect.setAttribute('height', String(reach));
    }
    this.clips[1]!.setAttribute('y', String(-reach));
    this.zero.setAttribute('x2', String(this.tEnd));
    this.ticks.setAttribute('transform', `matrix(${sx} 0 0 1 0 0)`);
  }
}
