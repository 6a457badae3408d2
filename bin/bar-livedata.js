#!/usr/bin/env node
// The bar-livedata command. A release (the download, the npm package) holds the bridge compiled
// to JavaScript beside this file; a git checkout runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../bridge/cli.js', import.meta.url);
let cli = compiled.href;
if (!existsSync(compiled)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = new URL('../bridge/cli.ts', import.meta.url).href;
}
const { main } = await import(cli);
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle keep the process alive, do not hang on it.
setTimeout(() => process.exit(code), 2_000).unref();
