// Everything the panels show, kept from the bridge's messages: the latest state and match data, the
// game's history (lead graph) and the last finished game (end-of-game screen),
// the connection status (with its grace timer), the events panel's toasts and game-over banner
// (both cleared by the caster's "next game"), and the theme tokens that affect colours and timing.
import type { FinishedGame, Match, ServerMessage, State } from '../../../protocol/types.ts';
import { applyHistory, type GameHistory } from './history.ts';
import {
  DISCONNECT_GRACE_MS,
  connectionStatus,
  initialFacts,
  nextStatusChange,
  type ConnectionFacts,
  type ConnectionStatus,
} from './connection.ts';
import { allyTeamViews, type AllyTeamView } from './teams.ts';
import { toastFor, type Toast } from './events.ts';
import { FALLBACK_TOKENS, type ThemeTokens } from './tokens.ts';
import { TeamStyles } from './team-style.ts';

export const MAX_TOASTS = 5;

export interface StoreOptions {
  graceMs?: number;
}

export class OverlayStore {
  state = $state.raw<State | null>(null);
  match = $state.raw<Match | null>(null);
  tokens = $state.raw<ThemeTokens>(FALLBACK_TOKENS);
  /** False until a theme's stylesheets are in: panels stay hidden rather than unstyled. */
  themeReady = $state(false);
  toasts = $state.raw<Toast[]>([]);
  /** The live game's history; changed in place by appends, so read `historyRevision` with it. */
  history = $state.raw<GameHistory | null>(null);
  historyRevision = $state(0);
  /** The last game put aside by the next one (or kept by the bridge over a restart). */
  lastGame = $state.raw<FinishedGame | null>(null);
  /** The live game's map, from its hello. */
  map = $state<string | null>(null);
  /** Winners announced by a game_over event before the final state arrives. */
  private announced = $state.raw<number[] | null>(null);
  // When (bridge clock) the game on show began and, if the bridge saw it, ended: the caster's
  // "next game" (match.next_game_at) after that clears the game-over banner, even after a reload.
  // It began at its history's `game` (its first hello, kept through a widget's reconnects and a
  // bridge restart on the end screen), else at its latest hello.
  private helloAt = $state<number | null>(null);
  private endedAt = $state<number | null>(null);
  private facts = $state.raw<ConnectionFacts>(initialFacts(Date.now()));
  private now = $state(Date.now());

  readonly allies: AllyTeamView[] = $derived(
    this.state ? allyTeamViews(this.state, this.match) : [],
  );
  readonly status: ConnectionStatus = $derived.by(() =>
    connectionStatus(this.facts, this.now, this.graceMs),
  );
  /** The game-over banner: the winning ally teams (empty for a draw), or null while playing. */
  readonly winners: AllyTeamView[] | null = $derived.by(() => {
    const ids = this.state?.phase === 'over' ? this.state.winners : this.announced;
    const nextGameAt = this.match?.next_game_at;
    const ended = this.endedAt ?? this.history?.game ?? this.helloAt;
    if (nextGameAt !== undefined && ended !== null && ended <= nextGameAt) return null;
    return ids ? this.allies.filter((a) => ids.includes(a.id)) : null;
  });

  private readonly graceMs: number;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  // Bookkeeping, not state the page shows: plain collections on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly toastTimers = new Map<number, ReturnType<typeof setTimeout>>();
  private nextToastId = 1;
  private readonly teamStyles = new TeamStyles();

  constructor(options: StoreOptions = {}) {
    this.graceMs = options.graceMs ?? DISCONNECT_GRACE_MS;
    this.updateFacts({});
  }

  socketOpened(): void {
    this.updateFacts({ socketOpen: true, socketSince: Date.now() });
  }

  socketClosed(): void {
    if (this.facts.socketOpen) this.updateFacts({ socketOpen: false, socketSince: Date.now() });
  }

  apply(message: ServerMessage): void {
    switch (message.type) {
      case 'snapshot':
        // A restarted bridge knows no game yet: keep the last good values until one arrives.
        if (message.state) {
          this.announced = message.game_over?.winners ?? null;
          this.helloAt = message.hello?.received_at ?? null;
          this.endedAt = message.game_over?.received_at ?? null;
          this.setState(message.state, message.bridge.source !== null);
        }
        this.match = message.match;
        if (message.hello) this.map = message.hello.game.map;
        if (message.history) this.takeHistory(message.history);
        if (message.last_game) this.lastGame = message.last_game;
        break;
      case 'history':
        this.takeHistory(message);
        break;
      case 'finished_game':
        this.lastGame = message;
        break;
      case 'hello':
        this.map = message.game.map;
        this.helloAt = message.received_at ?? null;
        this.endedAt = null;
        break;
      case 'state':
        if (message.phase !== 'over') {
          this.announced = null;
          this.endedAt = null;
        }
        this.setState(message, true);
        break;
      case 'event':
        if (message.event === 'game_over') {
          this.announced = message.winners;
          this.endedAt = message.received_at ?? null;
        } else if (message.event === 'game_start') this.clearToasts();
        else this.addToast(message);
        break;
      case 'match':
        // The caster started the next game: the last one's toasts go with its banner.
        if (this.match && message.match.next_game_at !== this.match.next_game_at) {
          this.clearToasts();
        }
        this.match = message.match;
        break;
      default:
        // goodbye and bridge change nothing shown (the states tell); theme and reload concern the
        // page, not the data.
        break;
    }
  }

  setTokens(tokens: ThemeTokens): void {
    this.tokens = tokens;
    this.themeReady = true;
  }

  /** CSS variables for one team colour: --team, --team-text (readable on panels), --team-ink. */
  teamStyle(color: string): string {
    return this.teamStyles.style(color, this.tokens.panelBg);
  }

  dismissToast(id: number): void {
    clearTimeout(this.toastTimers.get(id));
    this.toastTimers.delete(id);
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  dispose(): void {
    clearTimeout(this.statusTimer);
    this.clearToasts();
  }

  private takeHistory(message: Parameters<typeof applyHistory>[1]): void {
    this.history = applyHistory(this.history, message);
    this.historyRevision += 1;
  }

  private setState(state: State, live: boolean): void {
    this.state = state;
    this.updateFacts({
      hasState: true,
      lastStateAt: live ? Date.now() : -Infinity,
      fullView: state.full_view,
      gameOver: state.phase === 'over',
    });
  }

  private updateFacts(change: Partial<ConnectionFacts>): void {
    const next = { ...this.facts, ...change };
    const changed = (Object.keys(change) as (keyof ConnectionFacts)[]).some(
      (k) => next[k] !== this.facts[k],
    );
    if (changed) this.facts = next;
    this.now = Date.now();
    clearTimeout(this.statusTimer);
    const due = nextStatusChange(this.facts, this.now, this.graceMs);
    if (due !== null) this.statusTimer = setTimeout(() => this.updateFacts({}), due + 1);
  }

  private addToast(event: Parameters<typeof toastFor>[0]): void {
    const content = toastFor(event, this.allies, this.state);
    if (!content) return;
    const toast: Toast = { ...content, id: this.nextToastId++ };
    const kept = [...this.toasts, toast];
    while (kept.length > MAX_TOASTS) this.dismissTimer(kept.shift()!.id);
    this.toasts = kept;
    this.toastTimers.set(
      toast.id,
      setTimeout(() => this.dismissToast(toast.id), this.tokens.toastHoldMs),
    );
  }

  private dismissTimer(id: number): void {
    clearTimeout(this.toastTimers.get(id));
    this.toastTimers.delete(id);
  }

  private clearToasts(): void {
    for (const timer of this.toastTimers.values()) clearTimeout(timer);
    this.toastTimers.clear();
    this.toasts = [];
  }
}
