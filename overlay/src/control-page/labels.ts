// Short human wording for the control page's lists: data ages, widget sources, connected clients.
import type { ClientInfo, Source } from '../../../protocol/types.ts';

/** "just now", "12 s ago", "3 min ago", "2 h ago"; "no data yet" without a time. */
export function ago(then: number | null, now: number): string {
  if (then === null) return 'no data yet';
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/** Who runs the widget and where: "Alex (spectator) on Supreme Isthmus", or its address. */
export function sourceLabel(source: Source): string {
  const hello = source.hello;
  if (!hello) return `${source.peer} (no hello yet)`;
  const who = hello.local_player.spectator
    ? `${hello.local_player.name} (spectator)`
    : hello.local_player.name;
  const replay = hello.game.replay ? ', replay' : '';
  return `${who} on ${hello.game.map}${replay}`;
}

/** "OBS 30.2 · Chromium 103", "Chromium 127", or "unknown browser". */
export function browserLabel(userAgent: string | null): string {
  const obs = userAgent?.match(/\bOBS\/(\d+\.\d+)/)?.[1];
  const chrome = userAgent?.match(/(?:Chrome|Chromium)\/(\d+)/)?.[1];
  const parts = [obs && `OBS ${obs}`, chrome && `Chromium ${chrome}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'unknown browser';
}

/** "scoreboard page" / "overlay" / "control page", and "· 120 s late" when it is delayed. */
export function clientLabel(client: ClientInfo): string {
  const late = client.delay_s > 0 ? ` · ${client.delay_s} s late` : '';
  if (client.role === 'control') return `control page${late}`;
  return `${client.page ? `${client.page} page` : 'overlay'}${late}`;
}
