// Everything the control page shows, kept from the bridge's messages (snapshot, match, state,
// bridge: a control page's bridge messages also list the clients and the delay), and the caster's
// actions, whose refusals it shows.
import { LOGO_MAX_BYTES } from '../../../protocol/limits.ts';
import type {
  BridgeStatus,
  ControlStatus,
  Match,
  ObsStatus,
  ServerMessage,
  State,
  ThemeInfo,
} from '../../../protocol/types.ts';
import { allyTeamViews, type AllyTeamView } from '../lib/teams.ts';
import { BridgeLink, type Action } from './bridge-link.ts';

const TICK_MS = 1000;

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export class ControlStore {
  match = $state.raw<Match | null>(null);
  state = $state.raw<State | null>(null);
  bridge = $state.raw<BridgeStatus | null>(null);
  /** What only control pages get: connected clients, the delay, the bridge's clock. */
  control = $state.raw<ControlStatus | null>(null);
  /** The bridge's link to OBS (scene automation), null until known. */
  obs = $state.raw<ObsStatus | null>(null);
  themes = $state.raw<ThemeInfo[]>([]);
  connected = $state(false);
  /** The bridge refused the page's token (restarted with another one?). */
  tokenRefused = $state(false);
  notice = $state.raw<Notice | null>(null);
  /** The page's clock, ticking once a second, for "N s ago". */
  now = $state(Date.now());
  /** How far the bridge's clock is ahead of the page's, from its last status. */
  private clockOffset = $state(0);
  /** The bridge's clock, moved on by the page's between statuses: ages are measured with it. */
  readonly bridgeNow = $derived(this.now + this.clockOffset);

  /** The live game's ally teams with what overlays would show (derived names, game colours). */
  readonly allies: AllyTeamView[] = $derived(
    this.state ? allyTeamViews(this.state, this.match) : [],
  );

  private readonly link: BridgeLink;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(origin: string, token: string | null) {
    this.link = new BridgeLink(origin, token, {
      onOpen: () => {
        this.connected = true;
        this.tokenRefused = false;
        void this.loadThemes();
        void this.loadObs();
      },
      onClose: () => {
        this.connected = false;
        void this.checkToken();
      },
      onMessage: (message) => this.apply(message),
    });
  }

  start(): void {
    this.link.start();
    this.timer = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.link.stop();
  }

  apply(message: ServerMessage): void {
    switch (message.type) {
      case 'snapshot':
        this.match = message.match;
        this.state = message.state;
        this.setBridge(message.bridge);
        break;
      case 'match':
        this.match = message.match;
        break;
      case 'state':
        this.state = message;
        break;
      case 'hello':
        this.state = null; // a new game: the old state belonged to the previous one
        break;
      case 'bridge':
        this.setBridge(message);
        break;
      case 'obs':
        this.obs = message;
        break;
    }
  }

  /** Carries out one action; true when the bridge did, else the reason is shown. */
  async act(action: Action): Promise<boolean> {
    const error = await this.link.act(action);
    if (error) this.say('error', error);
    return error === null;
  }

  async uploadLogo(team: number, file: File): Promise<boolean> {
    if (file.size > LOGO_MAX_BYTES) {
      this.say('error', `${file.name} is larger than 2 MB.`);
      return false;
    }
    const res = await this.link
      .fetch(`/api/teams/${team}/logo`, {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      })
      .catch(() => null);
    if (res?.ok) return true;
    const reason = res ? ((await res.json().catch(() => null)) as { error?: string } | null) : null;
    this.say('error', `Logo refused: ${reason?.error ?? 'the bridge did not answer'}.`);
    return false;
  }

  /** Gives the bridge OBS's password (kept in its memory, never shown again); null forgets it. */
  async setObsPassword(password: string | null): Promise<boolean> {
    const res = await this.link
      .fetch('/api/obs/password', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
      })
      .catch(() => null);
    // What comes of it arrives as `obs` messages (the answer could be older than they are).
    if (res?.ok) return true;
    const reason = res ? ((await res.json().catch(() => null)) as { error?: string } | null) : null;
    this.say('error', `Password refused: ${reason?.error ?? 'the bridge did not answer'}.`);
    return false;
  }

  say(kind: Notice['kind'], text: string): void {
    this.notice = { kind, text };
  }

  private setBridge(status: BridgeStatus): void {
    this.bridge = status;
    if (!status.control) return;
    this.control = status.control;
    this.now = Date.now();
    this.clockOffset = status.control.now - this.now;
  }

  /** The WebSocket closed: a refused token (the bridge restarted with another) is worth saying. */
  private async checkToken(): Promise<void> {
    const res = await this.link.fetch('/api/state', { method: 'HEAD' }).catch(() => null);
    if (res) this.tokenRefused = res.status === 401;
  }

  private async loadObs(): Promise<void> {
    const res = await this.link.fetch('/api/obs').catch(() => null);
    if (res?.ok) this.obs = (await res.json()) as ObsStatus;
  }

  private async loadThemes(): Promise<void> {
    const res = await this.link.fetch('/api/themes').catch(() => null);
    if (res?.ok) this.themes = (await res.json()) as ThemeInfo[];
  }
}
