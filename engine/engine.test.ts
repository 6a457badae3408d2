// The unchanged widget in a real engine: Debian's spring-headless 106 runs the test game
// (engine/game: AI teams on two ally teams, the local player a spectator, a scripted scenario)
// against the real bridge, and the lane checks what the bridge recorded and counted. Each run
// takes ~2 GB of memory and ~25 s; they run one after the other and print their timings.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  startBridgeProcess,
  type BridgeProcess,
} from '../test-support/bridge-process.ts';
import {
  byConnection,
  expectConnectionsInOrder,
  readRecordings,
  recordedEvents,
  type Recorded,
} from '../test-support/records.ts';
import { startSpringHeadless, type EngineResult } from './spring-headless.ts';
import { writeEngineRun, WIDGET_NAME, type EngineRunOptions } from './test-game.ts';

const dirs: string[] = [];
const timings: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  console.log(`engine lane timings:\n  ${timings.join('\n  ')}`);
});

interface Played {
  records: Recorded[];
  counters: Record<string, number>;
  engine: EngineResult;
}

/** One engine game against a fresh bridge on free ports; with `lateBridge` the bridge starts
 * only once the widget has said its first connect was refused. */
async function play(
  label: string,
  options: Omit<EngineRunOptions, 'port'> & { lateBridge?: boolean } = {},
): Promise<Played> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bar-livedata-engine-'));
  dirs.push(dir);
  const record = path.join(dir, 'record.jsonl');
  const flags = ['--record', record, '--data-dir', path.join(dir, 'data'), '--log-level', 'warn'];
  const port = await freePort();
  let bridge: BridgeProcess | undefined;
  if (!options.lateBridge)
    bridge = await startBridgeProcess([...flags, '--tcp-port', String(port)]);
  try {
    const run = writeEngineRun(path.join(dir, 'spring'), { ...options, port });
    const game = startSpringHeadless(run);
    if (!bridge) {
      await game.waitForLine(/\[livedata\] CONNECTING -> RECONNECTING/);
      bridge = await startBridgeProcess([...flags, '--tcp-port', String(port)]);
    }
    const engine = await game.done;
    timings.push(`${label}: spring-headless ${(engine.ms / 1000).toFixed(1)} s`);
    expect(engine.code, engine.infolog.slice(-3000)).toBe(0);
    const status = (await (await fetch(`${bridge.httpUrl}status`)).json()) as {
      counters: Record<string, number>;
    };
    return { records: readRecordings([record]), counters: status.counters, engine };
  } finally {
    await bridge?.stop();
  }
}

type State = Record<string, unknown> & {
  frame: number;
  phase: string;
  speed: number;
  winners: number[];
  teams: Array<Record<string, unknown> & { id: number }>;
};

const states = (records: Recorded[]): State[] =>
  records.filter((r) => r.message.type === 'state').map((r) => r.message as unknown as State);

/** The last state of game seconds [from, to): between two scenario steps. */
function stateBetween(records: Recorded[], from: number, to: number): State {
  const found = states(records).filter((s) => s.frame >= from * 30 && s.frame < to * 30);
  expect(found.length, `a state between ${from} s and ${to} s`).toBeGreaterThan(0);
  return found.at(-1)!;
}

/** Each connection: hello first, every message valid, and seq without gaps. */
function expectWholeConnections(records: Recorded[]): void {
  expectConnectionsInOrder(expect, records);
  for (const connection of byConnection(records)) {
    expect(connection.map((r) => r.message.seq)).toEqual(connection.map((_, i) => i + 1));
  }
}

/** What the widget wrote to the console (and so to the stream) as an error, or the widget
 * handler as the widget's fault. */
function widgetErrorLines(infolog: string): string[] {
  return infolog
    .split('\n')
    .filter(
      (line) =>
        /\[livedata\].*\b(failed|error|could not)\b/i.test(line) ||
        /Error in .*\(\)|Removed widget: Live Data Export|Failed to load: api_livedata/.test(line),
    );
}

const eventsOf = (records: Recorded[]): unknown[] =>
  recordedEvents(records).map((e) => JSON.parse(e) as unknown);

/** The scenario's events from 10 s on. The commander that evolves at 13 s is not destroyed. The
 * attackers are null: Spring 106's stock widget handler passes UnitDestroyed only its first three
 * arguments (BAR's passes the attacker; the widget specs cover attacker_team). */
const EVENTS_FROM_10_S = [
  expect.objectContaining({ event: 'commander_destroyed', team: 1, attacker_team: null }),
  expect.objectContaining({ event: 'paused', player: 0 }),
  expect.objectContaining({ event: 'unpaused', player: 0 }),
  expect.objectContaining({ event: 'commander_destroyed', team: 2, attacker_team: null }),
  expect.objectContaining({ event: 'team_died', team: 2 }),
  expect.objectContaining({ event: 'game_over', winners: [0] }),
];

const TEAMS_AS_SET = [
  { id: 0, ally_team: 0, name: 'BotA', ai: true, color: '#ff0000' },
  { id: 1, ally_team: 0, name: 'BotB', ai: true, color: '#ffff00' },
  { id: 2, ally_team: 1, name: 'BotC', ai: true, color: '#0000ff' },
];

describe('the widget in spring-headless 106', () => {
  it('exports the scripted game: every event with its teams, the winners, the teams as set', async () => {
    const { records, counters, engine } = await play('scenario run');

    expect(widgetErrorLines(engine.infolog)).toEqual([]);
    // The camera lock's view switches (17 s to 20 s) log at debug level only: the console is on stream.
    expect(engine.infolog).not.toMatch(/\[livedata\].*exporting/);
    expect(counters.messages_invalid).toBe(0);
    expect(counters.messages_missed).toBe(0);
    expect(byConnection(records)).toHaveLength(1);
    expectWholeConnections(records);
    const hello = records[0]!.message;
    expect(hello).toMatchObject({
      type: 'hello',
      game: { name: 'LiveData Test', version: '1', map: 'livedata_blank', replay: false },
      local_player: { id: 0, name: 'Caster', spectator: true, full_view: true },
    });
    // 106's Engine.version is empty: the widget sends Engine.versionFull.
    expect((hello.engine as { version: string }).version).toMatch(/^106\.0/);
    expect(records.at(-1)!.message).toMatchObject({ type: 'goodbye', reason: 'shutdown' });

    // The scenario gadget's steps (engine/game/LuaRules/Gadgets/scenario.lua), in order. No
    // event for the unit given at 7 s.
    expect(eventsOf(records)).toEqual([
      expect.objectContaining({ event: 'game_start' }),
      expect.objectContaining({ event: 'unit_finished', unit_def: 'tank', team: 0, cost: 1200 }),
      ...EVENTS_FROM_10_S,
    ]);

    const all = states(records);
    const first = all[0]!;
    const last = all.at(-1)!;
    for (const state of [first, last]) {
      expect(state.teams).toEqual(TEAMS_AS_SET.map((t) => expect.objectContaining(t)));
    }
    expect(last).toMatchObject({ phase: 'over', winners: [0], speed: 10 });
    expect(last.teams.map((t) => [t.id, t.dead])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    // The tank (armed, mobile, 1200 metal) counts for team 0 once finished, then for team 1,
    // which it was given to; team 0's evolved commander still counts as its commander.
    expect(stateBetween(records, 4, 7).teams.map((t) => t.army_value)).toEqual([1200, 0, 50]);
    expect(stateBetween(records, 7, 10).teams.map((t) => t.army_value)).toEqual([0, 1200, 50]);
    expect(last.teams.map((t) => t.commanders_alive)).toEqual([1, 0, 0]);
    // Locked on team 2 with "hide enemies": only ally team 1 is readable; unlocked: all again.
    const locked = stateBetween(records, 17, 20);
    expect(locked.full_view).toBe(false);
    expect(locked.teams.map((t) => t.army_value)).toEqual([null, null, 50]);
    const free = stateBetween(records, 20, 23);
    expect(free.full_view).toBe(true);
    expect(free.teams.map((t) => t.army_value)).toEqual([0, 1200, 50]);
  });

  it('waits quietly for a bridge that is late, and still exports after the widget is disabled and enabled again mid-game', async () => {
    // A test-only helper widget sends what a caster types, /luaui disablewidget and enablewidget
    // three game seconds apart, from 5 s on once the exporter has connected.
    const toggle = `function widget:GetInfo() return { name = "Lane toggle", layer = 1, enabled = true } end
local connected, offAt
function widget:AddConsoleLine(line)
  if line:find("-> CONNECTED", 1, true) then connected = true end
end
function widget:GameFrame(f)
  if connected and not offAt and f >= 150 then
    offAt = f
    Spring.SendCommands("luaui disablewidget ${WIDGET_NAME}")
  elseif offAt and f == offAt + 90 then
    Spring.SendCommands("luaui enablewidget ${WIDGET_NAME}")
  end
end
`;
    // The bridge starts after the widget's first connect was refused; retrying every second
    // (/livedata retrymax 1), the widget finds it before the game starts.
    const { records, counters, engine } = await play('late bridge, disable/enable run', {
      widgets: { 'lane_toggle.lua': { name: 'Lane toggle', source: toggle } },
      lateBridge: true,
      retryMax: 1,
    });

    // Only the first refusal is on the console (and on stream); the retries log at debug level.
    const said = engine.infolog.split('\n').filter((line) => line.includes('[livedata]'));
    expect(said.filter((line) => line.includes('-> RECONNECTING'))).toEqual([
      expect.stringMatching(/CONNECTING -> RECONNECTING \(connection refused; retry in 1 s\)$/),
    ]);
    expect(said.filter((line) => /attempt \d/.test(line))).toEqual([]);
    expect(widgetErrorLines(engine.infolog)).toEqual([]);
    expect(counters.messages_invalid).toBe(0);
    const connections = byConnection(records);
    expect(connections).toHaveLength(2);
    expectConnectionsInOrder(expect, records);
    const [before, after] = connections as [Recorded[], Recorded[]];
    // The states that replaced each other while the bridge was away show as one gap right after
    // the first hello (protocol/README.md); a state still queued when the widget is disabled may
    // stay unsent (the widget writes at most CLOSE_WRITE bytes while closing), a gap before the
    // goodbye. Both are counted as missed; no other gap, so no event is lost.
    const seqs = before.map((r) => r.message.seq);
    const away = seqs[1]! - 2;
    const middle = seqs.slice(1, -1);
    expect(middle).toEqual(middle.map((_, i) => away + 2 + i));
    const leftAtShutdown = seqs.at(-1)! - seqs.at(-2)! - 1;
    expect(counters.messages_missed).toBe(away + leftAtShutdown);
    expect(after.map((r) => r.message.seq)).toEqual(after.map((_, i) => i + 1));
    expect(before.at(-1)!.message).toMatchObject({ type: 'goodbye', reason: 'shutdown' });
    const again = states(after);
    expect(again[0]!.frame).toBeGreaterThanOrEqual(240);
    expect(again[0]).toMatchObject({ phase: 'running' });
    // Enabled again by 16 s at the latest: everything from the pause on arrives.
    expect(eventsOf(after).slice(-5)).toEqual(EVENTS_FROM_10_S.slice(-5));
    expect(again.at(-1)).toMatchObject({ phase: 'over', winners: [0] });
    expect(after.at(-1)!.message).toMatchObject({ type: 'goodbye', reason: 'shutdown' });
  });
});
