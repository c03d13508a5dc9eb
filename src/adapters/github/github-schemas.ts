import { z } from 'zod';
import { parseOrThrow } from '../../core/parse.js';
import type { Actor, IssueComment, IssueData, PullRequestData } from '../../ports/issue-host-port.js';

/*
 * The fields Maestro reads from GitHub's REST responses, parsed once at the edge. Objects are not
 * strict: GitHub adds fields freely. A deleted account shows as `user: null` ("ghost").
 */

const GHOST: Actor = { login: 'ghost', id: 10137, type: 'User' };

export const actorSchema = z.object({ login: z.string(), id: z.number().int(), type: z.string() });

const commentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  user: actorSchema.nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
});

const labelSchema = z.union([z.string(), z.object({ name: z.string() })]);

const issueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  labels: z.array(labelSchema).default([]),
  user: actorSchema.nullish(),
  state: z.enum(['open', 'closed']),
  html_url: z.string(),
  pull_request: z.unknown().optional(),
});

export const pullRequestSchema = z.object({
  number: z.number().int(),
  node_id: z.string(),
  html_url: z.string(),
  draft: z.boolean().nullish(),
  state: z.enum(['open', 'closed']),
  head: z.object({ ref: z.string(), sha: z.string().optional() }),
  base: z.object({ ref: z.string(), sha: z.string().optional() }),
});
export type RawPullRequest = z.infer<typeof pullRequestSchema>;

export function toComment(value: unknown, source = 'GitHub issue comment'): IssueComment {
  const raw = parseOrThrow(commentSchema, value, source);
  return {
    id: raw.id,
    body: raw.body ?? '',
    author: raw.user ?? GHOST,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    url: raw.html_url,
  };
}

export function toIssue(value: unknown, source = 'GitHub issue'): IssueData {
  const raw = parseOrThrow(issueSchema, value, source);
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? '',
    labels: raw.labels.map((label) => (typeof label === 'string' ? label : label.name)),
    author: raw.user ?? GHOST,
    state: raw.state,
    url: raw.html_url,
    isPullRequest: raw.pull_request !== undefined && raw.pull_request !== null,
  };
}

export function toRawPullRequest(value: unknown, source = 'GitHub pull request'): RawPullRequest {
  return parseOrThrow(pullRequestSchema, value, source);
}

export function toPullRequest(raw: RawPullRequest): PullRequestData {
  return {
    number: raw.number,
    url: raw.html_url,
    draft: raw.draft ?? false,
    head: raw.head.ref,
    base: raw.base.ref,
    state: raw.state,
    ...(raw.head.sha ? { headSha: raw.head.sha } : {}),
    ...(raw.base.sha ? { baseSha: raw.base.sha } : {}),
  };
}

export function labelNames(value: unknown, source: string): string[] {
  return parseOrThrow(z.array(labelSchema), value, source).map((l) => (typeof l === 'string' ? l : l.name));
}

/* Issue events: only the fields of `labeled` events matter; other events have no `label`. */
const issueEventSchema = z.object({
  event: z.string(),
  actor: actorSchema.nullish(),
  created_at: z.string(),
  label: z.object({ name: z.string() }).nullish(),
});

export function labelEvents(value: unknown, source: string): Array<z.infer<typeof issueEventSchema>> {
  return parseOrThrow(z.array(issueEventSchema), value, source);
}
