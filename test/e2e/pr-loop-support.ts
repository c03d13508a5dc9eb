import { expect } from 'vitest';
import { parseStateMarker } from '../../src/core/state/state-marker.js';
import { executeApproved } from '../../src/engine/github/execute-approved.js';
import { handleIssueEvent } from '../../src/engine/github/handle-issue-event.js';
import { webhookExamples } from '../integration/action/action-env.js';
import { appBot, type FakeActor } from '../support/fake-github.js';
import { ALICE, commentEvent, demoSession, type Journey } from '../support/github-journey.js';
import { git } from '../support/temp-repo.js';

/*
 * The loop after the PR opens, shared by the App's and the Action-only end-to-end tests: the
 * recorded model session with one agent iteration per fix, the way to an open PR, GitHub's check
 * runs on a commit, and GitHub's recorded webhook payloads (`@octokit/webhooks-examples`) bent to
 * the fake repository, its Maestro branch and its commits.
 */

export const CI_BOT: FakeActor = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const INSTALLATION = 4242;

/** One post-PR iteration of the agent: the file it writes and the summary it finishes with. */
export interface FixTurn {
  path: string;
  content: string;
  summary: string;
}

/**
 * The demo session (plan, answer round, tasks, implementation, requirement check) and then, for
 * each fix, the agent's two turns on task `FIX<k>.T1` and the requirement check of its validation.
 */
export function sessionWithFixes(fixes: FixTurn[]): unknown {
  const session = demoSession() as { entries: Array<{ name: string }> };
  const check = session.entries.find((e) => e.name === 'check-requirements')!;
  const usage = { inputTokens: 800, outputTokens: 90, cachedInputTokens: 0, cacheWriteTokens: 0 };
  const turn = (k: number, toolCalls: unknown[]) => ({
    name: `implement:FIX${k}.T1`,
    phase: 'implementation',
    toolTurn: { text: '', toolCalls, finishReason: 'tool-calls' },
    usage,
    model: 'claude-sonnet-4-5',
  });
  const entries = fixes.flatMap((fix, i) => [
    turn(i + 1, [{ id: `w${i}`, name: 'write_file', input: { path: fix.path, content: fix.content } }]),
    turn(i + 1, [
      { id: `f${i}`, name: 'finish', input: { summary: fix.summary, quality_score: 8, hints_for_next: '' } },
    ]),
    check,
  ]);
  return { ...session, entries: [...session.entries, ...entries] };
}

/** Label, answer, approve and execute through the engine: the PR is open on a Maestro branch. */
export async function toPullRequest(j: Journey): Promise<{ issue: number; branch: string; pr: number }> {
  const issue = j.fake.addIssue({ ...j.issueText, user: ALICE, labels: ['enhancement'] });
  const at = j.fake.label(issue.number, 'maestro', ALICE);
  await handleIssueEvent(
    { kind: 'labeled', issue: issue.number, label: 'maestro', sender: ALICE, at },
    j.deps,
  );
  await handleIssueEvent(commentEvent(j, issue.number, 'Q1: Code points, please'), j.deps);
  const approved = await handleIssueEvent(commentEvent(j, issue.number, '/maestro approve'), j.deps);
  if (approved.kind !== 'execute') throw new Error(`expected execute, got ${JSON.stringify(approved)}`);
  const result = await executeApproved(approved.request, j.deps, await j.execution());
  expect(result.status).toBe('pr-open');
  return { issue: issue.number, branch: result.branch!, pr: result.pr!.number };
}

/**
 * What GitHub knows after a push: the PR's head and base are origin's branch heads, and their
 * commit messages answer `GET /commits/{sha}` (where Maestro reads a checkpoint's trailers).
 */
export function syncPull(j: Journey, branch: string, pr: number): { head: string; base: string } {
  const head = git(j.origin.path, 'rev-parse', `refs/heads/${branch}`);
  const base = git(j.origin.path, 'rev-parse', 'refs/heads/main');
  const pull = j.fake.issues.get(pr)!.pull!;
  pull.headSha = head;
  pull.baseSha = base;
  for (const sha of [head, base])
    j.fake.commits.set(sha, git(j.origin.path, 'log', '-1', '--format=%B', sha));
  return { head, base };
}

/** A person pushes a commit of their own to the branch on origin (a clone, a commit, a push). */
export function pushAsPerson(j: Journey, branch: string): void {
  const clone = j.origin.clone();
  git(clone, 'checkout', '-q', branch);
  git(clone, 'commit', '-q', '--allow-empty', '-m', 'Tweak the counter by hand');
  git(clone, 'push', '-q', 'origin', branch);
}

/** A check run as `GET /commits/{sha}/check-runs` lists it (GitHub Actions: its id is the job's). */
export function checkRun(id: number, name: string, conclusion: string | null, status = 'completed') {
  return {
    id,
    name,
    status,
    conclusion,
    html_url: `https://github.com/octo-org/widgets/runs/${id}`,
    app: { slug: 'github-actions' },
  };
}

/** GitHub's recorded repository object, renamed to the fake's repository. */
export function repository(j: Journey): Record<string, unknown> & { id: number } {
  const [example] = webhookExamples('check_suite', 'completed');
  const base = example!.repository as { id: number; owner: object };
  return {
    ...base,
    name: j.fake.repo,
    full_name: `${j.fake.owner}/${j.fake.repo}`,
    owner: { ...base.owner, login: j.fake.owner },
  };
}

interface Suite {
  branch: string;
  sha: string;
  conclusion: string;
  pr: number;
}

function pullRef(j: Journey, suite: Suite) {
  const repo = { id: repository(j).id, name: j.fake.repo };
  return {
    number: suite.pr,
    head: { ref: suite.branch, sha: suite.sha, repo },
    base: { ref: 'main', sha: j.fake.issues.get(suite.pr)?.pull?.baseSha ?? '0'.repeat(40), repo },
  };
}

/** `check_suite.completed` (GitHub's example), for this branch, commit and conclusion, sent by CI. */
export function checkSuitePayload(j: Journey, suite: Suite): Record<string, unknown> {
  const [payload] = webhookExamples('check_suite', 'completed');
  Object.assign(payload!.check_suite as object, {
    head_branch: suite.branch,
    head_sha: suite.sha,
    after: suite.sha,
    conclusion: suite.conclusion,
    updated_at: new Date().toISOString(),
    pull_requests: [pullRef(j, suite)],
  });
  return { ...payload, repository: repository(j), sender: CI_BOT, installation: { id: INSTALLATION } };
}

/** `workflow_run.completed` (GitHub's example) of the repository's CI workflow on this commit. */
export function workflowRunPayload(j: Journey, suite: Suite): Record<string, unknown> {
  const [payload] = webhookExamples('workflow_run', 'completed');
  const repo = repository(j);
  Object.assign(payload!.workflow_run as object, {
    name: 'CI',
    path: '.github/workflows/ci.yml',
    head_branch: suite.branch,
    head_sha: suite.sha,
    conclusion: suite.conclusion,
    updated_at: new Date().toISOString(),
    head_repository: {
      ...(payload!.workflow_run as { head_repository: object }).head_repository,
      id: repo.id,
    },
    pull_requests: [pullRef(j, suite)],
  });
  return { ...payload, repository: repo, sender: CI_BOT };
}

/** `pull_request_review.submitted` (GitHub's example): a `commented` review by `reviewer`. */
export function reviewPayload(
  j: Journey,
  review: { pr: number; branch: string; sha: string; id: number; reviewer: FakeActor },
): Record<string, unknown> {
  const [payload] = webhookExamples('pull_request_review', 'submitted');
  const repo = repository(j);
  Object.assign(payload!.review as object, {
    id: review.id,
    user: review.reviewer,
    state: 'commented',
    body: '',
    submitted_at: new Date().toISOString(),
    commit_id: review.sha,
  });
  const pull = payload!.pull_request as { head: { repo: object }; base: object };
  Object.assign(pull, {
    number: review.pr,
    head: { ...pull.head, ref: review.branch, sha: review.sha, repo: { ...pull.head.repo, id: repo.id } },
  });
  return { ...payload, repository: repo, sender: review.reviewer, installation: { id: INSTALLATION } };
}

/** `pull_request_review_comment.created` (GitHub's example): one inline comment of a review. */
export function reviewCommentPayload(
  j: Journey,
  c: { pr: number; branch: string; reviewId: number; id: number; body: string; author: FakeActor },
): Record<string, unknown> {
  const [payload] = webhookExamples('pull_request_review_comment', 'created');
  const repo = repository(j);
  Object.assign(payload!.comment as object, {
    id: c.id,
    body: c.body,
    user: c.author,
    pull_request_review_id: c.reviewId,
    in_reply_to_id: undefined,
    created_at: new Date().toISOString(),
  });
  const pull = payload!.pull_request as { head: { repo: object } };
  Object.assign(pull, {
    number: c.pr,
    head: { ...pull.head, ref: c.branch, repo: { ...pull.head.repo, id: repo.id } },
  });
  return { ...payload, repository: repo, sender: c.author, installation: { id: INSTALLATION } };
}

/** Maestro's comments on an issue or PR (the App's account), newest last. */
export function ownComments(j: Journey, issue: number): string[] {
  return j.fake
    .commentsOn(issue)
    .filter((c) => c.user.id === appBot.id)
    .map((c) => c.body);
}

/** The tracking comment's body and the view kept in its marker. */
export function tracking(j: Journey, issue: number): { body: string; view: Record<string, unknown> } {
  for (const c of j.fake.commentsOn(issue)) {
    if (c.user.id !== appBot.id) continue;
    const marker = parseStateMarker(c.body);
    if (marker.kind === 'found' && marker.state.kind === 'tracking')
      return { body: c.body, view: (marker.state.data?.view ?? {}) as Record<string, unknown> };
  }
  throw new Error(`no tracking comment on #${issue}`);
}
