/**
 * `npm start`'s server for the job-thread tests (`node --import tsx …`): the real environment
 * checks, Probot's server, the queue and the job thread, with the engine's edges from
 * job-thread-setup.ts. MAESTRO_TEST_INLINE=1 runs the same jobs on the webhook's event loop
 * instead (the control the test compares with). Prints `READY <port>`; SIGTERM stops it.
 */
import { appEnvironment } from '../../../src/app/app-environment.js';
import { startAppServer } from '../../../src/app/start-server.js';
import * as setup from './job-thread-setup.js';

const result = appEnvironment(process.env);
if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
const running = await startAppServer(
  result.env,
  process.env.MAESTRO_TEST_INLINE === '1'
    ? { app: { handle: setup.handle, depsFor: setup.depsFor } }
    : {
        jobThread: { setup: new URL('./job-thread-setup.ts', import.meta.url).href },
        // A prefix of the test's own, in case the Redis is shared (MAESTRO_TEST_REDIS_URL).
        app: { redis: { prefix: process.env.MAESTRO_TEST_REDIS_PREFIX, pollMs: 50 } },
      },
);
process.stdout.write(`READY ${running.port}\n`);
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
