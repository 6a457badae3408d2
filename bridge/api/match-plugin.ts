// Plugs caster control into a running bridge (bridge.ts `plugins`): the match API's routes, its
// WebSocket actions from control clients, and the live source's messages.
import type { BridgePlugin } from '../bridge.ts';
import { createMatchApi } from './match-api.ts';

export const matchPlugin: BridgePlugin = async (bridge) => {
  const api = await createMatchApi({
    dataDir: bridge.dataDir,
    log: bridge.logger,
    port: {
      broadcast: (message) => bridge.fanout.broadcast(message),
      setMatch: (match) => bridge.setMatch(match),
      status: () => bridge.status(),
      clients: () => bridge.fanout.clients(),
      delay: () => bridge.delay(),
      selectSource: (id) => bridge.selectSource(id),
      themeExists: (name) => bridge.themeExists(name),
    },
  });
  for (const route of api.routes) bridge.http.use(route);
  const stopActions = bridge.fanout.onClientMessage((client, text) => {
    void api.onControlMessage(text, (message) => client.send(message));
  });
  const stopLive = bridge.onLiveMessage((message, id, origin) => {
    const hello = bridge.status().sources.find((source) => source.id === id)?.hello ?? null;
    api.onLiveMessage(message, { id, hello, origin });
  });
  return async () => {
    stopActions();
    stopLive();
    await api.flush();
  };
};
