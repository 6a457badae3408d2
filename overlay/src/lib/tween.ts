// Numbers count to their new value instead of jumping. One shared loop runs only while some number
// is moving, one step every STEP_MS in an animation frame: a count reads well at 10 steps a second,
// and every frame that changes text costs a layout, paint and commit (the CPU budget). The DOM is
// written only when the formatted text changes, and a change with nothing to show in between
// ("+3.6" → "+3.7") simply switches.

type Tick = (now: number) => boolean;

/** Time between steps: 10 per second. */
export const STEP_MS = 100;

const active = new Set<Tick>();
let scheduled = false;

function step(): void {
  // performance.now(), not the frame's timestamp, which can predate a tween started this frame.
  const now = performance.now();
  for (const tick of active) if (!tick(now)) active.delete(tick);
  if (active.size) schedule(STEP_MS);
  else scheduled = false;
}

function schedule(delay: number): void {
  scheduled = true;
  setTimeout(() => requestAnimationFrame(step), delay);
}

function run(tick: Tick): void {
  active.add(tick);
  if (!scheduled) schedule(0);
}

const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;

export interface TweenParams {
  value: number | null;
  format: (value: number | null) => string;
  /** Milliseconds; 0 jumps. */
  duration: number;
}

/** True when counting from one value to another would show something between the two. */
export function showsSteps(from: number, to: number, format: (value: number) => string): boolean {
  const ends = [format(from), format(to)];
  if (ends[0] === ends[1]) return false;
  return [1 / 3, 2 / 3].some((t) => !ends.includes(format(from + (to - from) * t)));
}

/** Svelte action: shows `value` formatted, counting from the previous value. */
export function tween(node: HTMLElement, params: TweenParams) {
  let { format } = params;
  let shown = params.value;
  let target = params.value;
  let text = format(shown);
  // Changing a Text node's data costs layout only; replacing the node would restyle the element.
  const textNode = document.createTextNode(text);
  node.replaceChildren(textNode);

  let from = 0;
  let start = 0;
  let duration = 0;

  const write = (value: number | null) => {
    const next = format(value);
    if (next !== text) {
      text = next;
      textNode.data = next;
    }
  };

  const tick: Tick = (now) => {
    const t = Math.min(1, Math.max(0, (now - start) / duration));
    shown = from + ((target as number) - from) * easeOutCubic(t);
    write(shown);
    return t < 1;
  };

  return {
    update(next: TweenParams) {
      const formatChanged = next.format !== format;
      format = next.format;
      if (next.value === target && !formatChanged) return;
      target = next.value;
      if (
        target == null ||
        shown == null ||
        next.duration <= 0 ||
        !Number.isFinite(shown) ||
        !showsSteps(shown, target, format)
      ) {
        active.delete(tick);
        shown = target;
        write(shown);
        return;
      }
      from = shown;
      start = performance.now();
      duration = next.duration;
      run(tick);
    },
    destroy() {
      active.delete(tick);
    },
  };
}
