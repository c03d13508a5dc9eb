import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepRecord } from '../../../src/core/state/step-record.js';
import { draft } from '../../support/plan-fixtures.js';
import { git } from '../../support/temp-repo.js';
import { type ChainRun, KEY, nodeProject, runChain, writesAndFinishes } from './chain-kit.js';

let repo: ReturnType<typeof nodeProject> | undefined;
afterEach(() => repo?.dispose());

const buggy =
  'export function sum(xs) {\n  let t = 0;\n  for (let i = 0; i < xs.length - 1; i++) t += xs[i];\n  return t;\n}\n';
const fixed =
  'export function sum(xs) {\n  let t = 0;\n  for (let i = 0; i < xs.length; i++) t += xs[i];\n  return t;\n}\n';
const reproducingTest = [
  "import { test } from 'node:test';",
  "import assert from 'node:assert/strict';",
  "import { sum } from '../src/sum.js';",
  '',
  "test('sum adds every element', () => {",
  '  assert.equal(sum([1, 2, 3]), 6);',
  '});',
  '',
].join('\n');

const plan = draft({
  questions: [],
  understanding: 'sum() drops the last element.',
  prd: {
    title: 'sum adds every element',
    goal: 'sum([1, 2, 3]) is 6, not 3.',
    requirements: [
      {
        id: 'R1',
        title: 'sum adds every element',
        description: 'sum() returns the total of every element of the list.',
        acceptance: ['sum([1, 2, 3]) is 6'],
        priority: 'must',
      },
    ],
    nonGoals: [],
    affectedAreas: [{ path: 'src/sum.js', why: 'the loop' }],
    risks: [],
  },
  taskPreview: {
    epics: [
      {
        id: 'E1',
        title: 'Fix sum',
        tasks: [
          { id: 'T1', title: 'Fix the loop bound', category: 'backend', dependsOn: [], requirements: ['R1'] },
        ],
      },
    ],
  },
});

/** The generated tasks: the same ids as the approved preview, so there is no plan drift. */
const tasks = {
  epics: [
    {
      id: 'E1',
      title: 'Fix sum',
      tasks: [
        {
          id: 'T1',
          title: 'Fix the loop bound',
          description: 'The loop in src/sum.js stops one short; iterate over every element.',
          category: 'backend',
          dependsOn: [],
          files: ['src/sum.js'],
          acceptance: ['sum([1, 2, 3]) is 6'],
          requirements: ['R1'],
        },
      ],
    },
  ],
};

const analysed = {
  summary: 'The loop in sum (src/sum.js) stops at length - 1; test/sum.test.js shows it.',
  quality_score: 8,
  hints_for_next: 'iterate while i < xs.length',
};

/** Generated tasks, then T1's agent fixes the loop. */
const implementFix = [{ object: tasks }, ...writesAndFinishes({ 'src/sum.js': fixed })];

function project(validatePrd: boolean) {
  return nodeProject({
    'src/sum.js': buggy,
    'test/other.test.js': "import { test } from 'node:test';\ntest('loads', () => {});\n",
    ...(validatePrd ? {} : { '.github/maestro.yml': 'validation:\n  validate_prd: false\n' }),
  });
}

interface SavedState {
  branch: string;
  baseSha: string;
  steps: StepRecord[];
}

function savedState(root: string): SavedState {
  const sessions = join(root, '.maestro', 'sessions');
  const [id] = readdirSync(sessions);
  return JSON.parse(readFileSync(join(sessions, id!, 'run-state.json'), 'utf8')) as SavedState;
}

/** The branch's commits after the base, oldest first, each with its subject and the files it touched. */
function commitsAfter(root: string, state: SavedState): { subject: string; files: string[] }[] {
  const shas = git(root, 'rev-list', '--reverse', `${state.baseSha}..${state.branch}`)
    .split('\n')
    .filter(Boolean);
  return shas.map((sha) => ({
    subject: git(root, 'log', '-1', '--format=%s', sha),
    files: git(root, 'diff-tree', '--no-commit-id', '--name-only', '-r', sha).split('\n').filter(Boolean),
  }));
}

function expectStepsDone(run: ChainRun, state: SavedState): void {
  expect(state.steps.map((s) => [s.id, s.status])).toEqual([
    ['analyse', 'done'],
    ['implement', 'done'],
    ['verify', 'done'],
    ['handoff', 'done'],
  ]);
  expect(run.stdout).toContain('## Chain steps');
  for (const [n, id] of ['analyse', 'implement', 'verify'].entries())
    expect(run.stdout).toMatch(new RegExp(`\\| ${n + 1} \\| \`${id}\` \\| ✅ done \\|`));
}

describe('fix chain through the CLI', () => {
  it('reproduces the bug with a test that is red on the base commit, then green after the fix', async () => {
    repo = project(true);
    const run = await runChain(
      repo.root,
      'fix',
      'Fix sum dropping the last element',
      [
        // analyse: the agent writes the reproducing test (test files only).
        ...writesAndFinishes({ 'test/sum.test.js': reproducingTest }, analysed),
        // implement: tasks, then the fix.
        ...implementFix,
        // verify: the gates pass; the requirement check (validation.validate_prd is on by default).
        {
          object: {
            checks: [{ requirement: 'R1', status: 'met', evidence: 'test/sum.test.js passes', gaps: '' }],
          },
        },
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    // plan, analyse ×2, generate-tasks, T1 ×2, check-requirements.
    expect(run.wire.requests).toHaveLength(7);
    expect(run.wire.requests.at(-1)!.body.tools).toBeUndefined();
    expect(JSON.stringify(run.wire.requests.at(-1)!.body)).toContain('checks');

    // The report: every step done, red on the base commit with the output folded, green after.
    const state = savedState(repo.root);
    expectStepsDone(run, state);
    expect(run.stdout).toContain('Autonomous implementation complete!');
    expect(run.stdout).toContain(
      '**Reproducing test (`test/sum.test.js`):** 🔴 fails on the base commit: `sum adds every element`; 🟢 passes after the fix',
    );
    const folded = run.stdout.match(
      /<details>\n<summary>Failing output on the base commit<\/summary>\n\n([\s\S]*?)\n<\/details>/,
    );
    expect(folded).not.toBeNull();
    expect(folded![1]).toContain('not ok 2 - sum adds every element');
    expect(folded![1]).toContain('3 !== 6');
    expect(run.stdout).toContain('| **R1** sum adds every element | `T1` | `src/sum.js` | — | ✅ met |');

    // The branch: the reproducing test is committed before the fix, each touching only its file.
    expect(state.branch).toMatch(/^maestro\//);
    expect(commitsAfter(repo.root, state)).toEqual([
      { subject: 'test: reproduce the bug with a failing test', files: ['test/sum.test.js'] },
      { subject: 'fix: fix the loop bound', files: ['src/sum.js'] },
    ]);
    expect(git(repo.root, 'show', `${state.branch}:src/sum.js`)).toBe(fixed.trim());

    // run-state.json: red then green recorded on the analyse step.
    const reproduction = state.steps[0]!.reproduction!;
    expect(reproduction.status).toBe('reproduced');
    expect(reproduction.tests).toEqual(['test/sum.test.js']);
    expect(reproduction.failures).toEqual(['sum adds every element']);
    expect(reproduction.greenAfterFix).toBe(true);
    expect(state.steps[0]!.summary).toBe(analysed.summary);
    expect(state.steps[0]!.qualityScore).toBe(8);
    expect(JSON.stringify(state)).not.toContain(KEY);
  });

  it('refuses the analyse agent’s edit of production code and reports the blocked action', async () => {
    repo = project(false);
    const run = await runChain(
      repo.root,
      'fix',
      'Fix sum dropping the last element',
      [
        // analyse: the agent tries to fix the bug itself; only test files may change in this step.
        { tools: [{ name: 'write_file', input: { path: 'src/sum.js', content: fixed } }] },
        ...writesAndFinishes({ 'test/sum.test.js': reproducingTest }, analysed),
        ...implementFix,
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    // The refusal came back to the agent as an error result of its tool call.
    const afterRefusal = JSON.stringify(run.wire.requests[2]!.body);
    expect(afterRefusal).toContain('"is_error":true');
    expect(afterRefusal).toMatch(/only test files may change in this step/);

    // Analyse changed no production code: its commit holds the test only, on top of the buggy sum.
    const state = savedState(repo.root);
    const [analyseCommit, fixCommit] = commitsAfter(repo.root, state);
    expect(analyseCommit).toEqual({
      subject: 'test: reproduce the bug with a failing test',
      files: ['test/sum.test.js'],
    });
    expect(fixCommit!.files).toEqual(['src/sum.js']);
    const analyseSha = git(repo.root, 'rev-list', '--reverse', `${state.baseSha}..${state.branch}`).split(
      '\n',
    )[0]!;
    expect(git(repo.root, 'show', `${analyseSha}:src/sum.js`)).toBe(buggy.trim());
    // And so the test was red on the base code: the refused fix did not sneak in.
    expect(state.steps[0]!.reproduction?.status).toBe('reproduced');
    expect(state.steps[0]!.reproduction?.greenAfterFix).toBe(true);
    expectStepsDone(run, state);

    // The blocked attempt is in the report, with Maestro's description (not the payload).
    expect(run.stdout).toContain('## Recovery and security');
    expect(run.stdout).toContain('**Blocked by policy** (1):');
    expect(run.stdout).toContain('`protected-path` write src/sum.js (only test files may change)');
  });

  it('goes on to implement when no test can reproduce the bug, and says why', async () => {
    repo = project(false);
    const reason = 'The bug only shows with the production clock; no test can reproduce it.';
    const run = await runChain(
      repo.root,
      'fix',
      'Fix sum dropping the last element',
      [
        // analyse: reads, writes nothing, finishes with the reason.
        { tools: [{ name: 'read_file', input: { path: 'src/sum.js' } }] },
        {
          tools: [
            { name: 'finish', input: { summary: reason, quality_score: 5, hints_for_next: 'fix the loop' } },
          ],
        },
        ...implementFix,
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    expect(run.stdout).toContain(`**Reproducing test:** none — ${reason}`);
    expect(run.stdout).not.toContain('fails on the base commit');

    const state = savedState(repo.root);
    expectStepsDone(run, state);
    expect(state.steps[0]!.reproduction).toMatchObject({ status: 'no-test', tests: [], why: reason });
    expect(state.steps[0]!.reproduction?.greenAfterFix).toBeUndefined();
    // Only the fix was committed: analyse made no commit.
    expect(commitsAfter(repo.root, state)).toEqual([
      { subject: 'fix: fix the loop bound', files: ['src/sum.js'] },
    ]);
  });
});
