// The Action's post step (dist/post.js): clean up after the main step; never fails the job.
import { actionsLogger } from './actions-logger.js';
import { runPost } from './cleanup.js';

await runPost(process.env, actionsLogger);
