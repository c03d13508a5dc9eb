import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WireReply } from '../../support/anthropic-wire.js';
import { draft } from '../../support/plan-fixtures.js';
import { git } from '../../support/temp-repo.js';
import { KEY, nodeProject, runChain, writesAndFinishes } from './chain-kit.js';

let repo: ReturnType<typeof nodeProject> | undefined;
afterEach(() => repo?.dispose());

const A_JS = 'export function sign(x) {\n  if (x > 0) {\n    return "pos";\n  }\n  return "neg";\n}\n';
const testOf = (name: string, input: number, expected: string) =>
  `import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { sign } from '../src/a.js';\ntest('${name}', () => assert.equal(sign(${input}), '${expected}'));\n`;
const A_TEST = testOf('sign pos', 1, 'pos');
/** Covers the branch test/a.test.js leaves out, and passes against the code as it is. */
const B_TEST = testOf('sign neg', -1, 'neg');
/** Expects what the code does not do: it can only pass if src/a.js changes. */
const B_TEST_RED = testOf('sign neg', -1, 'negative');

const plan = draft({
  questions: [],
  understanding: 'Add a test for sign with negative input.',
  prd: {
    title: 'Tests for sign',
    goal: 'sign is tested for negative input.',
    requirements: [
      {
        id: 'R1',
        title: 'A test for negative input',
        description: 'sign(-1) is covered by a test.',
        acceptance: ['sign(-1) is tested'],
        priority: 'must',
      },
    ],
    nonGoals: ['changing sign'],
    affectedAreas: [{ path: 'test/b.test.js', why: 'the new test' }],
    risks: [],
  },
  taskPreview: {
    epics: [
      {
        id: 'E1',
        title: 'Tests',
        tasks: [
          {
            id: 'T1',
            title: 'Test negative input',
            category: 'testing',
            requirements: ['R1'],
            dependsOn: [],
          },
        ],
      },
    ],
  },
});

/** The 'generate-tasks' answer: the preview's one task, so there is no plan drift. */
const tasks: WireReply = {
  object: {
    epics: [
      {
        id: 'E1',
        title: 'Tests',
        tasks: [
          {
            id: 'T1',
            title: 'Test negative input',
            description: 'Write test/b.test.js: sign(-1) is "neg".',
            category: 'testing',
            dependsOn: [],
            files: ['test/b.test.js'],
            acceptance: ['sign(-1) is tested'],
            requirements: ['R1'],
          },
        ],
      },
    ],
  },
};

const NO_REQUIREMENT_CHECK = 'validation:\n  validate_prd: false\n';

function project(files: Record<string, string> = {}, scripts: Record<string, string> = {}) {
  return nodeProject({
    'package.json': JSON.stringify({
      name: 'sample',
      version: '1.2.0',
      type: 'module',
      scripts: { test: 'node --test', ...scripts },
    }),
    'src/a.js': A_JS,
    'test/a.test.js': A_TEST,
    ...files,
  });
}

function savedState(root: string) {
  const sessions = join(root, '.maestro', 'sessions');
  const [id] = readdirSync(sessions);
  const text = readFileSync(join(sessions, id!, 'run-state.json'), 'utf8');
  return {
    text,
    state: JSON.parse(text) as {
      steps: {
        id: string;
        status: string;
        testsAdded?: string[];
        coverage?: { before?: number; after?: number };
      }[];
      iteration: number;
    },
  };
}

const changedSince = (root: string, base: string) =>
  git(root, 'diff', '--name-only', base, 'HEAD').split('\n').filter(Boolean);

describe('test chain through the CLI', () => {
  it('adds a passing test, touches test files only, and checks the requirements', async () => {
    // Default configuration: validation.validate_prd is on, so the run asks check-requirements.
    repo = project();
    const base = git(repo.root, 'rev-parse', 'HEAD');

    const run = await runChain(
      repo.root,
      'test',
      'Add tests for sign',
      [
        tasks,
        ...writesAndFinishes({ 'test/b.test.js': B_TEST }),
        {
          object: {
            checks: [
              { requirement: 'R1', status: 'met', evidence: 'test/b.test.js covers sign(-1)', gaps: '' },
            ],
          },
        },
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    // The last call was the requirement check (a structured call), after the gates passed.
    expect(run.wire.requests.at(-1)!.body.tools).toBeUndefined();
    expect(run.stdout).toContain('Validating PRD requirements... 1/1 met');
    expect(run.stdout).toContain('**Tests added or changed** (1): `test/b.test.js`');
    expect(run.stdout).toContain('Tasks as approved');
    expect(run.stdout).toMatch(/\| `test` \| `npm test` \| ✅ passed · 1 passed.*\| ✅ passed · 2 passed/);
    // Only the new test file differs from the base commit; the code is as it was.
    expect(changedSince(repo.root, base)).toEqual(['test/b.test.js']);
    expect(git(repo.root, 'show', 'HEAD:test/b.test.js')).toBe(B_TEST.trimEnd());
    expect(git(repo.root, 'show', 'HEAD:src/a.js')).toBe(A_JS.trimEnd());
    expect(git(repo.root, 'status', '--porcelain')).toBe('');
    const { state, text } = savedState(repo.root);
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['write-tests', 'done'],
      ['verify', 'done'],
      ['handoff', 'done'],
    ]);
    expect(state.steps[0]!.testsAdded).toEqual(['test/b.test.js']);
    expect(text).not.toContain(KEY);
  });

  it('refuses a write outside the test files and still lands the test', async () => {
    repo = project({ '.github/maestro.yml': NO_REQUIREMENT_CHECK });
    const base = git(repo.root, 'rev-parse', 'HEAD');

    const run = await runChain(
      repo.root,
      'test',
      'Add tests for sign',
      [
        tasks,
        ...writesAndFinishes({
          'src/a.js': 'export const sign = () => "neg";\n',
          'test/b.test.js': B_TEST,
        }),
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    // The agent was told, and the report shows the blocked write.
    const messages = run.wire.requests.at(-1)!.body.messages as { content: unknown }[];
    const [refusal, written] = messages.at(-1)!.content as { content: string; is_error?: boolean }[];
    expect(refusal).toMatchObject({ is_error: true });
    expect(refusal!.content).toMatch(/^refused: only test files may change in this step/);
    expect(written!.content).toMatch(/^wrote test\/b\.test\.js/);
    expect(run.stdout).toContain('**Blocked by policy** (1):');
    expect(run.stdout).toContain('write src/a.js (only test files may change)');
    // src/a.js is unchanged on disk and in the branch; the test write landed.
    expect(readFileSync(join(repo.root, 'src/a.js'), 'utf8')).toBe(A_JS);
    expect(git(repo.root, 'show', 'HEAD:src/a.js')).toBe(A_JS.trimEnd());
    expect(changedSince(repo.root, base)).toEqual(['test/b.test.js']);
    expect(run.stdout).toContain('**Tests added or changed** (1): `test/b.test.js`');
  });

  it('measures coverage before and after with the repository’s coverage script', async () => {
    // Node's own coverage table (`# all files | 90.00 | …` on Node 20), through `npm run coverage`.
    repo = project(
      { '.github/maestro.yml': NO_REQUIREMENT_CHECK },
      { coverage: 'node --test --experimental-test-coverage' },
    );

    const run = await runChain(
      repo.root,
      'test',
      'Add tests for sign',
      [tasks, ...writesAndFinishes({ 'test/b.test.js': B_TEST })],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    const line =
      /\*\*Coverage\*\* \(`npm run coverage`\): (\d+(?:\.\d+)?)% before → (\d+(?:\.\d+)?)% after/.exec(
        run.stdout,
      );
    expect(line, 'the report has a coverage line with both numbers').not.toBeNull();
    const [before, after] = [Number(line![1]), Number(line![2])];
    // The new test covers the `neg` branch, the one line test/a.test.js left out.
    expect(before).toBeLessThan(100);
    expect(after).toBe(100);
    expect(after).toBeGreaterThan(before);
    const coverage = savedState(repo.root).state.steps[0]!.coverage;
    expect(coverage).toEqual({ command: 'npm run coverage', before, after });
  });

  it('fails at verify when the new tests do not pass against the unchanged code', async () => {
    repo = project({ '.github/maestro.yml': `${NO_REQUIREMENT_CHECK}orchestrator:\n  max_iterations: 1\n` });

    const run = await runChain(
      repo.root,
      'test',
      'Add tests for sign',
      [
        tasks,
        ...writesAndFinishes({ 'test/b.test.js': B_TEST_RED }),
        // The fix iteration tries to make the test pass by changing the code: refused too.
        ...writesAndFinishes(
          { 'src/a.js': A_JS.replace('"neg"', '"negative"') },
          { summary: 'could not change the code', quality_score: 2, hints_for_next: '' },
        ),
      ],
      plan,
    );

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.wire.unused).toBe(0);
    expect(run.stdout).toContain('Iteration 1: fixing failing gates');
    expect(run.stdout).toContain(
      'the new tests do not pass against the unchanged code (test gate failed: sign neg)',
    );
    expect(run.stdout).toContain('write src/a.js (only test files may change)');
    expect(readFileSync(join(repo.root, 'src/a.js'), 'utf8')).toBe(A_JS);
    expect(git(repo.root, 'show', 'HEAD:src/a.js')).toBe(A_JS.trimEnd());
    const { state } = savedState(repo.root);
    expect(state.iteration).toBe(1);
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['write-tests', 'done'],
      ['verify', 'failed'],
      ['handoff', 'skipped'],
    ]);
  });
});
