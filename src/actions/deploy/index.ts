import { endProcess } from '../../util/end-process.js';
import { run } from './main.js';

await run();
await endProcess(Number(process.exitCode ?? 0));
