// Actions arriving over the WebSocket from control clients: parsed, validated against
// client-message.schema.json, carried out like their HTTP twins, answered to the sender only.
import type { ActionResultMessage } from '../../protocol/types.ts';
import { validateClientMessage } from '../../protocol/validate.ts';
import type { Actions } from './actions.ts';
import { JSON_BODY_MAX } from './http-io.ts';

export type ControlMessageHandler = (
  data: string | Buffer,
  reply: (message: ActionResultMessage) => void,
) => Promise<void>;

export function createControlMessageHandler(actions: Actions): ControlMessageHandler {
  return async (data, reply) => {
    const answer = (id: ActionResultMessage['id'], error: string | null) =>
      reply({ type: 'action_result', schema_version: 1, id, ok: error === null, error });

    if (Buffer.byteLength(data) > JSON_BODY_MAX) {
      answer(null, `message is larger than ${JSON_BODY_MAX} bytes`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch (err) {
      answer(null, `message is not JSON: ${(err as Error).message}`);
      return;
    }
    const checked = validateClientMessage(parsed);
    if (!checked.ok) {
      answer(idOf(parsed), reasonFor(parsed, checked.error));
      return;
    }
    const outcome = await actions(checked.value);
    answer(checked.value.id ?? null, outcome.ok ? null : outcome.error);
  };
}

// The id, when it is one the result may echo, so even a refused action can be matched up.
function idOf(value: unknown): ActionResultMessage['id'] {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id.length <= 64) return id;
  if (Number.isSafeInteger(id)) return id as number;
  return null;
}

// The schema's discriminator says "value of tag ... must be in oneOf"; say which action it was.
function reasonFor(value: unknown, error: string): string {
  if (!error.includes('value of tag "action"')) return error;
  return `unknown action ${JSON.stringify((value as { action?: unknown }).action)}`;
}
