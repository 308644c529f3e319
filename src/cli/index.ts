#!/usr/bin/env node
import module from 'node:module';

// Keep V8's compiled code of the bundle between runs (Node 22.1+): start-up is most of the time
// of a push that has nothing to send.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2));
