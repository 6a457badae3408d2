// What the match API needs from the bridge around it. The shapes it answers with are the protocol's.
import type {
  BridgeStatus,
  ClientInfo,
  DelayInfo,
  Match,
  ServerMessage,
} from '../../protocol/types.ts';

/** What the match API needs from the bridge around it (match-plugin.ts plugs the bridge in). */
export interface MatchApiPort {
  /** Sends to every WebSocket client. */
  broadcast(message: ServerMessage): void;
  /** Keeps the match for snapshots and sends it to every WebSocket client as a `match` message. */
  setMatch(match: Match): void;
  /** Sources, the live one, client counts, counters. */
  status(): BridgeStatus;
  clients(): ClientInfo[];
  delay(): DelayInfo;
  /** Makes the widget connection with this id the live source; false when there is none. */
  selectSource(id: string): boolean;
  /** When given, themes set through the API must exist. */
  themeExists?(name: string): boolean | Promise<boolean>;
}
