import { afterEach, describe, expect, it } from 'vitest';
import { parseStateMarker } from '../../../src/core/state/state-marker.js';
import type { WireReply } from '../../support/anthropic-wire.js';
import { appBot } from '../../support/fake-github.js';
import { ALICE } from '../../support/github-journey.js';
import { draft } from '../../support/plan-fixtures.js';
import { git } from '../../support/temp-repo.js';
import {
  type ActionRepo,
  actionRepo,
  actionStep,
  commentPayload,
  labeledPayload,
  refsOf,
} from './action-kit.js';

/*
 * The review chain through the Action: the `review` label picks the chain, the Action plans the
 * issue (mode plan, issues.labeled), a maintainer approves, and the Action's execute job (mode
 * execute, issue_comment) runs inspect → report with the real model adapter against a local
 * Anthropic Messages API. It posts one comment with the findings, sets `maestro:reviewed`, and
 * makes no branch, no commit, no push and no pull request.
 */

let r: ActionRepo | undefined;
afterEach(async () => {
  await r?.dispose();
  r = undefined;
});

const FILES = {
  'src/sum.js':
    'export function sum(xs) {\n  let t = 0;\n  for (let i = 0; i < xs.length - 1; i++) t += xs[i];\n  return t;\n}\n',
  'test/sum.test.js': "import { test } from 'node:test';\ntest('loads', () => {});\n",
};

const PLAN = draft({
  understanding: 'Review `src/sum.js` for bugs.',
  questions: [],
  prd: {
    title: 'Review of sum',
    goal: 'Find the bugs in src/sum.js.',
    requirements: [
      {
        id: 'R1',
        title: 'Every bug in sum is reported',
        description: '',
        acceptance: ['each finding has file:line'],
        priority: 'must',
      },
    ],
    nonGoals: ['Changing any code'],
    affectedAreas: [{ path: 'src/sum.js', why: 'the code under review' }],
    risks: [],
  },
  // Readiness wants a task preview whatever the chain; the review's is its one reading task.
  taskPreview: {
    epics: [
      {
        id: 'E1',
        title: 'Review',
        tasks: [
          {
            id: 'T1',
            title: 'Read sum and report',
            dependsOn: [],
            category: 'security',
            requirements: ['R1'],
          },
        ],
      },
    ],
  },
});

const finding = {
  file: 'src/sum.js',
  line: 3,
  severity: 'high',
  what: 'sum drops the last element',
  why: 'the loop stops at length - 1, so sum([1, 2]) is 1; @maintainer Fixes #3',
};

function finish(findings: unknown[], summary: string): WireReply {
  return { tools: [{ name: 'finish', input: { summary, quality_score: 7, hints_for_next: '', findings } }] };
}

/** The bot's comments on the issue with the kind (and key) of their state marker. */
function botComments(repo: ActionRepo, issue: number) {
  return repo.fake
    .commentsOn(issue)
    .filter((c) => c.user.id === appBot.id)
    .map((c) => {
      const m = parseStateMarker(c.body);
      const state = m.kind === 'found' ? m.state : undefined;
      const key = (state?.data as { key?: string } | undefined)?.key;
      return { id: c.id, body: c.body, kind: state?.kind, key, status: state?.status };
    });
}

/** Plans the issue through the Action (mode plan), then approves it and runs the execute job. */
async function reviewThroughTheAction(replies: readonly WireReply[]) {
  r = await actionRepo(FILES, [{ object: PLAN }, ...replies]);
  const repo = r;
  const issue = repo.fake.addIssue({
    title: 'Look over the sum helper',
    body: 'Please go through src/sum.js and tell us what is wrong with it.',
    user: ALICE,
    labels: ['review'],
  });

  // The plan job: the trigger label → a plan with the review chain (from the `review` label).
  const planned = await actionStep(repo, 'issues', labeledPayload(repo, issue.number, 'maestro'), {
    mode: 'plan',
  });
  expect(planned.outputs.status).toBe('planned');
  const [plan] = botComments(repo, issue.number);
  expect(plan?.kind).toBe('plan');
  expect(plan?.body).toContain('**Chain:** `review` (label: review)');

  // What must stay as it is: the origin's refs, the checkout's commit and branches.
  const before = {
    origin: refsOf(repo.origin.path),
    head: git(repo.root, 'rev-parse', 'HEAD'),
    branches: git(repo.root, 'branch', '--list', '--format=%(refname)'),
    comments: new Set(repo.fake.commentsOn(issue.number).map((c) => c.id)),
    requests: repo.fake.log.length,
  };

  // The execute job: `/maestro approve` from a maintainer, mode execute.
  const approve = commentPayload(repo, issue.number, '/maestro approve');
  const executed = await actionStep(repo, 'issue_comment', approve, { mode: 'execute' });
  const added = botComments(repo, issue.number).filter((c) => !before.comments.has(c.id));
  return { repo, issue: issue.number, approveId: approve.comment.id, before, executed, added };
}

/** What every review run through the Action leaves: one comment, the label, nothing pushed. */
function expectReviewed(run: Awaited<ReturnType<typeof reviewThroughTheAction>>) {
  const { repo, issue, approveId, before, executed, added } = run;
  expect(repo.wire.unused).toBe(0);

  // The outcome and the step's outputs say reviewed: no branch, no PR.
  expect(executed.outcome).toMatchObject({ kind: 'executed', result: { status: 'reviewed', reasons: [] } });
  expect(executed.outcome.kind === 'executed' && executed.outcome.result.branch).toBeUndefined();
  expect(executed.outcome.kind === 'executed' && executed.outcome.result.pr).toBeUndefined();
  expect(executed.outputs).toMatchObject({
    status: 'reviewed',
    branch: '',
    'pr-number': '',
    'pr-url': '',
    issue: String(issue),
    reason: 'approve',
  });
  expect(Number(executed.outputs['input-tokens'])).toBeGreaterThan(0);

  // The run's new comments: the approval's reply, exactly one review comment, the tracking comment.
  const reviews = added.filter((c) => c.body.includes('Maestro review'));
  expect(reviews).toHaveLength(1);
  const review = reviews[0]!;
  expect(review.kind).toBe('notice');
  expect(review.key).toMatch(/^review:/);
  expect(added.map((c) => (c.kind === 'notice' ? `notice ${c.key?.split(':')[0]}` : c.kind)).sort()).toEqual([
    'notice reply',
    'notice review',
    'tracking',
  ]);
  expect(added.find((c) => c.kind === 'notice' && c.key === `reply:${approveId}`)).toBeDefined();
  expect(review.body).toContain('**No code was changed:** this review is read-only.');
  expect(executed.outcome.kind === 'executed' && executed.outcome.result.summary.trim()).toBe(
    review.body.replace(/<!-- maestro:state[\s\S]*$/, '').trim(),
  );

  // The status label.
  expect(repo.fake.issues.get(issue)?.labels.filter((l) => l.startsWith('maestro:'))).toEqual([
    'maestro:reviewed',
  ]);

  // No pull request, no push, no commit, no branch.
  const requests = repo.fake.log.slice(before.requests);
  expect(requests.filter((q) => q.method === 'POST' && /\/pulls$/.test(q.path))).toEqual([]);
  expect(repo.fake.pulls()).toEqual([]);
  expect(refsOf(repo.origin.path)).toBe(before.origin);
  expect(refsOf(repo.origin.path)).not.toContain('refs/heads/maestro/');
  expect(git(repo.root, 'rev-parse', 'HEAD')).toBe(before.head);
  expect(git(repo.root, 'branch', '--list', '--format=%(refname)')).toBe(before.branches);
  expect(git(repo.root, 'status', '--porcelain')).toBe('');

  // The tracking comment: one, reviewed, with the chain's steps.
  const tracking = botComments(repo, issue).filter((c) => c.kind === 'tracking');
  expect(tracking).toHaveLength(1);
  expect(tracking[0]!.status).toBe('reviewed');
  expect(tracking[0]!.body).toContain('review posted');
  expect(tracking[0]!.body).toMatch(/✅ `inspect`/);
  expect(tracking[0]!.body).toMatch(/✅ `report`/);
  return review.body;
}

describe('review chain through the Action (execute mode, after approval)', () => {
  it(
    'posts one comment with the findings, sets maestro:reviewed, and pushes nothing',
    {
      timeout: 120_000,
    },
    async () => {
      const run = await reviewThroughTheAction([
        { tools: [{ name: 'read_file', input: { path: 'src/sum.js' } }] },
        finish([finding], 'One real bug in sum.'),
      ]);
      const body = expectReviewed(run);

      expect(body).toContain('Maestro review');
      expect(body).toContain('`src/sum.js:3`');
      expect(body).toContain('sum drops the last element');
      expect(body).toContain('the loop stops at length - 1');
      expect(body).toContain('One real bug in sum.');
      expect(body).toContain('**1 finding**');
      // A mention in model text is never live, nor a closing keyword for another issue.
      expect(body).not.toMatch(/(^|[^`])@maintainer/);
      expect(body).not.toMatch(/(^|[^`])Fixes #3/);

      // The inspect turn was read-only: no write tool was offered to the agent.
      const inspect = run.repo.wire.requests.at(-1)!.body as { tools?: { name: string }[] };
      expect(inspect.tools?.map((t) => t.name)).toContain('finish');
      expect(inspect.tools?.map((t) => t.name)).not.toContain('write_file');
      expect(run.executed.summary).toContain('Maestro');
    },
  );

  it(
    'with no findings, says so in the one comment and still sets maestro:reviewed',
    {
      timeout: 120_000,
    },
    async () => {
      const run = await reviewThroughTheAction([finish([], 'The code looks fine.')]);
      const body = expectReviewed(run);

      expect(body).toContain('**0 findings**');
      expect(body).toContain('_The review found nothing to report._');
      expect(body).toContain('The code looks fine.');
      expect(body).not.toContain('`src/sum.js:');
    },
  );
});
