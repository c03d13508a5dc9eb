import { describe, expect, it } from 'vitest';
import {
  type CheckSuitePayload,
  checkSuiteEvent,
  type WorkflowRunPayload,
  workflowRunEvent,
} from '../../../src/adapters/github/checks-payloads.js';
import { semanticKey, serialKey } from '../../../src/app/event-keys.js';
import type { ReviewCommentCreatedPayload } from '../../../src/app/handlers/pull-request-review-comment-created.js';
import { reviewCommentEvent } from '../../../src/app/handlers/pull-request-review-comment-created.js';

/*
 * The front doors' mapping for the events after a PR opens, on minimal payloads: the cases the
 * recorded examples do not show (several PRs, a fork's PR, no update time, a reply in a thread).
 */

const REPO_ID = 100;
const SHA = 'a'.repeat(40);
const ciBot = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const repo = { owner: 'octo-org', repo: 'octo-repo' };

function suite(over: Partial<CheckSuitePayload['check_suite']> = {}): CheckSuitePayload {
  return {
    check_suite: {
      head_branch: 'maestro/issue-7-x',
      head_sha: SHA,
      conclusion: 'failure',
      updated_at: '2026-01-02T03:04:05Z',
      pull_requests: [{ number: 8, base: { repo: { id: REPO_ID } } }],
      ...over,
    },
    repository: { id: REPO_ID },
    sender: ciBot,
  };
}

function run(over: Partial<WorkflowRunPayload['workflow_run']> = {}): WorkflowRunPayload {
  return {
    workflow_run: {
      head_branch: 'maestro/issue-7-x',
      head_sha: SHA,
      conclusion: 'failure',
      name: 'CI',
      path: '.github/workflows/ci.yml',
      updated_at: '2026-01-02T03:04:05Z',
      pull_requests: [{ number: 8, base: { repo: { id: REPO_ID } } }],
      head_repository: { id: REPO_ID },
      ...over,
    },
    repository: { id: REPO_ID },
    sender: ciBot,
  };
}

describe('check_suite.completed → checks', () => {
  it('keeps CI’s bot as the sender and names the PR', () => {
    const event = checkSuiteEvent(suite());
    expect(event).toEqual({
      kind: 'checks',
      source: 'check_suite',
      head: 'maestro/issue-7-x',
      headSha: SHA,
      conclusion: 'failure',
      pr: 8,
      sender: ciBot,
      at: '2026-01-02T03:04:05Z',
    });
    // Keyed by the issue the branch names, with or without a PR.
    expect(serialKey(repo, event!)).toBe('octo-org/octo-repo#7');
    expect(semanticKey(repo, event!)).toBe(
      `checks:octo-org/octo-repo:check_suite:${SHA}:2026-01-02T03:04:05Z`,
    );
  });

  it('takes the first PR whose base is this repository, and none when only other repositories’ PRs are named', () => {
    const elsewhere = { number: 3, base: { repo: { id: 999 } } };
    const here = { number: 8, base: { repo: { id: REPO_ID } } };
    expect(checkSuiteEvent(suite({ pull_requests: [elsewhere, here] }))).toMatchObject({ pr: 8 });
    const event = checkSuiteEvent(suite({ pull_requests: [elsewhere] }));
    expect(event).toBeDefined();
    expect(event).not.toHaveProperty('pr');
    // With or without a PR, the queue keys the event by the issue its branch names.
    expect(serialKey(repo, event!)).toBe('octo-org/octo-repo#7');
  });

  it('ignores a suite without a branch (GitHub sends null for a fork’s push) or from a fork’s head repository', () => {
    expect(checkSuiteEvent(suite({ head_branch: null }))).toBeUndefined();
    expect(checkSuiteEvent(suite({ head_repository: { id: 999 } }))).toBeUndefined();
    expect(checkSuiteEvent(suite({ head_repository: { id: REPO_ID } }))).toMatchObject({ kind: 'checks' });
  });

  it('has a stable time when the payload has none (a redelivery dedupes on it)', () => {
    expect(checkSuiteEvent(suite({ updated_at: null }))).toMatchObject({ at: '1970-01-01T00:00:00.000Z' });
  });
});

describe('workflow_run.completed → checks', () => {
  it('maps a CI run on a Maestro branch', () => {
    expect(workflowRunEvent(run())).toMatchObject({
      kind: 'checks',
      source: 'workflow_run',
      head: 'maestro/issue-7-x',
      headSha: SHA,
      pr: 8,
      sender: ciBot,
    });
  });

  it('ignores runs from forks and runs without a branch', () => {
    expect(workflowRunEvent(run({ head_repository: { id: 999 } }))).toBeUndefined();
    expect(workflowRunEvent(run({ head_branch: null }))).toBeUndefined();
  });

  it.each([
    '.github/workflows/maestro.yml',
    '.github/workflows/maestro-app.yml',
    '.github/workflows/maestro-ci-fix.yml',
    '.github/workflows/Maestro.yaml',
  ])('ignores the runs of Maestro’s own workflow %s', (path) => {
    expect(workflowRunEvent(run({ path }))).toBeUndefined();
  });

  it('keeps a CI workflow whose name merely contains maestro', () => {
    expect(workflowRunEvent(run({ path: '.github/workflows/test-maestro.yml' }))).toMatchObject({
      kind: 'checks',
    });
  });
});

describe('pull_request_review_comment.created → review-comment', () => {
  const alice = { login: 'alice', id: 7, type: 'User' };
  const payload = (
    comment: Record<string, unknown> = {},
    headRepo: number | null = REPO_ID,
  ): ReviewCommentCreatedPayload =>
    ({
      comment: {
        id: 55,
        pull_request_review_id: 44,
        user: alice,
        created_at: '2026-01-02T03:04:05Z',
        ...comment,
      },
      pull_request: {
        number: 8,
        head: { ref: 'maestro/issue-7-x', repo: headRepo === null ? null : { id: headRepo } },
      },
      repository: { id: REPO_ID },
      sender: alice,
    }) as unknown as ReviewCommentCreatedPayload;

  it('maps a new inline comment to its review', () => {
    expect(reviewCommentEvent(payload())).toEqual({
      kind: 'review-comment',
      pr: 8,
      head: 'maestro/issue-7-x',
      reviewId: 44,
      commentId: 55,
      author: alice,
      at: '2026-01-02T03:04:05Z',
    });
  });

  it('says when the comment answers another one', () => {
    expect(reviewCommentEvent(payload({ in_reply_to_id: 54 }))).toMatchObject({ inReplyTo: 54 });
  });

  it('drops bots, forks (or a deleted head repository) and comments outside a review', () => {
    expect(reviewCommentEvent(payload({ user: { ...ciBot } }))).toBeUndefined();
    expect(reviewCommentEvent(payload({}, 999))).toBeUndefined();
    expect(reviewCommentEvent(payload({}, null))).toBeUndefined();
    expect(reviewCommentEvent(payload({ pull_request_review_id: null }))).toBeUndefined();
  });
});
