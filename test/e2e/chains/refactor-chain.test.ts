import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepRecord } from '../../../src/core/state/step-record.js';
import { draft } from '../../support/plan-fixtures.js';
import { git } from '../../support/temp-repo.js';
import { type ChainRun, nodeProject, runChain, writesAndFinishes } from './chain-kit.js';

let repo: ReturnType<typeof nodeProject> | undefined;
afterEach(() => repo?.dispose());

const loop =
  'export function sum(xs) {\n  let t = 0;\n  for (let i = 0; i < xs.length; i++) t += xs[i];\n  return t;\n}\n';
const buggy = loop.replace('i < xs.length', 'i < xs.length - 1');
const reduced = 'export function sum(xs) {\n  return xs.reduce((t, x) => t + x, 0);\n}\n';

const header =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { sum } from '../src/sum.js';\n";
const addsAll = "\ntest('sum adds every element', () => {\n  assert.equal(sum([1, 2, 3]), 6);\n});\n";
const empty = "\ntest('sum of an empty list is 0', () => {\n  assert.equal(sum([]), 0);\n});\n";

const plan = draft({
  questions: [],
  understanding: 'Replace the loop in sum with reduce.',
  prd: {
    title: 'sum with reduce',
    goal: 'sum reads as one expression; behaviour unchanged.',
    requirements: [
      {
        id: 'R1',
        title: 'sum uses reduce',
        description: 'sum() is written with reduce and returns what it returned before.',
        acceptance: ['the existing tests pass unchanged'],
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
        title: 'Restructure sum',
        tasks: [
          {
            id: 'T1',
            title: 'Restructure sum with reduce',
            category: 'refactoring',
            dependsOn: [],
            requirements: ['R1'],
          },
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
      title: 'Restructure sum',
      tasks: [
        {
          id: 'T1',
          title: 'Restructure sum with reduce',
          description: 'Replace the for loop in src/sum.js with Array.prototype.reduce.',
          category: 'refactoring',
          dependsOn: [],
          files: ['src/sum.js'],
          acceptance: ['the existing tests pass unchanged'],
          requirements: ['R1'],
        },
      ],
    },
  ],
};

function project(sum: string) {
  return nodeProject({
    'src/sum.js': sum,
    'test/sum.test.js': header + addsAll + empty,
    'test/other.test.js': "import { test } from 'node:test';\ntest('loads', () => {});\n",
    '.github/maestro.yml': 'validation:\n  validate_prd: false\n',
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

function commitsAfter(root: string, state: SavedState): { subject: string; files: string[] }[] {
  const shas = git(root, 'rev-list', '--reverse', `${state.baseSha}..${state.branch}`)
    .split('\n')
    .filter(Boolean);
  return shas.map((sha) => ({
    subject: git(root, 'log', '-1', '--format=%s', sha),
    files: git(root, 'diff-tree', '--no-commit-id', '--name-only', '-r', sha).split('\n').filter(Boolean),
  }));
}

function steps(state: SavedState): [string, string][] {
  return state.steps.map((s) => [s.id, s.status]);
}

function expectStopped(run: ChainRun): void {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  expect(run.wire.unused).toBe(0);
  expect(run.stdout).toContain('Run stopped (step-failed)');
  expect(run.stdout).toContain('**Outcome:** ⏹️');
}

describe('refactor chain through the CLI', () => {
  it('refuses to start on a red baseline: no model call after planning, no commit', async () => {
    repo = project(buggy);
    const base = git(repo.root, 'rev-parse', 'HEAD');
    const run = await runChain(repo.root, 'refactor', 'Restructure sum with reduce', [], plan);

    expectStopped(run);
    // Only the plan was asked for: no task generation, no agent.
    expect(run.wire.requests).toHaveLength(1);
    const state = savedState(repo.root);
    expect(steps(state)).toEqual([
      ['gates-before', 'failed'],
      ['implement', 'skipped'],
      ['gates-after', 'skipped'],
      ['handoff', 'skipped'],
    ]);
    expect(state.baseSha).toBe(base);
    expect(commitsAfter(repo.root, state)).toEqual([]);
    expect(git(repo.root, 'rev-parse', 'main')).toBe(base);
    expect(run.stdout).toContain(`the test gate fails on ${base.slice(0, 7)} before any change (test ✗ 2/3`);
    expect(run.stdout).toContain('the refactor chain starts only from a green baseline');
  });

  it('restructures the code with the same tests passing before and after', async () => {
    repo = project(loop);
    const base = git(repo.root, 'rev-parse', 'HEAD');
    const run = await runChain(
      repo.root,
      'refactor',
      'Restructure sum with reduce',
      [{ object: tasks }, ...writesAndFinishes({ 'src/sum.js': reduced })],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    expect(run.stdout).toContain('Autonomous implementation complete!');
    const state = savedState(repo.root);
    expect(steps(state)).toEqual([
      ['gates-before', 'done'],
      ['implement', 'done'],
      ['gates-after', 'done'],
      ['handoff', 'done'],
    ]);
    expect(state.steps[0]!.summary).toBe(`all gates pass on ${base.slice(0, 7)}: test ✓ 3/3`);
    expect(state.steps[2]!.summary).toBe('test ✓ 3/3');
    for (const [n, id] of ['gates-before', 'implement', 'gates-after'].entries())
      expect(run.stdout).toMatch(new RegExp(`\\| ${n + 1} \\| \`${id}\` \\| ✅ done \\|`));
    expect(commitsAfter(repo.root, state)).toEqual([
      { subject: 'refactor: restructure sum with reduce', files: ['src/sum.js'] },
    ]);
    expect(git(repo.root, 'show', `${state.branch}:src/sum.js`)).toBe(reduced.trim());
  });

  it('fails at gates-after when a test that passed before is gone, even with the gate green', async () => {
    repo = project(loop);
    const run = await runChain(
      repo.root,
      'refactor',
      'Restructure sum with reduce',
      [
        { object: tasks },
        // The refactor "keeps the tests green" by dropping one of them.
        ...writesAndFinishes({ 'src/sum.js': reduced, 'test/sum.test.js': header + addsAll }),
      ],
      plan,
    );

    expectStopped(run);
    // The gate itself passes, so there is no fix iteration: plan, tasks, T1 ×2.
    expect(run.wire.requests).toHaveLength(4);
    const state = savedState(repo.root);
    expect(steps(state)).toEqual([
      ['gates-before', 'done'],
      ['implement', 'done'],
      ['gates-after', 'failed'],
      ['handoff', 'skipped'],
    ]);
    const why =
      'behaviour not kept: 1 test(s) of the test gate that passed before are missing or failing (3 passed before, 2 after)';
    expect(state.steps[2]!.summary).toBe('test ✓ 2/2');
    expect(run.stdout).toContain(why);
    expect(run.stdout).toMatch(/\| 3 \| `gates-after` \| ❌ failed \|/);
    // The work is kept on the branch for a human to look at.
    expect(commitsAfter(repo.root, state)).toEqual([
      { subject: 'refactor: restructure sum with reduce', files: ['src/sum.js', 'test/sum.test.js'] },
    ]);
  });
});
