// Builds the release once per test run, into a temporary folder every *.release.test.ts reads
// through inject('release'); removed when the run ends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildRelease, releaseReport, type ReleaseBuild } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    release: ReleaseBuild;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'bar-livedata-release-'));
  const started = performance.now();
  const built = await buildRelease(outDir);
  console.log(
    [
      ...releaseReport(built),
      `release built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    ]
      .map((line) => `release: ${line}`)
      .join('\n'),
  );
  project.provide('release', built);
  return () => rm(outDir, { recursive: true, force: true });
}
