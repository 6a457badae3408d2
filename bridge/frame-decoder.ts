// Bytes → frames. A frame is a 4-byte unsigned big-endian length L, then L bytes (protocol-v1 §1).
// The decoder holds partial input across chunks without copying until a frame is complete, so any
// chunking of the stream (one byte at a time, many frames per chunk) yields the same frames.
// A length of 0 or over maxFrame is a framing error: a length-prefixed stream cannot resync, so
// after one the decoder is dead and the caller closes the connection.

export const HEADER_BYTES = 4;
export const DEFAULT_MAX_FRAME = 1024 * 1024;

export interface FramingError {
  reason: string;
  /** The offending header and whatever followed it, for the log line. */
  head: Buffer;
}

export class FrameDecoder {
  readonly maxFrame: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Body length of the frame being read, or -1 while waiting for a header. */
  #expected = -1;
  #error: FramingError | null = null;

  constructor(maxFrame = DEFAULT_MAX_FRAME) {
    this.maxFrame = maxFrame;
  }

  get error(): FramingError | null {
    return this.#error;
  }

  /** Bytes received but not yet returned as a frame (a partial header or body). */
  get pendingBytes(): number {
    return this.#buffered;
  }

  /**
   * Feeds one chunk; returns the frames it completed, in order. After a framing error it returns
   * the frames completed before the error and ignores all later input (see `error`).
   */
  push(chunk: Buffer): Buffer[] {
    if (this.#error) return [];
    if (chunk.length === 0) return [];
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.#expected < 0) {
        if (this.#buffered < HEADER_BYTES) break;
        const length = this.#peekLength();
        if (length === 0 || length > this.maxFrame) {
          this.#fail(
            length === 0
              ? 'zero-length frame'
              : `frame of ${length} bytes is over --max-frame ${this.maxFrame}`,
          );
          break;
        }
        this.#take(HEADER_BYTES);
        this.#expected = length;
      }
      if (this.#buffered < this.#expected) break;
      frames.push(this.#take(this.#expected));
      this.#expected = -1;
    }
    return frames;
  }

  #peekLength(): number {
    const first = this.#chunks[0]!;
    if (first.length >= HEADER_BYTES) return first.readUInt32BE(0);
    const header = Buffer.alloc(HEADER_BYTES);
    let filled = 0;
    for (const chunk of this.#chunks) {
      filled += chunk.copy(header, filled, 0, HEADER_BYTES - filled);
      if (filled === HEADER_BYTES) break;
    }
    return header.readUInt32BE(0);
  }

  /** Removes and returns the next `n` buffered bytes; a view when they sit in one chunk. */
  #take(n: number): Buffer {
    this.#buffered -= n;
    const first = this.#chunks[0]!;
    if (first.length > n) {
      this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    if (first.length === n) {
      this.#chunks.shift();
      return first;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0]!;
      const used = chunk.copy(out, filled, 0, n - filled);
      filled += used;
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
    }
    return out;
  }

  #fail(reason: string): void {
    const head = Buffer.concat(this.#chunks, Math.min(this.#buffered, 64));
    this.#error = { reason, head };
    this.#chunks = [];
    this.#buffered = 0;
  }
}
