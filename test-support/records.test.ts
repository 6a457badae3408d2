// The seq audit the fault tests rely on: it must find a lost event, tell states from events, take
// any witness's word for an arrival, and not mistake one connection's seqs for another's. And the
// reading of a recording the bridge is still writing.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  auditSeqs,
  readRecordings,
  writtenByConnection,
  type Recorded,
  type Wrote,
} from './records.ts';

const T = 1_800_000_000; // epoch seconds
const w = (kind: string, seq: number, at: number): Wrote => ({ kind, seq, at: T + at });
const r = (source: string, type: string, seq: number, at: number): Recorded => ({
  at: (T + at) * 1000 + 1,
  source,
  message: { type, seq },
});

// Connection 0: seq 2..5 (4 never written: a coalesced state); connection 1 from t = 10 s.
const WROTE = [
  w('state', 2, 0),
  w('event', 3, 0.1),
  w('state', 5, 0.2),
  w('event', 6, 0.3),
  w('state', 2, 10),
  w('event', 3, 10.1),
];
const FIRST = [r('c1', 'hello', 1, 0), r('c1', 'state', 2, 0), r('c1', 'event', 3, 0.1)];
const SECOND = [r('c2', 'hello', 1, 10), r('c2', 'state', 2, 10), r('c2', 'event', 3, 10.1)];

describe('auditSeqs', () => {
  it('splits the trace where seq starts over', () => {
    expect(writtenByConnection(WROTE).map((c) => c.map((x) => x.seq))).toEqual([
      [2, 3, 5, 6],
      [2, 3],
    ]);
  });

  it('splits where the connection count changes, even when seq goes on above the last', () => {
    // Connection 2 starts after 40 drops: its first queued message is seq 42.
    const wrote = [
      { ...w('state', 2, 0), connection: 1 },
      { ...w('event', 3, 0.1), connection: 1 },
      { ...w('event', 42, 10), connection: 2 },
      { ...w('state', 43, 10.1), connection: 2 },
    ];
    expect(writtenByConnection(wrote).map((c) => c.map((x) => x.seq))).toEqual([
      [2, 3],
      [42, 43],
    ]);
    const arrived = [
      r('c1', 'hello', 1, 0),
      r('c1', 'state', 2, 0),
      r('c1', 'event', 3, 0.1),
      r('c2', 'hello', 1, 10),
      r('c2', 'event', 42, 10),
      r('c2', 'state', 43, 10.1),
    ];
    const audit = auditSeqs(wrote, arrived);
    expect(audit).toMatchObject({ connections: 2, lostEvents: [], lostStates: [], problems: [] });
    expect(audit.skipped).toHaveLength(40); // seq 2..41 of connection 2: the drops
    expect(audit.skipped[0]).toEqual({ connection: 1, seq: 2 });
  });

  it('finds nothing lost when everything written arrived', () => {
    const all = [...FIRST, r('c1', 'state', 5, 0.2), r('c1', 'event', 6, 0.3), ...SECOND];
    expect(auditSeqs(WROTE, all)).toEqual({
      connections: 2,
      lostEvents: [],
      lostStates: [],
      skipped: [{ connection: 0, seq: 4 }],
      problems: [],
      lastArrived: [6, 3],
    });
  });

  it('names the event and the state that were written and never arrived', () => {
    const audit = auditSeqs(WROTE, [...FIRST, ...SECOND]);
    expect(audit.lostEvents).toEqual([{ connection: 0, seq: 6 }]);
    expect(audit.lostStates).toEqual([{ connection: 0, seq: 5 }]);
  });

  it('counts an arrival seen by any witness', () => {
    const page = [r('page:0', 'state', 5, 0.2), r('page:0', 'event', 6, 0.3)];
    const audit = auditSeqs(WROTE, [...FIRST, ...SECOND, ...page]);
    expect(audit).toMatchObject({ lostEvents: [], lostStates: [], problems: [] });
  });

  it('reports what arrived but was never written, or under another kind', () => {
    const audit = auditSeqs(WROTE, [...FIRST, r('c9', 'event', 2, 20)]);
    expect(audit.problems).toHaveLength(1);
    expect(audit.problems[0]).toMatch(/^connection c9: seqs 2 arrived/);
  });
});

describe('readRecordings', () => {
  it('reads whole lines only: a line still being written is left for the next read', ({
    onTestFinished,
  }) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bar-records-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'game.jsonl');
    const line = (seq: number) =>
      JSON.stringify({ at: 1, source: 'c1', message: { type: 'state', seq } });
    writeFileSync(file, `${line(1)}\n${line(2)}\n${line(3).slice(0, 20)}`);
    expect(readRecordings([file]).map((r) => [r.source, r.message.seq])).toEqual([
      ['0:c1', 1],
      ['0:c1', 2],
    ]);
    writeFileSync(file, `${line(1)}\n${line(2)}\n${line(3)}\n`);
    expect(readRecordings([file])).toHaveLength(3);
    expect(readRecordings([path.join(dir, 'none.jsonl')])).toEqual([]);
  });
});
