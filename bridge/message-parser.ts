// One frame body → a validated widget message. Every widget message, from a real widget, the demo
// or a replay, passes through here (via tcp-intake), so the schema is enforced in one place.
import { isUtf8 } from 'node:buffer';
import { validateWidgetMessage } from '../protocol/validate.ts';
import type { WidgetMessage } from '../protocol/types.ts';

export type ParseFailure = 'bad_utf8' | 'bad_json' | 'bad_schema';

export type ParsedFrame =
  | { ok: true; message: WidgetMessage; text: string }
  /** `seq` when a schema failure still carries a usable one: that message arrived, not missed. */
  | { ok: false; failure: ParseFailure; reason: string; seq?: number };

export function parseFrame(body: Buffer): ParsedFrame {
  if (!isUtf8(body)) return { ok: false, failure: 'bad_utf8', reason: 'frame is not valid UTF-8' };
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, failure: 'bad_json', reason: `invalid JSON: ${(error as Error).message}` };
  }
  const result = validateWidgetMessage(value);
  if (!result.ok) {
    const seq = (value as { seq?: unknown } | null)?.seq;
    return {
      ok: false,
      failure: 'bad_schema',
      reason: result.error,
      ...(Number.isInteger(seq) && (seq as number) >= 1 ? { seq: seq as number } : {}),
    };
  }
  return { ok: true, message: result.value, text };
}

/**
 * The message as relayed: its own JSON text with `received_at` appended, so the bridge never
 * re-serialises what the widget already serialised. `text` must be the JSON of a validated object.
 */
export function stampReceivedAt(message: WidgetMessage, text: string, receivedAt: number): string {
  if (message.received_at !== undefined) {
    return JSON.stringify({ ...message, received_at: receivedAt });
  }
  const end = text.lastIndexOf('}');
  return `${text.slice(0, end)},"received_at":${receivedAt}}`;
}
