import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../../src/action/event-router.js';
import { ValidationError } from '../../../src/core/errors.js';
import { webhookExamples } from './action-env.js';

const now = new Date('2026-01-02T03:04:05Z');
const codertocat = { login: 'Codertocat', id: 21031067, type: 'User' };

describe('event router: issues', () => {
  it.each(['labeled', 'unlabeled'] as const)('routes issues.%s with the label and sender', (action) => {
    for (const payload of webhookExamples('issues', action)) {
      const route = routeEvent('issues', payload, now);
      expect(route).toEqual({
        kind: 'event',
        event: {
          kind: action,
          issue: 1,
          label: 'bug',
          sender: codertocat,
          at: (payload.issue as { updated_at: string }).updated_at,
        },
      });
    }
  });

  it('routes issues.edited', () => {
    for (const payload of webhookExamples('issues', 'edited')) {
      expect(routeEvent('issues', payload, now)).toMatchObject({
        kind: 'event',
        event: { kind: 'edited', issue: 1, sender: codertocat },
      });
    }
  });

  it('has nothing to do for other issue actions', () => {
    for (const action of ['opened', 'reopened', 'assigned', 'milestoned', 'locked', 'transferred']) {
      for (const payload of webhookExamples('issues', action)) {
        expect(routeEvent('issues', payload, now)).toEqual({
          kind: 'nothing',
          reason: `nothing to do for event issues.${action}: only labeled, unlabeled and edited matter`,
        });
      }
    }
  });

  it('keeps only the three fields of an actor, never the rest of the payload', () => {
    const [payload] = webhookExamples('issues', 'labeled');
    const route = routeEvent('issues', payload, now);
    expect(route.kind === 'event' && Object.keys(route.event)).toEqual([
      'kind',
      'issue',
      'label',
      'sender',
      'at',
    ]);
  });
});

describe('event router: issue_comment', () => {
  it('routes a created comment with its author, times and url', () => {
    for (const payload of webhookExamples('issue_comment', 'created')) {
      expect(routeEvent('issue_comment', payload, now)).toEqual({
        kind: 'event',
        event: {
          kind: 'comment',
          issue: 1,
          isPullRequest: false,
          comment: {
            id: 492700400,
            body: (payload.comment as { body: string }).body,
            author: codertocat,
            createdAt: '2019-05-15T15:20:21Z',
            updatedAt: '2019-05-15T15:20:21Z',
            url: 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400',
          },
        },
      });
    }
  });

  it('marks comments on pull requests', () => {
    const [payload] = webhookExamples('issue_comment', 'created');
    (payload!.issue as Record<string, unknown>).pull_request = {
      url: 'https://api.github.com/repos/o/r/pulls/1',
    };
    const route = routeEvent('issue_comment', payload, now);
    expect(route).toMatchObject({ kind: 'event', event: { kind: 'comment', isPullRequest: true } });
  });

  it('ignores edited and deleted comments: commands count only when created', () => {
    for (const action of ['edited', 'deleted']) {
      for (const payload of webhookExamples('issue_comment', action)) {
        expect(routeEvent('issue_comment', payload, now)).toMatchObject({
          kind: 'nothing',
          reason: expect.stringContaining(`nothing to do for event issue_comment.${action}`),
        });
      }
    }
  });
});

describe('event router: pull_request_review', () => {
  it('routes a submitted review with the PR head branch', () => {
    for (const payload of webhookExamples('pull_request_review', 'submitted')) {
      expect(routeEvent('pull_request_review', payload, now)).toEqual({
        kind: 'event',
        event: {
          kind: 'review',
          pr: 2,
          head: 'changes',
          state: 'commented',
          reviewer: codertocat,
          body: '',
          reviewId: 237895671,
          at: '2019-05-15T15:20:38Z',
        },
      });
    }
  });

  it('lower-cases the review state (GraphQL spells it CHANGES_REQUESTED)', () => {
    const [payload] = webhookExamples('pull_request_review', 'submitted');
    (payload!.review as Record<string, unknown>).state = 'CHANGES_REQUESTED';
    (payload!.review as Record<string, unknown>).body = 'please fix the tests';
    expect(routeEvent('pull_request_review', payload, now)).toMatchObject({
      event: { state: 'changes_requested', body: 'please fix the tests' },
    });
  });

  it('has nothing to do for dismissed reviews or unknown states', () => {
    const [dismissed] = webhookExamples('pull_request_review', 'dismissed');
    expect(routeEvent('pull_request_review', dismissed, now).kind).toBe('nothing');
    const [odd] = webhookExamples('pull_request_review', 'submitted');
    (odd!.review as Record<string, unknown>).state = 'pending';
    expect(routeEvent('pull_request_review', odd, now)).toMatchObject({
      kind: 'nothing',
      reason: expect.stringContaining('unknown review state "pending"'),
    });
  });
});

describe('event router: other events and malformed payloads', () => {
  it('has nothing to do for events Maestro does not handle', () => {
    for (const name of ['push', 'pull_request', 'schedule']) {
      expect(routeEvent(name, {}, now)).toEqual({
        kind: 'nothing',
        reason: `nothing to do for event ${name}: Maestro handles issues, issue_comment, pull_request_review, pull_request_review_comment, check_suite, workflow_run and workflow_dispatch`,
      });
    }
  });

  it('rejects a payload that does not match its event', () => {
    expect(() => routeEvent('issues', { action: 'labeled' }, now)).toThrow(ValidationError);
    expect(() => routeEvent('issue_comment', { action: 'created', issue: { number: 'x' } }, now)).toThrow(
      /event payload \(issue_comment\)/,
    );
  });
});

describe('event router: workflow_dispatch', () => {
  const dispatch = (inputs: Record<string, unknown> | null) => {
    const [payload] = webhookExamples('workflow_dispatch');
    return { ...payload, inputs, sender: codertocat };
  };
  const approved = { issue: '12', 'approval-comment-id': '4567890123', 'prd-hash': 'a1b2c3d4e5f6' };

  it('turns approval inputs into an execute request', () => {
    expect(routeEvent('workflow_dispatch', dispatch(approved), now)).toEqual({
      kind: 'execute',
      request: { issue: 12, approvalCommentId: 4567890123, prdHash: 'a1b2c3d4e5f6', reason: 'approve' },
    });
  });

  it('carries reason, fix and pr for a fix iteration', () => {
    const inputs = {
      ...approved,
      reason: 'fix',
      fix: 'the login test fails',
      'pr-number': '34',
      mode: 'execute',
    };
    expect(routeEvent('workflow_dispatch', dispatch(inputs), now)).toEqual({
      kind: 'execute',
      request: {
        issue: 12,
        approvalCommentId: 4567890123,
        prdHash: 'a1b2c3d4e5f6',
        reason: 'fix',
        fix: 'the login test fails',
        pr: 34,
      },
    });
  });

  it('treats empty optional inputs as absent', () => {
    const inputs = { ...approved, reason: '', fix: '', 'pr-number': '', mode: '' };
    expect(routeEvent('workflow_dispatch', dispatch(inputs), now)).toMatchObject({
      request: { reason: 'approve' },
    });
  });

  it('turns mode plan with an issue into a planning request by the dispatcher', () => {
    expect(routeEvent('workflow_dispatch', dispatch({ issue: '7', mode: 'plan' }), now)).toEqual({
      kind: 'plan',
      issue: 7,
      sender: codertocat,
      at: now.toISOString(),
    });
  });

  it('turns mode plan with a comment id into the round that comment asks for', () => {
    expect(
      routeEvent('workflow_dispatch', dispatch({ issue: '7', mode: 'plan', 'comment-id': '901' }), now),
    ).toEqual({ kind: 'plan', issue: 7, sender: codertocat, at: now.toISOString(), commentId: 901 });
    expect(
      routeEvent('workflow_dispatch', dispatch({ issue: '7', mode: 'plan', 'comment-id': '' }), now),
    ).not.toHaveProperty('commentId');
  });

  it.each(['0', '-3', '9 ; id', '1e3', '$(id)'])('rejects mode plan with comment-id %j', (commentId) => {
    expect(() =>
      routeEvent('workflow_dispatch', dispatch({ issue: '7', mode: 'plan', 'comment-id': commentId }), now),
    ).toThrow(/^workflow_dispatch inputs: comment-id must be a positive whole number: /);
  });

  const rejected: Array<[string, Record<string, unknown> | null, RegExp]> = [
    ['no inputs at all', null, /issue is missing; approval-comment-id is missing; prd-hash is missing/],
    ['a missing approval', { issue: '12', 'prd-hash': 'a1b2c3d' }, /approval-comment-id is missing/],
    ['a missing hash', { issue: '12', 'approval-comment-id': '5' }, /prd-hash is missing/],
    ['a non-numeric issue', { ...approved, issue: 'twelve' }, /issue must be a positive whole number/],
    ['a zero issue', { ...approved, issue: '0' }, /issue must be a positive whole number/],
    ['a negative comment id', { ...approved, 'approval-comment-id': '-5' }, /approval-comment-id must be/],
    ['an upper-case hash', { ...approved, 'prd-hash': 'A1B2C3D4' }, /prd-hash must be 7 to 64 lowercase hex/],
    ['a short hash', { ...approved, 'prd-hash': 'abc' }, /prd-hash must be/],
    ['shell metacharacters in the issue', { ...approved, issue: '1; rm -rf /' }, /issue must be/],
    [
      'a command substitution in the hash',
      { ...approved, 'prd-hash': '$(touch /tmp/pwned)' },
      /prd-hash must be/,
    ],
    [
      'a newline in the comment id',
      { ...approved, 'approval-comment-id': '5\nmalicious' },
      /approval-comment-id/,
    ],
    ['a huge number', { ...approved, issue: '99999999999999999999' }, /issue must be/],
    [
      'an unknown reason',
      { ...approved, reason: 'deploy' },
      /reason must be approve, resume, fix, ci-fix or review/,
    ],
    [
      'a non-numeric pr',
      { ...approved, 'pr-number': '3 && curl evil' },
      /pr-number must be a positive whole number/,
    ],
    ['an unknown mode', { ...approved, mode: 'shell' }, /mode must be plan or execute/],
    ['an over-long fix', { ...approved, reason: 'fix', fix: 'x'.repeat(1001) }, /fix is longer than 1000/],
  ];

  it.each(rejected)('rejects %s before anything runs', (_name, inputs, message) => {
    let error: unknown;
    try {
      routeEvent('workflow_dispatch', dispatch(inputs), now);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(
      /^workflow_dispatch inputs: .*Maestro executes only an approved plan/s,
    );
  });

  it('rejects mode plan without a valid issue', () => {
    expect(() => routeEvent('workflow_dispatch', dispatch({ mode: 'plan' }), now)).toThrow(
      'workflow_dispatch inputs: issue is missing: mode plan plans one issue; dispatch with its number.',
    );
    expect(() => routeEvent('workflow_dispatch', dispatch({ mode: 'plan', issue: '$(id)' }), now)).toThrow(
      /issue must be a positive whole number/,
    );
  });

  it('never echoes an input value in its error', () => {
    expect(() =>
      routeEvent('workflow_dispatch', dispatch({ ...approved, issue: '1; rm -rf /' }), now),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining('rm -rf') }));
  });
});

describe('event router: after the PR opens', () => {
  it('routes check_suite.completed and workflow_run.completed on a Maestro branch to checks', () => {
    for (const payload of webhookExamples('check_suite', 'completed')) {
      const suite = payload.check_suite as { head_branch: string | null; head_sha: string };
      suite.head_branch = 'maestro/issue-7-x';
      expect(routeEvent('check_suite', payload, now)).toMatchObject({
        kind: 'event',
        event: { kind: 'checks', source: 'check_suite', head: 'maestro/issue-7-x', headSha: suite.head_sha },
      });
    }
    for (const payload of webhookExamples('workflow_run', 'completed')) {
      const run = payload.workflow_run as {
        head_branch: string;
        path: string;
        head_repository: { id: number };
      };
      run.head_branch = 'maestro/issue-7-x';
      run.path = '.github/workflows/ci.yml';
      run.head_repository.id = (payload.repository as { id: number }).id;
      expect(routeEvent('workflow_run', payload, now)).toMatchObject({
        kind: 'event',
        event: { kind: 'checks', source: 'workflow_run', head: 'maestro/issue-7-x' },
      });
      // A fork's run, or Maestro's own workflow, is nothing to act on.
      run.path = '.github/workflows/maestro.yml';
      expect(routeEvent('workflow_run', payload, now)).toMatchObject({ kind: 'nothing' });
    }
  });

  it('routes pull_request_review_comment.created to its review', () => {
    for (const payload of webhookExamples('pull_request_review_comment', 'created')) {
      expect(routeEvent('pull_request_review_comment', payload, now)).toMatchObject({
        kind: 'event',
        event: { kind: 'review-comment', pr: 2, head: 'changes', reviewId: 237895671, author: codertocat },
      });
    }
  });

  it('refuses a malformed check_suite payload instead of guessing', () => {
    expect(() =>
      routeEvent('check_suite', { action: 'completed', check_suite: { head_sha: 'x; rm -rf /' } }, now),
    ).toThrow(ValidationError);
  });
});

describe('event router: reviews from forks', () => {
  it('drops a review on a pull request whose head is a fork (it could name a maestro/ branch)', () => {
    for (const payload of webhookExamples('pull_request_review', 'submitted')) {
      const pr = payload.pull_request as { head: { ref: string; repo: { id: number } } };
      pr.head.ref = 'maestro/issue-7-x';
      expect(routeEvent('pull_request_review', payload, now)).toMatchObject({ kind: 'event' });
      pr.head.repo.id = 1;
      expect(routeEvent('pull_request_review', payload, now)).toMatchObject({ kind: 'nothing' });
    }
  });
});
