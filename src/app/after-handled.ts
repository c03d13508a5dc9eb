import { dispatchInputs, type Handled } from '../engine/github/issue-events.js';
import { loadRepoConfig } from '../engine/github/repo-config.js';
import type { IssueHost } from '../ports/issue-host-port.js';
import type { Logger } from '../ports/logger-port.js';

const DEFAULT_WORKFLOW = 'maestro.yml';

/** What the App did with the engine's answer, for logs and tests. */
export type FollowUp =
  | { kind: 'none' }
  | { kind: 'dispatched'; workflow: string; ref: string; inputs: Record<string, string> }
  | { kind: 'cancelled-run'; runId: number };

/**
 * The App's half of an outcome: the engine decides, the App hands work to the Action
 * (architecture decision 1). Execution and Action-side planning start with `workflow_dispatch`
 * on the default branch; a cancel stops the running workflow (the runner turns it into SIGINT and
 * the run checkpoints).
 */
export async function afterHandled(
  handled: Handled,
  deps: { host: IssueHost; logger: Logger; workflow?: string },
): Promise<FollowUp> {
  switch (handled.kind) {
    case 'execute':
      return dispatch(deps, dispatchInputs(handled.request));
    case 'plan-in-action':
      return dispatch(deps, {
        issue: String(handled.issue),
        mode: 'plan',
        ...(handled.commentId === undefined ? {} : { 'comment-id': String(handled.commentId) }),
      });
    case 'cancelled':
      if (handled.runId === undefined) return { kind: 'none' };
      await deps.host.cancelWorkflowRun(handled.runId);
      deps.logger.info(`cancelled workflow run ${handled.runId}`);
      return { kind: 'cancelled-run', runId: handled.runId };
    default:
      return { kind: 'none' };
  }
}

async function dispatch(
  deps: { host: IssueHost; logger: Logger; workflow?: string },
  inputs: Record<string, string>,
): Promise<FollowUp> {
  const [workflow, ref] = await Promise.all([
    deps.workflow ?? workflowOf(deps.host),
    deps.host.defaultBranch(),
  ]);
  await deps.host.dispatchWorkflow({ workflow, ref, inputs });
  deps.logger.info(`dispatched ${workflow} on ${ref} for issue #${inputs.issue}`);
  return { kind: 'dispatched', workflow, ref, inputs };
}

/**
 * `github.workflow` from the default branch's `.github/maestro.yml`. An invalid file was already
 * reported by the engine (which would not have asked for a dispatch); the default keeps this
 * path total.
 */
async function workflowOf(host: IssueHost): Promise<string> {
  const config = await loadRepoConfig(host);
  return config.kind === 'ok' ? config.config.github.workflow : DEFAULT_WORKFLOW;
}
