// The bridge's side of the Lua specs: reads a file of length-prefixed frames the widget wrote,
// splits it with the bridge's own FrameDecoder and parses each frame as the bridge does, then
// prints one JSON line per frame for the spec to compare with what it encoded.
//   node --import tsx widget/spec/support/bridge-parse.ts FILE            {"ok":true,"value":...}
//   node --import tsx widget/spec/support/bridge-parse.ts --validate FILE  + protocol validation
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { FrameDecoder } from '../../../bridge/frame-decoder.ts';
import { parseFrame } from '../../../bridge/message-parser.ts';

const args = process.argv.slice(2);
const validate = args[0] === '--validate';
const file = validate ? args[1] : args[0];
if (!file) {
  console.error('usage: bridge-parse.ts [--validate] FRAMES_FILE');
  process.exit(2);
}

const decoder = new FrameDecoder();
const frames = decoder.push(readFileSync(file));

function parsed(frame: Buffer): object {
  if (validate) {
    const result = parseFrame(frame);
    return result.ok ? { ok: true, value: result.message } : { ok: false, error: result.reason };
  }
  if (!isUtf8(frame)) return { ok: false, error: 'frame is not valid UTF-8' };
  try {
    return { ok: true, value: JSON.parse(frame.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

for (const frame of frames) console.log(JSON.stringify(parsed(frame)));
if (decoder.error) console.log(JSON.stringify({ ok: false, error: decoder.error.reason }));
else if (decoder.pendingBytes > 0) {
  console.log(
    JSON.stringify({ ok: false, error: `${decoder.pendingBytes} bytes of an unfinished frame` }),
  );
}
