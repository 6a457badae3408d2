// What the match API needs from the bridge around it and the shape of GET /api/state. No runtime
// imports: the control page imports this file.
import type { BridgeStatus, Match, ServerMessage } from '../../protocol/types.ts';
import type { WsClientInfo } from '../ws-fanout.ts';

/** GET /api/state: the live source, every widget source and every connected client. */
export interface ApiState {
  /** The bridge's clock (epoch ms); data age is now - source.last_message_at. */
  now: number;
  bridge: BridgeStatus;
  clients: WsClientInfo[];
  delay: DelayInfo;
}

/** The bridge-wide delay, and the live game clock the control page shows beside the delayed one:
 * the one live figure that leaves a delayed bridge (to the control page's /api/state). */
export interface DelayInfo {
  /** In force: the larger of --delay and the match's delay_s. */
  seconds: number;
  /** --delay: the control page cannot go below it. */
  minimum_seconds: number;
  /** The live game's clock (game_seconds of its latest state), or null before one. */
  live_game_seconds: number | null;
}

/** What the match API needs from the bridge around it (match-plugin.ts plugs the bridge in). */
export interface MatchApiPort {
  /** Sends to every WebSocket client. */
  broadcast(message: ServerMessage): void;
  /** Keeps the match for snapshots and sends it to every WebSocket client as a `match` message. */
  setMatch(match: Match): void;
  /** Sources, the live one, client counts, counters. */
  status(): BridgeStatus;
  clients(): WsClientInfo[];
  delay(): DelayInfo;
  /** Makes the widget connection with this id the live source; false when there is none. */
  selectSource(id: string): boolean;
  /** When given, themes set through the API must exist. */
  themeExists?(name: string): boolean | Promise<boolean>;
}
