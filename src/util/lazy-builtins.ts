import { createRequire } from 'node:module';

// Built-ins that a push to a registry may never use, or uses only once the registry is
// answering, are loaded on first use instead of at start-up: a push that has nothing to send is
// mostly start-up, and loading node:crypto took 10 to 25 ms here, node:child_process 2 to 6 ms,
// node:zlib 5 to 7 ms.
const require = createRequire(import.meta.url);

export const childProcess = () =>
  require('node:child_process') as typeof import('node:child_process');

let loadedCrypto: typeof import('node:crypto') | undefined;

export const crypto = () =>
  (loadedCrypto ??= require('node:crypto') as typeof import('node:crypto'));

/** Whether node:crypto has been loaded (by crypto()) yet. */
export const cryptoLoaded = () => loadedCrypto !== undefined;

export const zlib = () => require('node:zlib') as typeof import('node:zlib');
