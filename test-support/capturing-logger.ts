// A bridge logger that keeps its lines, for tests that assert on what the bridge logged.
import { createLogger, type Logger, type LogLevel } from '../bridge/logger.ts';

export interface CapturingLogger extends Logger {
  readonly lines: string[];
}

export function capturingLogger(level: LogLevel = 'debug'): CapturingLogger {
  const lines: string[] = [];
  return Object.assign(createLogger(level, { write: (line: string) => lines.push(line) }), {
    lines,
  });
}
