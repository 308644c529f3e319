import { endProcess } from '../../util/end-process.js';
import { runPhases } from '../dispatch.js';
import { main } from './main.js';

// One phase: the connections this action opens live and close within main.
await runPhases({ main });
await endProcess(Number(process.exitCode ?? 0));
