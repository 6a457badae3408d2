// Runtime validation of protocol messages against protocol/schemas (the single source of truth).
// Schemas are compiled once at import; each validator returns the typed value or a one-line reason.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type {
  ApiState,
  ClientMessage,
  Event,
  FinishedGame,
  Goodbye,
  History,
  Hello,
  Match,
  ServerMessage,
  State,
  ThemeJson,
  ThemeList,
  WidgetMessage,
} from './types.ts';

export const schemasDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');
const ID_BASE = 'https://bar-livedata.invalid/protocol/v1/';

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };
export type Validator<T> = (value: unknown) => Validation<T>;

const ajv = new Ajv2020({
  strict: true,
  strictRequired: false, // the event union requires `event` at the top, where only its branches define it
  allowUnionTypes: true,
  discriminator: true,
});
for (const file of readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')));
}

function compiled(file: string): ValidateFunction {
  const fn = ajv.getSchema(ID_BASE + file);
  if (!fn) throw new Error(`protocol schema ${file} is missing`);
  return fn;
}

function describe(fn: ValidateFunction): string {
  const err = fn.errors?.[0];
  if (!err) return 'invalid';
  const where = err.instancePath || '/';
  const params =
    err.keyword === 'additionalProperties' ? ` (${String(err.params.additionalProperty)})` : '';
  return `${where} ${err.message ?? 'is invalid'}${params}`;
}

function validatorFor<T>(file: string): Validator<T> {
  const fn = compiled(file);
  return (value) =>
    fn(value) ? { ok: true, value: value as T } : { ok: false, error: describe(fn) };
}

export const validateHello = validatorFor<Hello>('hello.schema.json');
export const validateState = validatorFor<State>('state.schema.json');
export const validateEvent = validatorFor<Event>('event.schema.json');
export const validateGoodbye = validatorFor<Goodbye>('goodbye.schema.json');
export const validateHistory = validatorFor<History>('history.schema.json');
export const validateFinishedGame = validatorFor<FinishedGame>('finished-game.schema.json');
export const validateMatch = validatorFor<Match>('match.schema.json');
export const validateServerMessage = validatorFor<ServerMessage>('server-message.schema.json');
export const validateClientMessage = validatorFor<ClientMessage>('client-message.schema.json');
export const validateApiState = validatorFor<ApiState>('api-state.schema.json');
export const validateThemeList = validatorFor<ThemeList>('theme-list.schema.json');
/** theme.json against its schema (what editors check); protocol/theme-json.ts applies the same rules without Ajv. */
export const validateThemeJsonFile = validatorFor<ThemeJson>('theme-json.schema.json');

const byType: Record<WidgetMessage['type'], Validator<WidgetMessage>> = {
  hello: validateHello,
  state: validateState,
  event: validateEvent,
  goodbye: validateGoodbye,
};

/** Validates one decoded widget frame. Dispatches on `type` so the reason names the real fault. */
export function validateWidgetMessage(value: unknown): Validation<WidgetMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'message is not a JSON object' };
  }
  const type = (value as { type?: unknown }).type;
  const validate = typeof type === 'string' ? byType[type as WidgetMessage['type']] : undefined;
  if (!validate) return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
  const result = validate(value);
  return result.ok ? result : { ok: false, error: `${type}: ${result.error}` };
}
