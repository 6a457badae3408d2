// Monotonic counters shown in /status and in every `bridge` message. Names are snake_case and
// stable: dashboards and tests read them.
export class Counters {
  readonly #values = new Map<string, number>();

  /** `names` start at 0 so /status lists them before anything happened. */
  constructor(names: Iterable<string> = []) {
    for (const name of names) this.#values.set(name, 0);
  }

  inc(name: string, by = 1): void {
    this.#values.set(name, (this.#values.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.#values.get(name) ?? 0;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.#values].sort(([a], [b]) => a.localeCompare(b)));
  }
}
