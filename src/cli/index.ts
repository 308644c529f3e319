#!/usr/bin/env node
import module from 'node:module';

// Keep V8's compiled code of the bundle between runs (Node 22.1+): start-up is most of the time
// of a push that has nothing to send.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runCli, endProcess, installLastResort } = await import('./cli.js');
// No unhandled rejection reaches the user as a stack: it ends the run with one line, exit 1.
installLastResort(
  (message) => process.stderr.write(`hypernix: ${message}\n`),
  () => endProcess(1),
);
const code = await runCli(process.argv.slice(2));
// The command is done: end at once, without waiting for the event loop to empty (see endProcess;
// the heap's teardown alone is a noticeable part of a quick push on a VM).
await endProcess(code);
