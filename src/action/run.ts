// The Action's entry (dist/index.js): run one step from the runner's environment; fail it if needed.
import { failStepOn, runAction } from './runner.js';

failStepOn(await runAction(process.env));
