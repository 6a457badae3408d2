// What an overlay page received from the bridge over its WebSocket, as the page saw it (read by
// the browser's DevTools protocol, not by the page's code): every widget message the bridge
// relayed, in order, with the bridge's received_at. For a bridge that was killed, this is the
// record of what it got and passed on (its own --record file may lack its last lines).
//
//   const feed = watchFeed(page);          // before the page connects (right after opening it)
//   feed.relayed();                        // [{ at, source: 'page:0', message }, ...]
//
// Messages are grouped by widget connection ('page:0', 'page:1', ...): a new group starts with a
// hello, wherever seq does not go up, and with each new WebSocket of the page (so one widget
// connection may span groups; records.ts counts a message arrived if any group has it). The
// snapshot's copies of hello and state are not relayed messages and are left out.
import type { Page } from 'playwright-core';
import type { Recorded } from '../../test-support/records.ts';

const WIDGET_TYPES = new Set(['hello', 'state', 'event', 'goodbye']);

export interface Feed {
  relayed(): Recorded[];
}

export function watchFeed(page: Page): Feed {
  const relayed: Recorded[] = [];
  let group = -1;
  let lastSeq = Infinity;
  page.on('websocket', (ws) => {
    lastSeq = Infinity;
    ws.on('framereceived', ({ payload }) => {
      let message: Recorded['message'] & { received_at?: number };
      try {
        message = JSON.parse(String(payload)) as typeof message;
      } catch {
        return;
      }
      if (!WIDGET_TYPES.has(message.type)) return;
      if (message.type === 'hello' || message.seq <= lastSeq) group += 1;
      lastSeq = message.seq;
      const { received_at: at, ...sent } = message;
      relayed.push({ at: at ?? Date.now(), source: `page:${group}`, message: sent });
    });
  });
  return { relayed: () => [...relayed] };
}
