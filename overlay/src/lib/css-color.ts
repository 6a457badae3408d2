// Theme authors may write any CSS colour (navy, hsl(), color-mix(), ...), not only the hex and rgb()
// that parseColor reads: the browser resolves the rest on a probe element, whose computed colour
// comes back as rgb(). What parseColor already reads, or the browser cannot resolve, is kept as is.
import { parseColor } from './color.ts';

export function cssColor(text: string, doc: Document | undefined = globalThis.document): string {
  if (!text || parseColor(text) || !doc?.body || !doc.defaultView) return text;
  const probe = doc.createElement('span');
  probe.style.color = text;
  if (!probe.style.color) return text; // not a colour at all
  probe.hidden = true;
  doc.body.append(probe);
  const resolved = doc.defaultView.getComputedStyle(probe).color;
  probe.remove();
  return parseColor(resolved) ? resolved : text;
}
