import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Counters } from './counters.ts';
import { LivePipeline } from './live-pipeline.ts';
import { createLogger } from './logger.ts';
import { Sources, type SourceOrigin } from './sources.ts';
import { StateStore } from './state-store.ts';
import type { WidgetMessage } from '../protocol/types.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../protocol/fixtures/${name}.json`, import.meta.url), 'utf8');
const helloText = fixture('hello');
const stateText = fixture('state-1v1');
const parse = (text: string) => JSON.parse(text) as WidgetMessage;

function pipelineWith(delayMs = 0) {
  const sources = new Sources();
  const counters = new Counters(['messages_relayed', 'messages_ignored']);
  // What the WebSocket clients get: type, received_at, isState, how late.
  const relayed: [string, number | undefined, boolean, number][] = [];
  const heard: [string, string, SourceOrigin][] = [];
  let statusChanges = 0;
  const pipeline = new LivePipeline({
    sources,
    store: new StateStore(),
    fanout: {
      relay: (bytes, isState, late = 0) => {
        const message = JSON.parse(bytes.toString()) as { type: string; received_at?: number };
        relayed.push([message.type, message.received_at, isState, late]);
      },
    },
    counters,
    logger: createLogger('error'),
    delayMs: () => delayMs,
    originOf: (peer) => (peer === '127.0.0.1:6000' ? 'demo' : 'widget'),
    onSourcesChanged: () => (statusChanges += 1),
  });
  pipeline.onLiveMessage((message, id, origin) => heard.push([message.type, id, origin]));
  sources.add('w1', '127.0.0.1:5000', 0);
  sources.add('demo', '127.0.0.1:6000', 0);
  const w1 = { id: 'w1', peer: '127.0.0.1:5000' };
  const demo = { id: 'demo', peer: '127.0.0.1:6000' };
  return { pipeline, counters, relayed, heard, w1, demo, statuses: () => statusChanges };
}

describe('LivePipeline', () => {
  it('stamps, relays, stores and tells the listeners each message of the live source', () => {
    const { pipeline, counters, relayed, heard, w1, statuses } = pipelineWith();
    pipeline.receive(w1, parse(helloText), helloText, 1000);
    pipeline.receive(w1, parse(stateText), stateText, 2000);
    // The state makes the game's first history point, relayed right after it.
    expect(relayed).toEqual([
      ['hello', 1000, false, 0],
      ['state', 2000, true, 0],
      ['history', undefined, false, 0],
    ]);
    expect(heard).toEqual([
      ['hello', 'w1', 'widget'],
      ['state', 'w1', 'widget'],
    ]);
    expect(counters.toJSON()).toEqual({ messages_relayed: 2, messages_ignored: 0 });
    expect(statuses()).toBe(1); // the hello
  });

  it('ignores a connection that is not the live source', () => {
    const { pipeline, counters, relayed, heard, w1, demo } = pipelineWith();
    pipeline.receive(w1, parse(helloText), helloText, 1000);
    relayed.length = 0;
    pipeline.receive(demo, parse(stateText), stateText, 2000);
    expect([relayed, heard.length]).toEqual([[], 1]);
    expect(counters.toJSON()).toEqual({ messages_relayed: 1, messages_ignored: 1 });
  });

  it("relays a picked source's game again, without telling the listeners twice", () => {
    const { pipeline, relayed, heard, w1, demo, statuses } = pipelineWith();
    pipeline.receive(w1, parse(helloText), helloText, 1000);
    pipeline.receive(w1, parse(stateText), stateText, 2000);
    pipeline.receive(demo, parse(helloText), helloText, 3000); // the newest hello takes over
    expect(heard.at(-1)).toEqual(['hello', 'demo', 'demo']);
    relayed.length = 0;
    expect(pipeline.select('w1')).toBe(true);
    // As received (their received_at kept); the same game second makes no new history point.
    expect(relayed.map(([type, at, isState]) => [type, at, isState])).toEqual([
      ['hello', 1000, false],
      ['state', 2000, true],
    ]);
    expect(heard).toHaveLength(3);
    expect(statuses()).toBe(3);
    expect(pipeline.select('nobody')).toBe(false);
  });

  it('holds the listeners back by the bridge-wide delay', () => {
    const { pipeline, relayed, heard, w1 } = pipelineWith(5000);
    pipeline.receive(w1, parse(helloText), helloText, 1000);
    expect(relayed[0]).toEqual(['hello', 1000, false, 0]);
    expect(heard).toEqual([]);
  });
});
