import { describe, expect, it } from 'vitest';
import type { CheckSuitePayload, WorkflowRunPayload } from '../../../src/adapters/github/checks-payloads.js';
import { semanticKey, serialKey } from '../../../src/app/event-keys.js';
import type { CheckSuiteCompletedPayload } from '../../../src/app/handlers/check-suite-completed.js';
import { type CommentCreatedPayload, commentEvent } from '../../../src/app/handlers/issue-comment-created.js';
import { type EditedPayload, editedEvent } from '../../../src/app/handlers/issues-edited.js';
import { type LabeledPayload, labeledEvent } from '../../../src/app/handlers/issues-labeled.js';
import { type UnlabeledPayload, unlabeledEvent } from '../../../src/app/handlers/issues-unlabeled.js';
import type { ReviewCommentCreatedPayload } from '../../../src/app/handlers/pull-request-review-comment-created.js';
import {
  type ReviewSubmittedPayload,
  reviewEvent,
} from '../../../src/app/handlers/pull-request-review-submitted.js';
import type { WorkflowRunCompletedPayload } from '../../../src/app/handlers/workflow-run-completed.js';
import { example } from './webhook-support.js';

const codertocat = { login: 'Codertocat', id: 21031067, type: 'User' };
const repo = { owner: 'Codertocat', repo: 'Hello-World' };

describe('payload → IssueEvent, on GitHub recorded examples', () => {
  it('maps issues.labeled', () => {
    const event = labeledEvent(example<LabeledPayload>('issues', 'labeled'));
    expect(event).toEqual({
      kind: 'labeled',
      issue: 1,
      label: 'bug',
      sender: codertocat,
      at: '2019-05-15T15:20:18Z',
    });
    expect(serialKey(repo, event!)).toBe('codertocat/hello-world#1');
    expect(semanticKey(repo, event!)).toBe('labeled:codertocat/hello-world#1:bug:2019-05-15T15:20:18Z');
  });

  it('maps issues.unlabeled', () => {
    expect(unlabeledEvent(example<UnlabeledPayload>('issues', 'unlabeled'))).toEqual({
      kind: 'unlabeled',
      issue: 1,
      label: 'bug',
      sender: codertocat,
      at: '2019-05-15T15:20:26Z',
    });
  });

  it('maps issues.edited', () => {
    const event = editedEvent(example<EditedPayload>('issues', 'edited'));
    expect(event).toEqual({ kind: 'edited', issue: 1, sender: codertocat, at: '2019-05-15T15:20:18Z' });
    expect(semanticKey(repo, event!)).toBe('edited:codertocat/hello-world#1:2019-05-15T15:20:18Z');
  });

  it('maps issue_comment.created on an issue', () => {
    const event = commentEvent(example<CommentCreatedPayload>('issue_comment', 'created'));
    expect(event).toEqual({
      kind: 'comment',
      issue: 1,
      isPullRequest: false,
      comment: {
        id: 492700400,
        body: "You are totally right! I'll get this fixed right away.",
        author: codertocat,
        createdAt: '2019-05-15T15:20:21Z',
        updatedAt: '2019-05-15T15:20:21Z',
        url: 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400',
      },
    });
    expect(semanticKey(repo, event!)).toBe('comment:codertocat/hello-world:492700400');
  });

  it('marks a comment on a pull request', () => {
    const payload = example<CommentCreatedPayload>('issue_comment', 'created');
    (payload.issue as { pull_request?: unknown }).pull_request = { url: 'https://api.github.com/…/pulls/1' };
    expect(commentEvent(payload)).toMatchObject({ kind: 'comment', isPullRequest: true });
  });

  it('maps pull_request_review.submitted', () => {
    const event = reviewEvent(example<ReviewSubmittedPayload>('pull_request_review', 'submitted'));
    expect(event).toEqual({
      kind: 'review',
      pr: 2,
      head: 'changes',
      state: 'commented',
      reviewer: codertocat,
      body: '',
      reviewId: 237895671,
      at: '2019-05-15T15:20:38Z',
    });
    expect(serialKey(repo, event!)).toBe('codertocat/hello-world#2');
    expect(semanticKey(repo, event!)).toBe('review:codertocat/hello-world:237895671');
  });

  it('lower-cases a review state GitHub sends in capitals', () => {
    const payload = example<ReviewSubmittedPayload>('pull_request_review', 'submitted');
    (payload.review as { state: string }).state = 'CHANGES_REQUESTED';
    expect(reviewEvent(payload)).toMatchObject({ state: 'changes_requested' });
  });

  it('ignores reviews on pull requests from forks (their branch names prove nothing)', () => {
    const payload = example<ReviewSubmittedPayload>('pull_request_review', 'submitted');
    payload.pull_request.head.repo!.id = 999;
    expect(reviewEvent(payload)).toBeUndefined();
  });
});

describe('bots never reach the queue', () => {
  const asBot = <T extends { sender: { type: string } }>(payload: T): T => {
    payload.sender.type = 'Bot';
    return payload;
  };

  it.each([
    ['issues.labeled', () => labeledEvent(asBot(example<LabeledPayload>('issues', 'labeled')))],
    ['issues.unlabeled', () => unlabeledEvent(asBot(example<UnlabeledPayload>('issues', 'unlabeled')))],
    ['issues.edited', () => editedEvent(asBot(example<EditedPayload>('issues', 'edited')))],
    [
      'issue_comment.created',
      () => commentEvent(asBot(example<CommentCreatedPayload>('issue_comment', 'created'))),
    ],
    [
      'pull_request_review.submitted',
      () => reviewEvent(asBot(example<ReviewSubmittedPayload>('pull_request_review', 'submitted'))),
    ],
  ])('ignores %s from a Bot sender', (_name, map) => {
    expect(map()).toBeUndefined();
  });

  it('ignores a comment authored by a bot even when the sender looks human', () => {
    const payload = example<CommentCreatedPayload>('issue_comment', 'created');
    payload.comment.user!.type = 'Bot';
    expect(commentEvent(payload)).toBeUndefined();
  });

  it('ignores a review authored by a bot', () => {
    const payload = example<ReviewSubmittedPayload>('pull_request_review', 'submitted');
    payload.review.user!.type = 'Bot';
    expect(reviewEvent(payload)).toBeUndefined();
  });
});

describe('after the PR opens: checks and inline review comments, on GitHub recorded examples', () => {
  it('maps check_suite.completed on a Maestro branch, keeping the CI bot as sender', async () => {
    const { checkSuiteCompletedEvent } = await import('../../../src/app/handlers/check-suite-completed.js');
    const payload = example<CheckSuitePayload>('check_suite', 'completed');
    payload.check_suite.head_branch = 'maestro/issue-7-x';
    payload.check_suite.conclusion = 'failure';
    payload.sender = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
    const event = checkSuiteCompletedEvent(payload as unknown as CheckSuiteCompletedPayload);
    expect(event).toEqual({
      kind: 'checks',
      source: 'check_suite',
      head: 'maestro/issue-7-x',
      headSha: payload.check_suite.head_sha,
      conclusion: 'failure',
      pr: 2,
      sender: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      at: payload.check_suite.updated_at,
    });
    // Under the issue its branch names (not the PR), so its workflow_run twin queues behind it.
    expect(serialKey(repo, event!)).toBe('codertocat/hello-world#7');
    payload.check_suite.head_branch = null;
    expect(checkSuiteCompletedEvent(payload as unknown as CheckSuiteCompletedPayload)).toBeUndefined();
  });

  it('maps workflow_run.completed, and drops forks and Maestro’s own workflow', async () => {
    const { workflowRunCompletedEvent } = await import('../../../src/app/handlers/workflow-run-completed.js');
    const payload = example<WorkflowRunPayload & { workflow_run: { head_repository: { id: number } } }>(
      'workflow_run',
      'completed',
    );
    payload.workflow_run.head_branch = 'maestro/issue-7-x';
    payload.workflow_run.conclusion = 'failure';
    payload.workflow_run.path = '.github/workflows/ci.yml';
    expect(workflowRunCompletedEvent(payload as unknown as WorkflowRunCompletedPayload)).toBeUndefined(); // the example's run is from a fork
    payload.workflow_run.head_repository.id = payload.repository.id;
    expect(workflowRunCompletedEvent(payload as unknown as WorkflowRunCompletedPayload)).toMatchObject({
      kind: 'checks',
      source: 'workflow_run',
      head: 'maestro/issue-7-x',
      conclusion: 'failure',
    });
    payload.workflow_run.path = '.github/workflows/maestro.yml';
    expect(workflowRunCompletedEvent(payload as unknown as WorkflowRunCompletedPayload)).toBeUndefined();
  });

  it('maps pull_request_review_comment.created to its review, and drops forks', async () => {
    const { reviewCommentEvent } = await import(
      '../../../src/app/handlers/pull-request-review-comment-created.js'
    );
    const payload = example<ReviewCommentCreatedPayload>('pull_request_review_comment', 'created');
    const event = reviewCommentEvent(payload);
    expect(event).toEqual({
      kind: 'review-comment',
      pr: 2,
      head: 'changes',
      reviewId: 237895671,
      commentId: 284312630,
      author: codertocat,
      at: '2019-05-15T15:20:37Z',
    });
    // The comment and its review's submission are one request.
    expect(semanticKey(repo, event!)).toBe('review:codertocat/hello-world:237895671');
    payload.pull_request.head.repo!.id = 1;
    expect(reviewCommentEvent(payload)).toBeUndefined();
  });
});
