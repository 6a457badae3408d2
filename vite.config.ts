import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { layerStatementsForChrome103 } from './overlay/build/layer-statements.ts';

const top = fileURLToPath(new URL('.', import.meta.url));
// OBS 28–30 browser sources run Chromium 103: nothing newer may be emitted (see DEVELOPERS.md).
const OBS_TARGET = 'chrome103';

export default defineConfig({
  root: 'overlay',
  base: '/overlay/',
  publicDir: false,
  plugins: [tailwindcss(), svelte(), layerStatementsForChrome103()],
  build: {
    target: OBS_TARGET,
    cssTarget: OBS_TARGET,
    outDir: '../dist/overlay',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        overlay: fileURLToPath(new URL('overlay/index.html', import.meta.url)),
        control: fileURLToPath(new URL('overlay/control/index.html', import.meta.url)),
      },
    },
  },
  test: {
    root: top,
    projects: [
      {
        // The inner loop (npm run test:unit, with components): no child processes, no browsers.
        extends: true,
        test: {
          name: 'node',
          root: top,
          environment: 'node',
          // The files share one module graph per worker: none mocks a module or leaves fake timers
          // on, and importing the bridge afresh for each file was half of the loop's time.
          isolate: false,
          include: ['{bridge,docs,protocol,test-support,scripts,widget}/**/*.test.ts'],
          exclude: [
            '**/*.browser.test.ts',
            '**/*.process.test.ts',
            '**/*.release.test.ts',
            '**/node_modules/**',
          ],
        },
      },
      {
        // Tests that start the command, a fake game or Lua as child processes.
        extends: true,
        test: {
          name: 'process',
          root: top,
          environment: 'node',
          include: ['{bridge,docs,protocol,test-support,scripts,widget}/**/*.process.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      {
        // The downloads, built once per run (the global setup) and run as a caster would.
        extends: true,
        test: {
          name: 'release',
          root: top,
          environment: 'node',
          include: ['scripts/release/**/*.release.test.ts'],
          globalSetup: ['scripts/release/release.global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'components',
          root: top,
          // jsdom only for the files that render or measure (their `@vitest-environment jsdom`
          // line): setting it up for every file cost a fifth of the loop.
          environment: 'node',
          isolate: false,
          include: ['overlay/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', 'overlay/build-output.test.ts', '**/node_modules/**'],
        },
      },
      {
        // What `vite build` wrote to dist/overlay (npm test builds first; test:unit does not).
        extends: true,
        test: {
          name: 'build',
          root: top,
          environment: 'node',
          include: ['overlay/build-output.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          root: top,
          environment: 'node',
          include: ['**/*.browser.test.ts', 'e2e/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
