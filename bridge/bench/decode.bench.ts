// Decode + validate throughput of an 8v8 state stream, as a ratio to bare JSON.parse of the same
// payloads in the same run (budget: at least 0.5×). The stream is cut into 64 KiB chunks as TCP
// delivers it; "decode + validate" is FrameDecoder + parseFrame (UTF-8 check, JSON.parse, schema).
import { FrameDecoder } from '../frame-decoder.ts';
import { encodeFrame } from '../frame-encoder.ts';
import { parseFrame } from '../message-parser.ts';
import { fmt, median, stateTexts } from './fixtures.ts';

const PAYLOADS = 1_500;
const ROUNDS = 7;
const texts = stateTexts(PAYLOADS);
const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
const stream = Buffer.concat(texts.map(encodeFrame));
const chunks: Buffer[] = [];
for (let at = 0; at < stream.length; at += 64 * 1024)
  chunks.push(stream.subarray(at, at + 64 * 1024));

function bare(): number {
  let sink = 0;
  for (const text of texts) sink += (JSON.parse(text) as { seq: number }).seq;
  return sink;
}

function decodeAndValidate(): number {
  const decoder = new FrameDecoder();
  let valid = 0;
  for (const chunk of chunks) {
    for (const frame of decoder.push(chunk)) {
      if (parseFrame(frame).ok) valid += 1;
    }
  }
  if (valid !== PAYLOADS) throw new Error(`only ${valid} of ${PAYLOADS} payloads were valid`);
  return valid;
}

function timeIt(run: () => number): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Warm up both paths (JIT, Ajv), then alternate so both see the same machine state.
for (let i = 0; i < 2; i += 1) {
  bare();
  decodeAndValidate();
}
const bareTimes: number[] = [];
const oursTimes: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  globalThis.gc?.();
  bareTimes.push(timeIt(bare));
  globalThis.gc?.();
  oursTimes.push(timeIt(decodeAndValidate));
}
const bareRate = PAYLOADS / median(bareTimes);
const oursRate = PAYLOADS / median(oursTimes);
const mb = (rate: number): string => fmt((rate * bytes) / PAYLOADS / 1e6);
const ratio = oursRate / bareRate;

console.log(
  `decode + validate, 8v8 states (${fmt(bytes / PAYLOADS / 1024, 1)} KiB each, ${PAYLOADS} payloads, median of ${ROUNDS} rounds)`,
);
console.log(
  `  bare JSON.parse          ${fmt(bareRate).padStart(8)} msg/s  ${mb(bareRate).padStart(5)} MB/s`,
);
console.log(
  `  frame decode + validate  ${fmt(oursRate).padStart(8)} msg/s  ${mb(oursRate).padStart(5)} MB/s`,
);
console.log(`  ratio ${fmt(ratio, 2)}× (budget ≥ 0.5×: ${ratio >= 0.5 ? 'met' : 'MISSED'})`);
