// Generated from protocol/schemas by protocol/generate-types.ts. Do not edit by hand:
// change the schema, then run `npm run protocol:types`.

/**
 * Any message a widget sends to the bridge (one per TCP frame).
 */
export type WidgetMessage = Hello | State | Event | Goodbye;
/**
 * Widget to bridge: something happened; sent at once.
 */
export type Event =
  | GameStartEvent
  | GameOverEvent
  | TeamDiedEvent
  | CommanderDestroyedEvent
  | UnitFinishedEvent
  | UnitDestroyedEvent
  | PausedEvent
  | UnpausedEvent
  | PlayerLeftEvent;
/**
 * Any message the bridge sends over the WebSocket: a snapshot, a relayed widget message (with received_at), or a bridge message.
 */
export type ServerMessage =
  | Snapshot
  | Hello
  | State
  | Event
  | Goodbye
  | History
  | FinishedGame
  | BridgeStatus
  | MatchMessage
  | ThemeMessage
  | ReloadMessage
  | ObsStatus
  | ActionResultMessage;
/**
 * @maxItems 8
 */
export type Casters = Caster[];
/**
 * One value per point (whole numbers; metal income to one decimal), null when not readable.
 */
export type HistoryValues = (number | null)[];
/**
 * Control client (WebSocket role=control) to bridge: one action on the match data or the overlays, with the same meaning as the HTTP API (docs/api.md). The bridge answers each with an action_result to that client only.
 */
export type ClientMessage =
  | SetMatchAction
  | UpdateMatchAction
  | UpdateTeamAction
  | AddTeamAction
  | RemoveTeamAction
  | ScoreAction
  | SwapAction
  | PanelAction
  | ThemeAction
  | AutoScoreAction
  | NextGameAction
  | UndoAutoScoreAction
  | ReloadOverlaysAction
  | SelectSourceAction;
/**
 * An overlay panel a caster shows or hides (the match's overlay.panels, the panel action).
 */
export type Panel = 'scoreboard' | 'resources' | 'compare' | 'events' | 'postgame' | 'series';
/**
 * GET /api/themes: the themes a caster may pick, by folder name. A theme whose chain the overlay would refuse is left out.
 */
export type ThemeList = ThemeInfo[];

export interface ProtocolV1 {
  widget?: WidgetMessage;
  server?: ServerMessage;
  client?: ClientMessage;
  apiState?: ApiState;
  themeList?: ThemeList;
  themeJson?: ThemeJson;
}
/**
 * Widget to bridge: the first message on every connection.
 */
export interface Hello {
  type: 'hello';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  widget: {
    name: string;
    version: string;
  };
  engine: {
    version: string;
  };
  game: {
    name: string;
    version: string;
    map: string;
    /**
     * True when the widget runs in a replay.
     */
    replay: boolean;
  };
  local_player: {
    id: number;
    name: string;
    spectator: boolean;
    full_view: boolean;
  };
}
/**
 * Widget to bridge: a full snapshot of the game, by default once per game second.
 */
export interface State {
  type: 'state';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  /**
   * The game's actual speed factor (1 = normal).
   */
  speed: number;
  paused: boolean;
  phase: 'lobby' | 'running' | 'over';
  /**
   * False when the widget sees only its own ally team: enemy figures are null and the overlay says "partial data".
   */
  full_view: boolean;
  /**
   * Winning ally team ids once the game is over; empty before.
   */
  winners: number[];
  /**
   * Every ally team but Gaia's.
   */
  ally_teams: AllyTeam[];
  /**
   * Every team but Gaia.
   */
  teams: Team[];
  /**
   * Every player, spectators included.
   */
  players: Player[];
}
export interface AllyTeam {
  id: number;
  team_ids: number[];
  /**
   * Every team of the ally team is dead.
   */
  dead: boolean;
}
export interface Team {
  id: number;
  ally_team: number;
  /**
   * The leader player's name, or the AI's name for an AI team.
   */
  name: string;
  /**
   * A colour as #rrggbb.
   */
  color: string;
  faction: 'armada' | 'cortex' | 'legion' | 'unknown';
  dead: boolean;
  ai: boolean;
  leader_player_id: number | null;
  /**
   * Null when the widget may not read this team's resources.
   */
  metal: Resource | null;
  /**
   * Null when the widget may not read this team's resources.
   */
  energy: Resource | null;
  /**
   * Finished and unfinished units; null when not readable.
   */
  unit_count: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  army_value: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  defense_value: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  build_power: number | null;
  commanders_alive: number | null;
  stats: TeamStats | null;
}
/**
 * One resource of a team, as Spring.GetTeamResources returns it (per-second values change once per game second).
 */
export interface Resource {
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  current: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  storage: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  income: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  expense: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  pull: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  share: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  sent: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  received: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  excess: number | null;
}
/**
 * Cumulative team statistics since the game started.
 */
export interface TeamStats {
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  damage_dealt: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  damage_received: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  units_killed: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  units_died: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  units_produced: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  metal_produced: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  energy_produced: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  metal_excess: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  energy_excess: number | null;
}
export interface Player {
  id: number;
  name: string;
  team: number;
  ally_team: number;
  spectator: boolean;
  /**
   * Still connected.
   */
  active: boolean;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  ping_ms: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  cpu: number | null;
  /**
   * ISO country code, or null when unknown.
   */
  country: string | null;
  rank: number | null;
  /**
   * OpenSkill rating as BAR shows it, or null when hidden or unknown.
   */
  skill: number | null;
}
export interface GameStartEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'game_start';
}
export interface GameOverEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'game_over';
  /**
   * Winning ally team ids (from the teams' dead flags); empty when undecided.
   */
  winners: number[];
}
export interface TeamDiedEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'team_died';
  team: number;
}
export interface CommanderDestroyedEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'commander_destroyed';
  /**
   * The team that lost the commander.
   */
  team: number;
  /**
   * The team that killed it, or null when unknown.
   */
  attacker_team: number | null;
}
/**
 * A notable unit (metal cost at or above the widget's threshold) was finished.
 */
export interface UnitFinishedEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'unit_finished';
  /**
   * Internal unit name, e.g. "armbanth".
   */
  unit_def: string;
  /**
   * Human-readable unit name, e.g. "Bantha".
   */
  unit_name: string;
  team: number;
  /**
   * Metal cost.
   */
  cost: number;
}
/**
 * A notable unit (metal cost at or above the widget's threshold) was destroyed.
 */
export interface UnitDestroyedEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'unit_destroyed';
  unit_def: string;
  unit_name: string;
  team: number;
  cost: number;
  attacker_team: number | null;
}
export interface PausedEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'paused';
  /**
   * The player who paused, or null when unknown.
   */
  player: number | null;
}
export interface UnpausedEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'unpaused';
  player: number | null;
}
export interface PlayerLeftEvent {
  type: 'event';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Game time in seconds.
   */
  game_seconds: number;
  event: 'player_left';
  player: number;
  /**
   * The player's name, kept because the player may be gone from the next state.
   */
  name: string;
}
/**
 * Widget to bridge: the widget is shutting down (game end, quit, widget disabled, manual disconnect).
 */
export interface Goodbye {
  type: 'goodbye';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Per-connection message counter from 1. A gap means the widget dropped messages (a full queue, or a state replaced by a newer one before it was sent).
   */
  seq: number;
  /**
   * Game frame (30 per game second) when the message was built.
   */
  frame: number;
  /**
   * Epoch milliseconds at which the bridge received the message. Added by the bridge; widgets never send it.
   */
  received_at?: number;
  /**
   * Why the widget says goodbye, e.g. "shutdown", "disconnect".
   */
  reason: string;
}
/**
 * Bridge to overlays: the first message on every WebSocket connection, so a reloaded overlay shows the current game at once.
 */
export interface Snapshot {
  type: 'snapshot';
  /**
   * Protocol version.
   */
  schema_version: 1;
  hello: Hello | null;
  state: State | null;
  /**
   * The live game's game_over event (with received_at) once it ended, else null: an overlay loaded on the end screen tells by its received_at whether the caster's next game (match.next_game_at) came after it.
   */
  game_over: GameOverEvent | null;
  match: Match | null;
  bridge: BridgeStatus;
  /**
   * The live game's history so far (reset: true), or null before its first state.
   */
  history: History | null;
  /**
   * The last finished game, kept for the end-of-game screen, or null.
   */
  last_game: FinishedGame | null;
}
/**
 * Caster-set match data, as stored in the data folder and sent to overlays.
 */
export interface Match {
  tournament: string;
  /**
   * Stage or round, e.g. "Grand final".
   */
  stage: string;
  best_of: number;
  casters: Casters;
  /**
   * One entry per side (real-world team), bound to the ally team it plays as in the current game.
   *
   * @maxItems 16
   */
  teams: MatchTeam[];
  overlay: {
    /**
     * Which panels overlays show.
     */
    panels: {
      scoreboard: boolean;
      resources: boolean;
      compare: boolean;
      events: boolean;
      /**
       * The end-of-game screen (/overlay/postgame): true shows it (the last game's while the next one runs), false hides it; absent, it shows once the live game is over. The next game makes it absent again.
       */
      postgame?: boolean;
      /**
       * The series screen (/overlay/series); absent counts as shown.
       */
      series?: boolean;
    };
    /**
     * Theme for overlays whose URL does not name one; null for the default theme.
     */
    theme: string | null;
  };
  /**
   * Add a point to the winner's series score on the game over of a widget's game (never of the bridge's own demo or --replay).
   */
  auto_score: boolean;
  /**
   * The last automatic score change, kept so it can be undone.
   */
  last_auto_score: {
    ally_team: number;
    /**
     * Epoch ms.
     */
    at: number;
    /**
     * Index in teams of the entry that got the point; it stays right when sides are swapped afterwards.
     */
    team?: number;
    /**
     * Identity of the game that was scored (map and game-over frame), so a game over sent again, even after a bridge restart, scores once.
     */
    game?: string;
  } | null;
  /**
   * The series' finished games from a widget, oldest first (absent before the first).
   *
   * @maxItems 99
   */
  games?: SeriesGame[];
  /**
   * Bridge-wide data delay in seconds (0-600, fractions allowed): nothing from the game leaves the bridge (/ws, /status, the API) before it is this old, and OBS scene switches follow the delayed game. --delay sets a floor this cannot go below. Absent means 0.
   */
  delay_s?: number;
  obs_scenes?: ObsScenes;
  /**
   * When the caster last started the next game (epoch ms, the bridge's clock); absent before the first time. Overlays drop what the game before left on screen: its game-over banner and event toasts.
   */
  next_game_at?: number;
}
export interface Caster {
  name: string;
  /**
   * Social handle, e.g. "@caster".
   */
  handle: string;
}
export interface MatchTeam {
  ally_team: number;
  /**
   * Display name; empty to derive it from the players.
   */
  name: string;
  /**
   * Short tag, e.g. "TLQ".
   */
  tag: string;
  /**
   * URL path of the uploaded logo under /assets/, or null.
   */
  logo: string | null;
  /**
   * Colour override, or null to use the game's team colour.
   */
  color: string | null;
  /**
   * Series score.
   */
  score: number;
}
export interface SeriesGame {
  map: string;
  winners: number[];
  /**
   * Game time in seconds.
   */
  length_s: number;
  /**
   * When it ended (epoch ms, the bridge's clock).
   */
  at: number;
  /**
   * Each ally team as it played this game, with its decisive numbers.
   *
   * @maxItems 16
   */
  sides: SeriesSide[];
}
export interface SeriesSide {
  ally_team: number;
  /**
   * Its display name then (the match data's, else its players').
   */
  name: string;
  /**
   * A colour as #rrggbb.
   */
  color: string;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  army_peak: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  metal_produced: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  damage_dealt: number | null;
  /**
   * A finite number (whole numbers as integers, others rounded to at most 2 decimals), or null when the engine does not let the widget read it or the value was not finite.
   */
  units_killed: number | null;
}
/**
 * OBS scene automation (--obs): the scene to switch to on each game event, null to leave the scene alone. Absent means no switching.
 */
export interface ObsScenes {
  /**
   * An OBS scene's name, or null for no switch.
   */
  game_start: string | null;
  /**
   * An OBS scene's name, or null for no switch.
   */
  pause: string | null;
  /**
   * An OBS scene's name, or null for no switch.
   */
  unpause: string | null;
  /**
   * An OBS scene's name, or null for no switch.
   */
  game_over: string | null;
  /**
   * Seconds between the game over and the switch to the game_over scene.
   */
  game_over_after_s: number;
  /**
   * An OBS scene's name, or null for no switch.
   */
  next_game: string | null;
}
/**
 * Bridge to overlays: the bridge's view of its widget sources, sent when a source connects, disconnects or takes over, and inside every snapshot.
 */
export interface BridgeStatus {
  type: 'bridge';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * What the bridge is: its version and the git commit it was built from (null when neither a release build nor a git checkout tells).
   */
  build: {
    version: string;
    commit: string | null;
  };
  /**
   * The live source: the most recent connection that sent a valid hello; null when none is connected.
   */
  source: Source | null;
  /**
   * Every widget connection, the live one included.
   */
  sources: Source[];
  clients: {
    overlays: number;
    controls: number;
  };
  /**
   * Monotonic counters since the bridge started. Names are stable: dashboards and tests read them.
   */
  counters: {
    /**
     * Widget connections accepted.
     */
    connections_total?: number;
    /**
     * Widget connections refused because the bridge already had its maximum (32) open.
     */
    connections_refused?: number;
    /**
     * Widget connections closed after the long silence (60 s by default).
     */
    connections_dropped_idle?: number;
    /**
     * Bytes received from widgets.
     */
    bytes_in?: number;
    /**
     * Complete frames received from widgets.
     */
    frames_in?: number;
    /**
     * Zero-length or oversized frames; each closed its connection.
     */
    framing_errors?: number;
    /**
     * Frames whose body is not valid UTF-8 (dropped; the connection stays).
     */
    frames_bad_utf8?: number;
    /**
     * Frames whose body is not JSON (dropped; the connection stays).
     */
    frames_bad_json?: number;
    /**
     * JSON messages that break the schema (dropped; the connection stays).
     */
    messages_invalid?: number;
    /**
     * Valid widget messages, from every connection.
     */
    messages_valid?: number;
    /**
     * Messages a widget numbered but never sent (dropped from a full queue, or states replaced by newer ones): the sum of the gaps in seq, counted per connection.
     */
    messages_missed?: number;
    /**
     * Valid messages from connections that are not the live source.
     */
    messages_ignored?: number;
    /**
     * Messages sent on to the WebSocket clients.
     */
    messages_relayed?: number;
    /**
     * WebSocket clients that connected.
     */
    clients_total?: number;
    /**
     * WebSocket clients closed for falling too far behind.
     */
    clients_dropped_slow?: number;
    /**
     * WebSocket clients closed for not answering pings.
     */
    clients_dropped_dead?: number;
    /**
     * States a slow WebSocket client never got because a newer one replaced them.
     */
    states_coalesced?: number;
    /**
     * Lines of a --replay file that were cut short or not a record (present while replaying).
     */
    replay_lines_skipped?: number;
  };
  uptime_s: number;
  control?: ControlStatus;
}
export interface Source {
  /**
   * Bridge-assigned connection id.
   */
  id: string;
  /**
   * Remote address:port.
   */
  peer: string;
  live: boolean;
  /**
   * No complete frame for longer than the bridge's idle limit (10 s by default; a widget sends a state every game second, paused or not): the game may be hung or the connection half-open. The bridge closes it after a longer silence (60 s by default).
   */
  stale: boolean;
  /**
   * Epoch ms.
   */
  connected_at: number;
  /**
   * Epoch ms, null before the first message.
   */
  last_message_at: number | null;
  messages: number;
  /**
   * The source's hello, null until it sent one.
   */
  hello: Hello | null;
}
/**
 * Only in what control pages get: the bridge's clock, every connected WebSocket client and the delay, sent on every change and each second while a widget source is connected (so the live clock and the sources' ages stay fresh).
 */
export interface ControlStatus {
  /**
   * The bridge's clock (epoch ms); data age is now - source.last_message_at.
   */
  now: number;
  clients: ClientInfo[];
  delay: DelayInfo;
}
/**
 * A connected WebSocket client, as the control page lists it.
 */
export interface ClientInfo {
  id: string;
  role: 'overlay' | 'control';
  /**
   * Remote address:port.
   */
  peer: string;
  /**
   * Epoch ms.
   */
  connected_at: number;
  /**
   * The page it says it is (the `page=` query of its /ws URL), or null.
   */
  page: string | null;
  /**
   * Its User-Agent (names OBS and its Chromium for a browser source), or null.
   */
  user_agent: string | null;
  /**
   * How many seconds late it gets the game (its page's `?delay=`, or the bridge's).
   */
  delay_s: number;
}
/**
 * The bridge-wide delay, and the live game clock the control page shows beside the delayed one: the one live figure that leaves a delayed bridge (to control pages).
 */
export interface DelayInfo {
  /**
   * In force: the larger of --delay and the match's delay_s.
   */
  seconds: number;
  /**
   * --delay: the control page cannot go below it.
   */
  minimum_seconds: number;
  /**
   * The live game's clock (game_seconds of its latest state), or null before one.
   */
  live_game_seconds: number | null;
}
/**
 * Bridge to overlays: the live game's history for lead graphs, built by the bridge from the states and events it relays. Column-wise: `times` and every series have one entry per point. With `reset` it replaces what the overlay holds (in the snapshot, for a new game, and when the bridge thins the points); without it, its points and events come after those already held.
 */
export interface History {
  type: 'history';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * The game's identity (its first hello's received_at, epoch ms, kept when its widget says hello again mid-game or on its end screen): appends of another game are not mixed in.
   */
  game: number;
  reset: boolean;
  /**
   * Game seconds between points: 1 at first, doubled each time the bridge thins the points (first and newest points and every event are kept).
   */
  step_s: number;
  /**
   * Game seconds of the points carried, ascending.
   *
   * Items: Game time in seconds.
   */
  times: number[];
  /**
   * Per ally team: the sums of its teams' series (null where none of them could be read).
   */
  ally_teams: {
    id: number;
    series: HistorySeries;
  }[];
  teams: {
    id: number;
    ally_team: number;
    series: HistorySeries;
  }[];
  /**
   * The game's notable moments, for markers: never thinned.
   */
  events: HistoryMarker[];
}
/**
 * army: army value; metal, energy: income per second; damage: damage dealt so far; build_power; metal_produced: metal produced so far; units: unit count.
 */
export interface HistorySeries {
  army: HistoryValues;
  metal: HistoryValues;
  energy: HistoryValues;
  damage: HistoryValues;
  build_power: HistoryValues;
  metal_produced: HistoryValues;
  units: HistoryValues;
}
export interface HistoryMarker {
  /**
   * Game time in seconds.
   */
  t: number;
  /**
   * commander: a commander died (team lost it); unit: a notable unit was destroyed (team lost it); team_died: a team is out; pause: the game was paused (team null).
   */
  kind: 'commander' | 'unit' | 'team_died' | 'pause';
  team: number | null;
  ally_team: number | null;
  /**
   * The unit's name (kind unit).
   */
  unit?: string;
  /**
   * The unit's metal cost (kind unit).
   */
  cost?: number;
}
/**
 * Bridge to overlays: the last game that ended, with its last state, (or that the next game replaced), for the end-of-game screen while the next one runs. The bridge keeps it in its data folder (last-game.json), so it survives a restart between games.
 */
export interface FinishedGame {
  type: 'finished_game';
  /**
   * Protocol version.
   */
  schema_version: 1;
  hello: Hello;
  state: State;
  /**
   * Its game_over event, or null when the next game came before one.
   */
  game_over: GameOverEvent | null;
  history: History;
}
/**
 * Bridge to overlays: the match data changed.
 */
export interface MatchMessage {
  type: 'match';
  /**
   * Protocol version.
   */
  schema_version: 1;
  match: Match;
}
/**
 * Bridge to overlays: a theme's files changed on disk; overlays using it (or a theme based on it) reload its stylesheet without reloading the page.
 */
export interface ThemeMessage {
  type: 'theme';
  /**
   * Protocol version.
   */
  schema_version: 1;
  name: string;
  /**
   * Increases with every change; overlays append it to the stylesheet URL to bypass caches.
   */
  revision: number;
}
/**
 * Bridge to overlays: the caster asked every overlay to reload its page.
 */
export interface ReloadMessage {
  type: 'reload';
  /**
   * Protocol version.
   */
  schema_version: 1;
}
/**
 * Bridge to clients (and GET /api/obs): the bridge's connection to OBS for scene automation (--obs). Never holds the password.
 */
export interface ObsStatus {
  type: 'obs';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * The obs-websocket address (--obs), or null when the bridge was started without one.
   */
  url: string | null;
  /**
   * off: no --obs. connecting: trying now. connected: scenes switch. waiting: OBS is closed or refused; the next try is at retry_at.
   */
  state: 'off' | 'connecting' | 'connected' | 'waiting';
  /**
   * Why the last try failed, or null.
   */
  error: string | null;
  /**
   * Whether the bridge has a password to give OBS.
   */
  password_set: boolean;
  /**
   * OBS's scenes, top first as in OBS's scene list (the choices for match.obs_scenes).
   */
  scenes: string[];
  /**
   * OBS's program scene, or null when not connected.
   */
  current_scene: string | null;
  /**
   * When the next try is due (epoch ms), or null.
   */
  retry_at: number | null;
}
/**
 * Bridge to one control client: the answer to its action (client-message.schema.json). The match change itself reaches every client as a match message.
 */
export interface ActionResultMessage {
  type: 'action_result';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * The action's id, or null when it had none or could not be read.
   */
  id: string | number | null;
  ok: boolean;
  /**
   * One line saying why the action was refused; null when ok.
   */
  error: string | null;
}
/**
 * Replace the whole match document.
 */
export interface SetMatchAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'set_match';
  match: Match;
}
/**
 * Replace the given top-level fields; the others stay.
 */
export interface UpdateMatchAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'update_match';
  fields: MatchFields;
}
export interface MatchFields {
  tournament?: string;
  /**
   * Stage or round, e.g. "Grand final".
   */
  stage?: string;
  best_of?: number;
  casters?: Casters;
  /**
   * Add a point to the winner's series score on the game over of a widget's game (never of the bridge's own demo or --replay).
   */
  auto_score?: boolean;
  /**
   * Bridge-wide data delay in seconds (0-600, fractions allowed): nothing from the game leaves the bridge (/ws, /status, the API) before it is this old, and OBS scene switches follow the delayed game. --delay sets a floor this cannot go below. Absent means 0.
   */
  delay_s?: number;
  obs_scenes?: ObsScenes;
}
/**
 * Replace the given fields of one team entry; the others stay.
 */
export interface UpdateTeamAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'update_team';
  /**
   * Index of the entry in match.teams (the real-world team, not the ally team).
   */
  team: number;
  fields: TeamFields;
}
export interface TeamFields {
  ally_team?: number;
  /**
   * Display name; empty to derive it from the players.
   */
  name?: string;
  /**
   * Short tag, e.g. "TLQ".
   */
  tag?: string;
  /**
   * URL path of the uploaded logo under /assets/, or null.
   */
  logo?: string | null;
  /**
   * Colour override, or null to use the game's team colour.
   */
  color?: string | null;
  /**
   * Series score.
   */
  score?: number;
}
/**
 * Add a team entry, bound to the given ally team or else to the lowest one not yet bound.
 */
export interface AddTeamAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'add_team';
  ally_team?: number;
}
export interface RemoveTeamAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'remove_team';
  /**
   * Index of the entry in match.teams (the real-world team, not the ally team).
   */
  team: number;
}
/**
 * Add delta to a team's series score, clamped to 0..99.
 */
export interface ScoreAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'score';
  /**
   * Index of the entry in match.teams (the real-world team, not the ally team).
   */
  team: number;
  delta: number;
}
/**
 * Swap the ally teams two entries are bound to (default the first two); names, logos and scores stay with their team.
 */
export interface SwapAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'swap';
  /**
   * @minItems 2
   * @maxItems 2
   *
   * Items: Index of the entry in match.teams (the real-world team, not the ally team).
   */
  teams?: [number, number, ...number[]];
}
/**
 * Show or hide a panel on every overlay; without visible, toggle it.
 */
export interface PanelAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'panel';
  panel: Panel;
  visible?: boolean;
}
/**
 * Theme for overlays whose URL names none; null for the default.
 */
export interface ThemeAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'theme';
  /**
   * Theme for overlays whose URL does not name one; null for the default theme.
   */
  name: string | null;
}
/**
 * Turn automatic series scoring on or off; without enabled, toggle it.
 */
export interface AutoScoreAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'auto_score';
  enabled?: boolean;
}
/**
 * Start the next game of the series: clears the last automatic score (and its undo), arms automatic scoring so the next game over scores even when it looks like the last one, and sets next_game_at so overlays clear the game-over banner and toasts. Series scores and auto_score stay.
 */
export interface NextGameAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'next_game';
}
/**
 * Take back the last automatic point.
 */
export interface UndoAutoScoreAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'undo_auto_score';
}
/**
 * Send reload to every overlay.
 */
export interface ReloadOverlaysAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'reload_overlays';
}
/**
 * Make the widget connection with this id the live source.
 */
export interface SelectSourceAction {
  type: 'action';
  /**
   * Protocol version.
   */
  schema_version: 1;
  /**
   * Chosen by the client; echoed in the action_result so it can match the answer.
   */
  id?: string | number;
  action: 'select_source';
  source: string;
}
/**
 * GET /api/state: the live source, every widget source and every connected client (what control pages also get in the `control` part of their `bridge` messages).
 */
export interface ApiState {
  /**
   * The bridge's clock (epoch ms); data age is now - source.last_message_at.
   */
  now: number;
  bridge: BridgeStatus;
  clients: ClientInfo[];
  delay: DelayInfo;
}
export interface ThemeInfo {
  /**
   * Folder name: how URLs, `parent` and the theme message refer to the theme.
   */
  name: string;
  /**
   * theme.json's `name`, for people.
   */
  display_name: string;
  description: string;
  parent: string | null;
}
/**
 * A theme's themes/NAME/theme.json: how casters see it, and the theme whose tokens it overrides. The same rules as protocol/theme-json.ts, which the overlay and the bridge apply; other fields are ignored.
 */
export interface ThemeJson {
  /**
   * This schema, for the theme author's editor.
   */
  $schema?: string;
  /**
   * For people.
   */
  name: string;
  description?: string;
  /**
   * The folder name of the theme this one builds on (its stylesheet loads first), or null.
   */
  parent?: string | null;
}
