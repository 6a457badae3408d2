// The bridge started in the test's own process, for the overlay's browser tests and benchmark:
// overlay/ may not import bridge/ (eslint.config.js), test-support/ may import both.
export { startBridge, type Bridge, type BridgeOptions } from '../bridge/bridge.ts';
export { matchPlugin } from '../bridge/api/match-plugin.ts';
