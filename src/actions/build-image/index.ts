import { endProcess } from '../../util/end-process.js';
import { runPhases } from '../dispatch.js';
import { main } from './main.js';
import { post } from './post.js';

await runPhases({ main, post });
await endProcess(Number(process.exitCode ?? 0));
