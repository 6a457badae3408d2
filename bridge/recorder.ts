// `--record FILE`: every valid widget message, one JSON object per line, in arrival order:
//
//   {"at":1732262400123,"source":"c3","message":{"type":"state","schema_version":1,...}}
//
// `at` is the arrival time (epoch ms; the relayed copy's received_at), `source` the bridge's
// connection id (so a replay reproduces several connections and takeovers), `message` the message
// exactly as the widget sent it. Lines are appended; a crash can cut short only the last line,
// which the replayer reports by line number and skips.
import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Logger } from './logger.ts';
import type { WidgetMessage } from '../protocol/types.ts';

/** True when the file exists, is not empty and does not end with a newline (an earlier crash). */
async function endsMidLine(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return false;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

export class Recorder {
  readonly file: string;
  readonly #stream: WriteStream;
  readonly #logger: Logger;
  #failed = false;

  private constructor(file: string, stream: WriteStream, logger: Logger) {
    this.file = file;
    this.#stream = stream;
    this.#logger = logger;
    stream.on('error', (error) => {
      if (this.#failed) return;
      this.#failed = true;
      this.#logger.error(`record ${file}: ${error.message}; recording stopped`);
    });
  }

  /** Opens FILE for appending; rejects (e.g. missing folder) before the bridge starts. */
  static async open(file: string, logger: Logger): Promise<Recorder> {
    const cut = await endsMidLine(file);
    const stream = createWriteStream(file, { flags: 'a' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    // Start on a fresh line so the first new record is not glued to a cut one.
    if (cut) stream.write('\n');
    return new Recorder(file, stream, logger);
  }

  /** Appends one record. `text` is the message's JSON as received. */
  write(at: number, source: string, message: WidgetMessage, text: string): void {
    if (this.#failed) return;
    const json = /[\r\n]/.test(text) ? JSON.stringify(message) : text;
    this.#stream.write(`{"at":${at},"source":${JSON.stringify(source)},"message":${json}}\n`);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.#stream.closed) return;
    await new Promise<void>((resolve) => this.#stream.end(() => resolve()));
  }
}
