/**
 * The engine's edges for the job-thread tests, as a module the job thread imports (functions cannot
 * be posted to a thread). A comment's body says what the "engine" does: `burn <ms>` holds its event
 * loop for that long (synchronous CPU work, as JSON parsing or discovery would), `crash` ends the
 * thread it runs on, `sleep <ms>` waits without holding anything; every job names the thread it
 * ran on in its reason, which the App logs.
 */
import { threadId } from 'node:worker_threads';
import type { RepoTarget } from '../../../src/app/github-deps.js';
import type { GitHubDeps } from '../../../src/engine/github/github-deps.js';
import type { Handled, IssueEvent } from '../../../src/engine/github/issue-events.js';

export function depsFor(target: RepoTarget): GitHubDeps {
  return { host: {}, logger: target.logger } as unknown as GitHubDeps;
}

export async function handle(event: IssueEvent, deps: GitHubDeps): Promise<Handled> {
  const body = event.kind === 'comment' ? event.comment.body : '';
  const [command, value] = body.split(' ');
  const id = event.kind === 'comment' ? event.comment.id : 0;
  deps.logger.info(`job ${id} started on thread ${threadId}`);
  if (command === 'burn') {
    const until = Date.now() + Number(value);
    while (Date.now() < until) {
      // Holding the event loop on purpose.
    }
  }
  if (command === 'sleep') await new Promise((resolve) => setTimeout(resolve, Number(value)));
  if (command === 'crash') process.exit(3);
  return { kind: 'ignored', reason: `job ${id} ran on thread ${threadId}` };
}
