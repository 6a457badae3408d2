// The roles a WebSocket client asks for with ?role=, read from the one list in the schemas
// (bridge-status.schema.json#/$defs/client): overlays get the game; control pages also get the
// bridge's clients and delay.
import status from './schemas/bridge-status.schema.json' with { type: 'json' };
import type { ClientInfo } from './types.ts';

export type ClientRole = ClientInfo['role'];
export const CLIENT_ROLES = status.$defs.client.properties.role.enum as readonly ClientRole[];

export const isClientRole = (name: string): name is ClientRole =>
  (CLIENT_ROLES as readonly string[]).includes(name);
