// `npm run release`: builds the downloads into release/ and prints their sizes against the budgets.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRelease, releaseReport } from './build.ts';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = performance.now();
const built = await buildRelease(path.join(top, 'release'));
for (const line of releaseReport(built)) console.log(line);
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
