/**
 * The webhook benchmark's "before": `npm start`'s server (lib/, rebuilt by the bench) with the
 * queued jobs on the webhook's own event loop, as the App ran them before the job thread
 * (`startAppServer(…, { jobThread: false })`). Same environment as `node lib/app/server.js`.
 */
import { appEnvironment } from '../../lib/app/app-environment.js';
import { startAppServer } from '../../lib/app/start-server.js';

const result = appEnvironment(process.env);
if (result.kind !== 'ok') throw new Error(result.problems.join('\n'));
const running = await startAppServer(result.env, { jobThread: false });
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
