import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LabRegistry } from '../lab/registry.js';
import { CLI } from '../helpers/cli.js';
import { makeDockerArchive, randomLayer } from '../helpers/make-archive.js';
import { tempDir } from '../helpers/temp.js';

// The start-up budget at run time (test/unit/startup-budget.test.ts holds it over the source):
// the bundled `hypernix push` of an image the registry already holds, to Docker's distribution
// on loopback, with a preload that records which of Node's built-in modules the process loaded.

/** Built-ins a re-push that sends nothing must never load (see FORBIDDEN in the unit test). */
const FORBIDDEN_BUILTINS = ['http', 'https', 'tls'];

// The CLI ends its process by execve (src/util/end-process.ts), which skips 'exit' handlers: the
// preload writes Node's own list of loaded modules just before that call, or at 'exit' if the
// process ends the usual way.
const PRELOAD = `
const { writeFileSync } = require('node:fs');
const out = process.env.STARTUP_BUDGET_OUT;
let written = false;
const record = (how) => {
  if (written) return;
  written = true;
  writeFileSync(out, JSON.stringify({ how, modules: process.moduleLoadList }));
};
const execve = process.execve;
if (typeof execve === 'function')
  process.execve = function (...args) { record('execve'); return execve.apply(this, args); };
process.on('exit', () => record('exit'));
`;

let registry: LabRegistry;
let work: string;
let archive: string;

beforeAll(async () => {
  registry = await startRegistry();
  work = tempDir('startup-budget-');
  writeFileSync(join(work, 'preload.cjs'), PRELOAD);
  // A layer that deflates, one that does not (it goes up as it is), and a small one.
  archive = makeDockerArchive({
    layers: ['alpha'.repeat(20_000), randomLayer(300_000), 'gamma'],
  }).path;
});
afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Pushes with the bundled CLI under the preload; the built-ins it loaded, and how it ended. */
function recordedPush(reference: string): { how: string; builtins: Set<string> } {
  const out = join(work, `loaded-${reference.replace(/\W/g, '_')}.json`);
  const run = spawnSync(
    process.execPath,
    ['--require', join(work, 'preload.cjs'), CLI, 'push', archive, reference, '--plain-http'],
    { encoding: 'utf8', env: { ...process.env, STARTUP_BUDGET_OUT: out }, timeout: 60_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const { how, modules } = JSON.parse(readFileSync(out, 'utf8')) as {
    how: string;
    modules: string[];
  };
  const builtins = new Set(
    modules.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice(13)),
  );
  return { how, builtins };
}

describe('the start-up budget of hypernix push, at run time', () => {
  it('a first push loads what it needs to hash and deflate layers (the recorder sees them)', () => {
    const { how, builtins } = recordedPush(`${registry.host}/budget/app:1`);
    // The list is written at the execve that ends the process, after all the work.
    expect(how).toBe('execve');
    expect(builtins.has('net')).toBe(true);
    expect(builtins.has('crypto')).toBe(true);
    expect(builtins.has('zlib')).toBe(true);
  });

  it('a re-push of the unchanged image loads none of the forbidden built-ins', () => {
    const { how, builtins } = recordedPush(`${registry.host}/budget/app:1`);
    expect(how).toBe('execve');
    expect(builtins.has('net')).toBe(true); // it did talk to the registry
    expect(FORBIDDEN_BUILTINS.filter((name) => builtins.has(name))).toEqual([]);
  });
});
