// What went over the wire, checked by `seq`: the bridge's recordings (`--record FILE`, one line
// per valid widget message with its arrival time and connection id) against the fake game's
// trace ("wrote" lines: each queued message whose last byte the widget's socket took).
//
//   const arrived = [...readRecordings(files), ...feed.relayed()];
//   const audit = auditSeqs(game.lines('wrote') as Wrote[], arrived);
//   audit.lostEvents   // [] unless an event the widget wrote never reached the bridge
//   audit.lostStates   // states written into a connection that died before the bridge read them
//   audit.skipped      // seq gaps of messages never written: states replaced by newer ones,
//                      // messages a full queue dropped (the fake game's `done` line counts those)
//
// Arrivals may come from several witnesses (recordings, overlay pages: page-feed.ts); a message
// counts as arrived when any of them saw it. seq counts messages per connection from 1 (the
// hello); the widget renumbers what waits in its queue after each new hello (after a gap as long
// as the drops no message has shown yet), so the trace's connections are where its connection
// count changes, or (older traces) where seq starts over.
import { existsSync, readFileSync } from 'node:fs';
import type { ExpectStatic } from 'vitest';
import { validateWidgetMessage } from '../protocol/validate.ts';
import type { FakeGame } from '../widget/fake-game-process.ts';

export interface Recorded {
  /** Arrival, epoch ms. */
  at: number;
  /** The bridge's connection id ("c3"); unique within one bridge run only. */
  source: string;
  message: { type: string; seq: number; event?: string } & Record<string, unknown>;
}

/** A "wrote" line of play_fake_game.lua --trace (at: epoch seconds; connection: the widget's
 * count of connections made, absent in older traces). */
export interface Wrote {
  kind: string;
  seq: number;
  at: number;
  connection?: number;
}

/** The messages of one or more recordings, in order; sources are prefixed with the file's index
 * ("0:c1") since each bridge run counts its connections from 1. A recording may be read while the
 * bridge writes it: only lines ended by their newline count (the recorder writes line and newline
 * together, so what follows the last newline is a line still being written). */
export function readRecordings(files: readonly string[]): Recorded[] {
  return files.flatMap((file, i) =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .slice(0, -1)
          .filter((line) => line.trim() !== '')
          .map((line) => {
            const r = JSON.parse(line) as Recorded;
            return { ...r, source: `${i}:${r.source}` };
          })
      : [],
  );
}

/** Recorded messages grouped by connection, connections in order of their first message. */
export function byConnection(records: readonly Recorded[]): Recorded[][] {
  const groups = new Map<string, Recorded[]>();
  for (const r of records) {
    const list = groups.get(r.source) ?? [];
    list.push(r);
    groups.set(r.source, list);
  }
  return [...groups.values()];
}

/** Every recorded message is valid; on each connection hello comes first as seq 1, and seq goes
 * up. */
export function expectConnectionsInOrder(expect: ExpectStatic, records: readonly Recorded[]): void {
  for (const connection of byConnection(records)) {
    expect(connection[0]!.message).toMatchObject({ type: 'hello', seq: 1 });
    for (let i = 0; i < connection.length; i += 1) {
      const { message } = connection[i]!;
      const result = validateWidgetMessage(message);
      expect(result.ok, result.ok ? '' : result.error).toBe(true);
      if (i > 0) expect(message.seq).toBeGreaterThan(connection[i - 1]!.message.seq);
    }
  }
}

/** Event bodies (without type, version and seq) as the bridge recorded them, in order. */
export function recordedEvents(records: readonly Recorded[]): string[] {
  return records
    .filter((r) => r.message.type === 'event')
    .map(({ message }) => {
      const { type: _t, schema_version: _v, seq: _s, ...body } = message;
      return JSON.stringify(body);
    });
}

/** Event bodies as the widget queued them (the fake game's --trace), in order, comparable with
 * recordedEvents: a queued body continues a head that holds type, version and seq. */
export function queuedEvents(game: FakeGame): string[] {
  return (game.lines('queued') as Array<{ kind: string; body: string }>)
    .filter((q) => q.kind === 'event')
    .map((q) => JSON.stringify(JSON.parse(`{${q.body.slice(1)}`)));
}

/** The trace's writes split into connections: a new one wherever the widget's connection count
 * changes or seq does not go up. (seq alone is not enough: messages dropped while the bridge was
 * away leave a gap right after the next hello, so a new connection may go on above the last.) */
export function writtenByConnection(wrote: readonly Wrote[]): Wrote[][] {
  const out: Wrote[][] = [];
  let last = Infinity;
  let connection: number | undefined;
  for (const w of wrote) {
    const changed =
      w.connection !== undefined && connection !== undefined && w.connection !== connection;
    if (changed || w.seq <= last) out.push([]);
    out.at(-1)!.push(w);
    last = w.seq;
    connection = w.connection;
  }
  return out;
}

export interface SeqAudit {
  /** Widget connections that wrote at least one queued message. */
  connections: number;
  lostEvents: Array<{ connection: number; seq: number }>;
  lostStates: Array<{ connection: number; seq: number }>;
  /** Gaps in a connection's seqs that the widget never wrote (coalesced states, drops). */
  skipped: Array<{ connection: number; seq: number }>;
  /** Anything that cannot be: a recorded message the widget never wrote, a kind that differs. */
  problems: string[];
  /** Per widget connection, the highest seq that arrived (0: nothing did). */
  lastArrived: number[];
}

export function auditSeqs(wrote: readonly Wrote[], records: readonly Recorded[]): SeqAudit {
  const written = writtenByConnection(wrote);
  const audit: SeqAudit = {
    connections: written.length,
    lostEvents: [],
    lostStates: [],
    skipped: [],
    problems: [],
    lastArrived: [],
  };
  // What arrived of each widget connection, from every witness (recordings, overlay pages).
  const got = new Map<number, Set<number>>();
  for (const group of byConnection(records)) {
    const queued = group.filter((r) => r.message.seq > 1 && r.message.type !== 'goodbye');
    if (queued.length === 0) continue;
    // The widget connection that wrote every one of these (seq, kind); of several (each counts
    // from 2), the one whose writes are closest in time to the arrivals. (Not "written before
    // arrived": the trace stamps a write after send() returned, which a busy machine delays.)
    let best = -1;
    let bestLag = Infinity;
    written.forEach((w, index) => {
      const bySeq = new Map(w.map((x) => [x.seq, x]));
      let lag = 0;
      for (const r of queued) {
        const x = bySeq.get(r.message.seq);
        if (!x || x.kind !== r.message.type) return;
        lag = Math.max(lag, Math.abs(r.at - x.at * 1000));
      }
      if (lag < bestLag) [best, bestLag] = [index, lag];
    });
    if (best < 0) {
      audit.problems.push(
        `connection ${group[0]!.source}: seqs ${queued.map((r) => r.message.seq).join(',')} arrived that no widget connection wrote`,
      );
      continue;
    }
    const seqs = got.get(best) ?? new Set<number>();
    for (const r of group) seqs.add(r.message.seq);
    got.set(best, seqs);
  }
  written.forEach((mine, index) => {
    const seqs = got.get(index) ?? new Set<number>();
    for (const w of mine) {
      if (seqs.has(w.seq)) continue;
      (w.kind === 'state' ? audit.lostStates : audit.lostEvents).push({
        connection: index,
        seq: w.seq,
      });
    }
    const writtenSeqs = new Set(mine.map((w) => w.seq));
    const top = Math.max(0, ...seqs);
    audit.lastArrived[index] = top;
    for (let seq = 2; seq < top; seq += 1) {
      if (!seqs.has(seq) && !writtenSeqs.has(seq)) audit.skipped.push({ connection: index, seq });
    }
  });
  return audit;
}
