// Waiting for a condition with a deadline, never sleeping and hoping. The error says what was
// awaited and what was last seen, so a failed end-to-end run explains itself.
//
//   const view = await waitFor('the overlay to show 1:05', async () => {
//     const v = await readOverlay(page);
//     return v.clock === '1:05' ? v : undefined;   // truthy: done, returned
//   }, { timeoutMs: 10_000, seen: () => lastView });
//
// `sleep` is for pacing a scenario (keep a bridge down for a while), never as an assertion.

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /** Default 5 s, inside vitest's own test timeout so the error names what was awaited. */
  timeoutMs?: number;
  /** Default 20 ms. */
  intervalMs?: number;
  /** What to print on timeout (default: the check's last result). */
  seen?: () => unknown;
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** Calls `check` until it returns something truthy and returns that; a throw counts as not yet. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  options: WaitOptions = {},
): Promise<NonNullable<T>> {
  const until = Date.now() + (options.timeoutMs ?? 5_000);
  let last: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) {
      const seen = options.seen ? options.seen() : last;
      throw new Error(`timed out waiting for ${what}; last seen: ${describe(seen)}`);
    }
    await sleep(options.intervalMs ?? 20);
  }
}
