// The Action's post step (dist/post.js): clean up after the main step; never fails the job.
// No @actions/core here: plain workflow commands keep this bundle a few kilobytes.
import { runPost } from './cleanup.js';
import { workflowCommandLogger } from './workflow-command-logger.js';

await runPost(
  process.env,
  workflowCommandLogger((text) => process.stdout.write(text)),
);
