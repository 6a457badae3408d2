import { describe, expect, it } from 'vitest';
import { FrameDecoder, HEADER_BYTES } from './frame-decoder.ts';
import { encodeFrame } from './frame-encoder.ts';
import { Prng } from './demo/prng.ts';
import { demoMessages } from '../test-support/sample-messages.ts';

/** Cuts a buffer into pieces at random places (some empty, some one byte). */
function randomChunks(rng: Prng, bytes: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = rng.pick([0, 1, 1, 2, 3, 4, 5, 7, 64, 1000, 20_000]);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function decodeAll(decoder: FrameDecoder, chunks: Buffer[]): string[] {
  return chunks.flatMap((chunk) => decoder.push(chunk).map((f) => f.toString('utf8')));
}

const texts = demoMessages(40).map((m) => JSON.stringify(m));
const stream = Buffer.concat(texts.map(encodeFrame));

describe('FrameDecoder', () => {
  it('yields the same frames for one chunk, one byte at a time, and 300 random chunkings', () => {
    expect(decodeAll(new FrameDecoder(), [stream])).toEqual(texts);
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(decodeAll(new FrameDecoder(), bytes)).toEqual(texts);
    const rng = new Prng(42);
    for (let run = 0; run < 300; run += 1) {
      const decoder = new FrameDecoder();
      expect(decodeAll(decoder, randomChunks(rng, stream))).toEqual(texts);
      expect(decoder.pendingBytes).toBe(0);
      expect(decoder.error).toBeNull();
    }
  });

  it('handles a header split across chunks and many frames in one chunk', () => {
    const a = encodeFrame('{"a":1}');
    const b = encodeFrame('{"b":"Zoë"}');
    const decoder = new FrameDecoder();
    expect(decoder.push(a.subarray(0, 2))).toEqual([]);
    expect(decoder.push(a.subarray(2, 5))).toEqual([]);
    const frames = decoder.push(Buffer.concat([a.subarray(5), b, b]));
    expect(frames.map((f) => f.toString())).toEqual(['{"a":1}', '{"b":"Zoë"}', '{"b":"Zoë"}']);
  });

  it('keeps a partial frame pending until its last byte arrives', () => {
    const frame = encodeFrame('{"x":"y"}');
    const decoder = new FrameDecoder();
    expect(decoder.push(frame.subarray(0, frame.length - 1))).toEqual([]);
    expect(decoder.pendingBytes).toBe(frame.length - 1 - HEADER_BYTES);
    expect(decoder.push(frame.subarray(frame.length - 1))).toHaveLength(1);
  });

  it('stops at a zero-length frame, after returning the frames before it', () => {
    const decoder = new FrameDecoder();
    const frames = decoder.push(
      Buffer.concat([encodeFrame('{}'), Buffer.alloc(4), encodeFrame('{}')]),
    );
    expect(frames).toHaveLength(1);
    expect(decoder.error?.reason).toBe('zero-length frame');
    expect(decoder.error?.head.subarray(0, 4)).toEqual(Buffer.alloc(4));
    expect(decoder.push(encodeFrame('{}'))).toEqual([]);
  });

  it('refuses a length over maxFrame as soon as the header is in, without waiting for the body', () => {
    const decoder = new FrameDecoder(1024);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1025);
    expect(decoder.push(header)).toEqual([]);
    expect(decoder.error?.reason).toBe('frame of 1025 bytes is over --max-frame 1024');
    const atLimit = new FrameDecoder(1024);
    expect(atLimit.push(encodeFrame('x'.repeat(1024)))).toHaveLength(1);
  });

  it('never throws on random garbage, and whatever it returns is a prefix of well-formed frames', () => {
    const rng = new Prng(7);
    for (let run = 0; run < 500; run += 1) {
      const garbage = Buffer.from(Array.from({ length: rng.int(0, 300) }, () => rng.int(0, 255)));
      const decoder = new FrameDecoder(256);
      let returned = 0;
      for (const chunk of randomChunks(rng, garbage)) {
        for (const frame of decoder.push(chunk)) {
          expect(frame.length).toBeGreaterThan(0);
          expect(frame.length).toBeLessThanOrEqual(256);
          returned += HEADER_BYTES + frame.length;
        }
      }
      expect(returned + decoder.pendingBytes).toBeLessThanOrEqual(garbage.length);
      if (decoder.error) expect(decoder.pendingBytes).toBe(0);
    }
  });
});
