import { runPhases } from '../dispatch.js';
import { main } from './main.js';
import { post } from './post.js';

await runPhases({ main, post });
