// The data delay's limits and its one text form, shared by the bridge (--delay, the /ws `delay=`
// query) and the overlay page (its `?delay=` URL): seconds from 0 to 600, fractions allowed.
export const MAX_DELAY_S = 600;

/** Seconds from text such as "120" or "2.5"; null when it is not a number from 0 to 600. */
export function parseDelaySeconds(text: string): number | null {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text.trim())) return null;
  const seconds = Number(text);
  return seconds <= MAX_DELAY_S ? seconds : null;
}
