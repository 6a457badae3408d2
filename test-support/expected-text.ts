// The text the overlay must show for a figure, written from BAR's rules (its top bar's short form)
// without the overlay's own formatters (overlay/src/lib/format.ts), so a formatter bug fails the
// browser and end-to-end tests instead of passing them. expected-text.test.ts pins the rules to
// written-out values. Unreadable figures (null) show a dash.

type Figure = number | null | undefined;
const DASH = '–';

/** 999 → "999", 1234 → "1.2k", 12345 → "12k", 999999 → "1.0m": one decimal below ten units. */
export function short(n: Figure): string {
  if (n == null) return DASH;
  const abs = Math.abs(n);
  let text = String(Math.round(abs));
  if (abs >= 999.5) {
    const [unit, suffix] = abs < 999_500 ? [1e3, 'k'] : abs < 999_500_000 ? [1e6, 'm'] : [1e9, 'b'];
    const scaled = abs / unit;
    text = scaled < 9.95 ? `${scaled.toFixed(1)}${suffix}` : `${Math.round(scaled)}${suffix}`;
  }
  return n < 0 && text !== '0' ? `-${text}` : text;
}

/** A per-second rate, signed: 34.46 → "+34.5/s", 1234 → "+1.2k/s" (one decimal below 100). */
export function rate(n: Figure, unit = '/s'): string {
  if (n == null) return DASH;
  const oneDecimal = Math.abs(n).toFixed(1);
  const text = Number(oneDecimal) < 100 ? oneDecimal : short(Math.abs(n));
  return `${n < 0 && Number(oneDecimal) !== 0 ? '-' : '+'}${text}${unit}`;
}

/** A rate in a column headed "M/s": no unit. */
export const income = (n: Figure): string => rate(n, '');

/** Whole counts: exact below 10,000. */
export const count = (n: Figure): string =>
  n == null ? DASH : Math.abs(n) < 9999.5 ? String(Math.round(n)) : short(n);

/** Game seconds as m:ss, or h:mm:ss from an hour on. */
export function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  const two = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
