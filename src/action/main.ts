// The Action as GitHub's typescript-action template shapes it: `run()` is exported so
// `npx @github/local-action run . src/action/main.ts .env.action` can drive it from a laptop;
// `run.ts` (the bundle's entry) just calls it. The runner's environment is read here and only here.
import { failStepOn, runAction } from './runner.js';

/** One step of the Action from `process.env`; a failed outcome fails the step (exit code 1). */
export async function run(): Promise<void> {
  failStepOn(await runAction(process.env));
}
