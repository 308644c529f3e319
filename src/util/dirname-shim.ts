import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// ssh2's poly1305 (compiled Emscripten) reads `__dirname`, which an ESM bundle does not define;
// import this module before anything that loads ssh2 (LAB.md: Node toolchain facts).
(globalThis as { __dirname?: string }).__dirname ??= dirname(fileURLToPath(import.meta.url));
