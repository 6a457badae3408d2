#!/usr/bin/env node
// The bar-livedata command. The bridge is TypeScript run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bridge/cli.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a stray handle keep the process alive, do not hang on it.
setTimeout(() => process.exit(code), 2_000).unref();
