// The Action's entry (dist/index.js): run one step from the runner's environment (main.ts).
import { run } from './main.js';

await run();
