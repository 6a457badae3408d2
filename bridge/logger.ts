// One line per event on stderr (stdout carries only the CLI's ready line). Levels filter by rank.
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  readonly level: LogLevel;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  enabled(level: LogLevel): boolean;
}

export interface LogSink {
  write(line: string): unknown;
}

/** Keeps a message on one line, whatever a peer put in it. */
function oneLine(message: string): string {
  return message.replace(/[\r\n]+/g, ' ⏎ ');
}

export function createLogger(level: LogLevel = 'info', sink: LogSink = process.stderr): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const enabled = (at: LogLevel): boolean => LOG_LEVELS.indexOf(at) <= rank;
  const write = (at: LogLevel, message: string): void => {
    if (!enabled(at)) return;
    sink.write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${oneLine(message)}\n`);
  };
  return {
    level,
    enabled,
    error: (m) => write('error', m),
    warn: (m) => write('warn', m),
    info: (m) => write('info', m),
    debug: (m) => write('debug', m),
  };
}

/** First bytes of a buffer as spaced hex, for "what did the peer send" log lines. */
export function hexHead(bytes: Uint8Array, max = 32): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, max));
  const hex = head.toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return bytes.length > max ? `${hex} …` : hex || '(empty)';
}

/**
 * Rate limit for a kind of line a peer can trigger at will (bad frames, seq gaps): the first
 * `first` occurrences are logged, then every `every`th, each sampled line saying how many were left
 * out, so a flood of garbage cannot flood the log.
 */
export class LogSampler {
  readonly #first: number;
  readonly #every: number;
  #seen = 0;
  #unlogged = 0;

  constructor(first = 10, every = 100) {
    this.#first = first;
    this.#every = every;
  }

  /** Counts one occurrence: null when it is not to be logged, else a suffix for its line. */
  take(): string | null {
    this.#seen += 1;
    if (this.#seen <= this.#first) return '';
    if (this.#seen % this.#every !== 0) {
      this.#unlogged += 1;
      return null;
    }
    const note = ` (${this.#seen} so far; ${this.#unlogged} since the last line not logged)`;
    this.#unlogged = 0;
    return note;
  }
}
