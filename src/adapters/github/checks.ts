import { z } from 'zod';
import type { CheckRunInfo } from '../../core/ci/check-runs.js';
import type { CheckAnnotation } from '../../core/ci/ci-failure-digest.js';
import type { GitHubContext } from './github-client.js';
import { statusOf, toGitHubApiError } from './github-errors.js';
import { requestOptions } from './request-options.js';

/*
 * The checks API, read-only (`checks: read`, and `actions: read` for job logs). Everything here is
 * printed by code on the branch, so the engine treats it as untrusted input.
 */

const CHECKS_READ = 'Checks: read';

const checkRunSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullish(),
  html_url: z.string().nullish(),
  app: z.object({ slug: z.string().nullish() }).nullish(),
});

const annotationSchema = z.object({
  path: z.string(),
  start_line: z.number().int().nullish(),
  annotation_level: z.string().nullish(),
  title: z.string().nullish(),
  message: z.string().nullish(),
});

/** Every check run on a commit (all pages). */
export async function listCheckRuns(ctx: GitHubContext, ref: string): Promise<CheckRunInfo[]> {
  let items: unknown[];
  try {
    items = await ctx.client.paginate('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      ...ctx.repo,
      ref,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `list the checks of ${ref.slice(0, 12)}`, CHECKS_READ);
  }
  return items.flatMap((item) => {
    const parsed = checkRunSchema.safeParse(item);
    if (!parsed.success) return [];
    const run = parsed.data;
    return [
      {
        id: run.id,
        name: run.name,
        status: run.status as CheckRunInfo['status'],
        conclusion: (run.conclusion ?? null) as CheckRunInfo['conclusion'],
        ...(run.html_url ? { url: run.html_url } : {}),
        ...(run.app?.slug ? { app: run.app.slug } : {}),
      },
    ];
  });
}

export async function listAnnotations(ctx: GitHubContext, checkRunId: number): Promise<CheckAnnotation[]> {
  let items: unknown[];
  try {
    items = await ctx.client.paginate('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', {
      ...ctx.repo,
      check_run_id: checkRunId,
      per_page: 100,
    });
  } catch (error) {
    throw toGitHubApiError(ctx, error, `read the annotations of check run ${checkRunId}`, CHECKS_READ);
  }
  return items.flatMap((item) => {
    const parsed = annotationSchema.safeParse(item);
    if (!parsed.success) return [];
    const a = parsed.data;
    const level =
      a.annotation_level === 'warning' || a.annotation_level === 'notice' ? a.annotation_level : 'failure';
    return [
      {
        path: a.path,
        ...(a.start_line ? { line: a.start_line } : {}),
        level,
        ...(a.title ? { title: a.title } : {}),
        message: a.message ?? '',
      },
    ];
  });
}

/**
 * A GitHub Actions job's log (the API redirects to a short-lived download URL, which the client
 * follows). Undefined when there is none to read: not an Actions check, expired, or no access.
 */
export async function jobLog(ctx: GitHubContext, jobId: number): Promise<string | undefined> {
  try {
    const response = await ctx.client.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      ...ctx.repo,
      job_id: jobId,
      ...requestOptions({ timeoutMs: ctx.timeoutMs }),
    });
    const data = response.data;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
    return undefined;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 403 || status === 410) return undefined;
    throw toGitHubApiError(ctx, error, `read the log of job ${jobId}`, 'Actions: read');
  }
}
