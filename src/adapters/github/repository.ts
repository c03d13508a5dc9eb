import { z } from 'zod';
import { parseOrThrow } from '../../core/parse.js';
import type { WorkflowDispatch, WorkflowRunState } from '../../ports/issue-host-port.js';
import type { GitHubContext } from './github-client.js';
import { statusOf, toGitHubApiError } from './github-errors.js';
import { requestOptions } from './request-options.js';

/* The repository itself: its default branch, its files and its workflows. */

const repositorySchema = z.object({ default_branch: z.string() });
const fileSchema = z.object({
  type: z.string(),
  sha: z.string(),
  encoding: z.string().optional(),
  content: z.string().optional(),
});

export async function fetchDefaultBranch(ctx: GitHubContext): Promise<string> {
  let data: unknown;
  try {
    const response = await ctx.client.request('GET /repos/{owner}/{repo}', {
      ...ctx.repo,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    throw toGitHubApiError(ctx, error, 'read the repository', 'Metadata: read');
  }
  return parseOrThrow(repositorySchema, data, 'GitHub repository').default_branch;
}

/** A file's text (base64 decoded as UTF-8) and blob sha; undefined when absent or not a file. */
export async function readFile(
  ctx: GitHubContext,
  path: string,
  ref?: string,
): Promise<{ text: string; sha: string } | undefined> {
  let data: unknown;
  try {
    const response = await ctx.client.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...ctx.repo,
      path,
      ...(ref === undefined ? {} : { ref }),
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw toGitHubApiError(ctx, error, `read ${path}`, 'Contents: read');
  }
  // A directory answers with an array; symlinks and submodules are not files either.
  if (Array.isArray(data)) return undefined;
  const file = parseOrThrow(fileSchema, data, `GitHub contents of ${path}`);
  if (file.type !== 'file') return undefined;
  if (file.encoding !== 'base64' || file.content === undefined) {
    // The contents API stops inlining files over 1 MB (`encoding: none`).
    throw toGitHubApiError(
      ctx,
      new Error(`${path} is too large for the contents API`),
      `read ${path}`,
      'Contents: read',
    );
  }
  return { text: Buffer.from(file.content, 'base64').toString('utf8'), sha: file.sha };
}

/**
 * Starts a workflow run. Not retried after an ambiguous failure: a second dispatch would start a
 * second run, so the caller decides (the run itself checks its approval and concurrency).
 */
export async function dispatchWorkflow(ctx: GitHubContext, dispatch: WorkflowDispatch): Promise<void> {
  try {
    await ctx.client.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
      ...ctx.repo,
      workflow_id: dispatch.workflow,
      ref: dispatch.ref,
      inputs: dispatch.inputs,
      ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 }),
    });
  } catch (error) {
    throw toGitHubApiError(
      ctx,
      error,
      `dispatch workflow ${dispatch.workflow} on ${dispatch.ref}`,
      'Actions: write',
    );
  }
}

/**
 * Cancels a run; 409 means it already finished, which is what cancelling wanted. Not retried:
 * plugin-retry would repeat the 409 three times (it is not in its do-not-retry list), and a
 * failed cancel is reported to the caller anyway.
 */
export async function cancelWorkflowRun(ctx: GitHubContext, runId: number): Promise<void> {
  try {
    await ctx.client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', {
      ...ctx.repo,
      run_id: runId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs, retries: 0 }),
    });
  } catch (error) {
    if (statusOf(error) === 409) {
      ctx.logger.info(`Workflow run ${runId} had already finished; nothing to cancel.`);
      return;
    }
    throw toGitHubApiError(ctx, error, `cancel workflow run ${runId}`, 'Actions: write');
  }
}

/** A commit's message (the checkpoint trailers say whether Maestro made it), or undefined if unknown. */
export async function commitMessage(ctx: GitHubContext, sha: string): Promise<string | undefined> {
  try {
    const { data } = await ctx.client.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      ...ctx.repo,
      ref: sha,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    const message = (data as { commit?: { message?: unknown } }).commit?.message;
    return typeof message === 'string' ? message : undefined;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 422) return undefined;
    throw toGitHubApiError(ctx, error, `read commit ${sha.slice(0, 12)}`, 'Contents: read');
  }
}

const workflowRunSchema = z.object({ status: z.string().nullable() });

/**
 * Whether a workflow run is still going. A run whose job died without a last word (an expired
 * token, a lost runner) still shows `running` in its tracking comment; GitHub knows better. Gone
 * (404) counts as ended; a token without `actions: read` (403) cannot tell.
 */
export async function workflowRunState(ctx: GitHubContext, runId: number): Promise<WorkflowRunState> {
  let data: unknown;
  try {
    const response = await ctx.client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
      ...ctx.repo,
      run_id: runId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    data = response.data;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410) return 'ended';
    if (status === 403) return 'unknown';
    throw toGitHubApiError(ctx, error, `read workflow run ${runId}`, 'Actions: read');
  }
  const { status } = parseOrThrow(workflowRunSchema, data, `GitHub workflow run ${runId}`);
  return status === 'completed' ? 'ended' : 'active';
}
