// Text → one frame (4-byte big-endian length, then the UTF-8 bytes): what a widget sends. The demo,
// the replayer, the tests and the benchmarks use it to speak the widget's side of the protocol.
import { HEADER_BYTES } from './frame-decoder.ts';

export function encodeFrame(json: string): Buffer {
  const length = Buffer.byteLength(json);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + length);
  frame.writeUInt32BE(length, 0);
  frame.write(json, HEADER_BYTES, 'utf8');
  return frame;
}
