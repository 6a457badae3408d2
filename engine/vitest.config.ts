// The real-engine lane (npm run test:engine, after scripts/install-engine.sh): its own config so
// that the plain `vitest run` of npm test does not start it before spring is installed.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['engine/**/*.test.ts'],
    environment: 'node',
    testTimeout: 150_000,
    fileParallelism: false,
  },
});
