// Runs a command with the release's Node.js (scripts/release/node-pin.ts) first on PATH, so the
// bridge's tests also run on the Node the downloads ship:
//   tsx scripts/release/with-release-node.ts vitest run --project node bridge protocol
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { releaseNode } from './node-binaries.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-release-node.ts COMMAND [ARGS...]');
  process.exit(2);
}
const node = await releaseNode('linux-x64');
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
console.log(
  `with-release-node: Node.js ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} first on PATH`,
);
const child = spawn(command, args, { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
