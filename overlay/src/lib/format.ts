// Numbers as BAR prints them (its top bar's short form: 999, 1.2k, 12k, 1.2m), plus the clock.
// Every formatter takes null for "not readable" and prints a dash, so panels never show NaN.

export const MISSING = '–';

const SCALES: readonly [number, string][] = [
  [1e3, 'k'],
  [1e6, 'm'],
  [1e9, 'b'],
];

function shortAbs(abs: number): string {
  if (abs < 999.5) return String(Math.round(abs));
  for (const [divisor, suffix] of SCALES) {
    const scaled = abs / divisor;
    // Decide on the rounded figure, so 9,999 prints as 10k and 999,999 as 1.0m.
    if (scaled < 9.95) return `${scaled.toFixed(1)}${suffix}`;
    if (scaled < 999.5) return `${Math.round(scaled)}${suffix}`;
  }
  return `${Math.round(abs / 1e9)}b`;
}

function usable(value: number | null | undefined): value is number {
  return value != null && Number.isFinite(value);
}

/** 0 → "0", 999 → "999", 1234 → "1.2k", 12345 → "12k", 1234567 → "1.2m". */
export function formatShort(value: number | null | undefined): string {
  if (!usable(value)) return MISSING;
  const text = shortAbs(Math.abs(value));
  return value < 0 && text !== '0' ? `-${text}` : text;
}

/** A per-second rate: 34.46 → "+34.5/s", 1234 → "+1.2k/s"; one decimal below 100. */
export function formatRate(value: number | null | undefined, suffix = '/s'): string {
  if (!usable(value)) return MISSING;
  const abs = Math.abs(value);
  const oneDecimal = abs.toFixed(1);
  const text = Number(oneDecimal) < 100 ? oneDecimal : shortAbs(abs);
  const negative = value < 0 && Number(oneDecimal) !== 0;
  return `${negative ? '-' : '+'}${text}${suffix}`;
}

/** Whole counts (units, kills): exact below 10,000, short above. */
export function formatCount(value: number | null | undefined): string {
  if (!usable(value)) return MISSING;
  return Math.abs(value) < 9999.5 ? String(Math.round(value)) : formatShort(value);
}

/** A share 0..1 as a whole percentage. */
export function formatPercent(value: number | null | undefined): string {
  if (!usable(value)) return MISSING;
  return `${Math.round(value * 100)}%`;
}

/** Game seconds as m:ss, or h:mm:ss from an hour on. */
export function formatClock(seconds: number | null | undefined): string {
  if (!usable(seconds) || seconds < 0) return `${MISSING}:${MISSING}${MISSING}`;
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A rate without the unit, for columns headed "M/s": 34.46 → "+34.5". */
export function formatIncome(value: number | null | undefined): string {
  return formatRate(value, '');
}
