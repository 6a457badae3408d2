// The data delay's history (bridge/delay/recent-messages.ts) holding 600 s of an 8v8 demo game, the
// longest delay there is: its memory, budget ≤ 15 MB; and how long a page loaded with that delay
// waits for its starting picture. Messages go in as the bridge makes them (stampReceivedAt on the
// widget's frame text), one game second a second.
import { RecentMessages } from '../delay/recent-messages.ts';
import { stampReceivedAt } from '../message-parser.ts';
import { demoGames } from '../demo/game.ts';
import { MAX_DELAY_S } from '../../protocol/delay.ts';
import { fmt } from './fixtures.ts';
import type { WidgetMessage } from '../../protocol/types.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
const BUDGET_MB = 15;
const WINDOW_MS = MAX_DELAY_S * 1000;

/** The demo's 8v8 messages with when a widget would send them, for `ms` of real time. */
function stream(ms: number): { at: number; message: WidgetMessage }[] {
  const out: { at: number; message: WidgetMessage }[] = [];
  let at = 0;
  for (const game of demoGames(2024, '8v8')) {
    for (const step of game) {
      at += step.waitMs;
      if (at > ms) return out;
      if (step.kind === 'send') out.push({ at, message: step.message });
    }
  }
  return out;
}

const input = stream(WINDOW_MS);
const states = input.filter((m) => m.message.type === 'state').length;
const from = { id: 'tcp1', origin: 'widget' as const };

gc();
const before = process.memoryUsage();
const history = new RecentMessages(WINDOW_MS + 10_000);
history.keepFor(WINDOW_MS + 10_000);
for (const { at, message } of input) {
  // The frame's text is made here and dropped, as the bridge drops the frame it decoded.
  const text = JSON.stringify(message);
  history.push(
    at,
    { ...message, received_at: at } as WidgetMessage,
    Buffer.from(stampReceivedAt(message, text, at)),
    from,
  );
}
gc();
const after = process.memoryUsage();
const held = (after.heapUsed - before.heapUsed + after.external - before.external) / 1024 ** 2;
const { messages, bytes } = history.size();

// The most work: a page with a short delay replays all 600 s for its starting picture.
const last = input.at(-1)!.at;
const runs = 5;
const started = performance.now();
for (let i = 0; i < runs; i += 1) history.pictureAt(last, history.seqAfter(last));
const pictureMs = (performance.now() - started) / runs;

console.log(
  `600 s of 8v8: ${fmt(messages)} messages (${fmt(states)} states), ${fmt(bytes / 1024 ** 2, 2)} MB of JSON`,
);
console.log(
  `memory held: ${fmt(held, 2)} MB (budget ${BUDGET_MB} MB: ${fmt((held / BUDGET_MB) * 100)} % of it)`,
);
console.log(
  `starting picture from all of it (the most work a page's load asks): ${fmt(pictureMs, 1)} ms`,
);
if (history.size().messages === 0) throw new Error('nothing kept');
