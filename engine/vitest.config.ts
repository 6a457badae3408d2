// The real-engine lane (npm run test:engine, after scripts/install-engine.sh): its own config so
// that the plain `vitest run` of npm test does not start it before spring is installed.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['engine/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000, // a run takes ~25 s alone, twice that on a busy machine
    fileParallelism: false,
  },
});
