import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git } from '../../support/temp-repo.js';
import { KEY, nodeProject, runChain } from './chain-kit.js';

let repo: ReturnType<typeof nodeProject> | undefined;
afterEach(() => repo?.dispose());

const finding = {
  file: 'src/sum.js',
  line: 2,
  severity: 'high',
  what: 'sum drops the last element',
  why: 'the loop stops at length - 1, so sum([1, 2]) is 1; @maintainer Fixes #3',
};

describe('review chain through the CLI', () => {
  it('reads only, commits nothing, makes no branch, and prints and saves the findings', async () => {
    repo = nodeProject({
      'src/sum.js':
        'export function sum(xs) {\n  let t = 0;\n  for (let i = 0; i < xs.length - 1; i++) t += xs[i];\n  return t;\n}\n',
      'test/sum.test.js': "import { test } from 'node:test';\ntest('loads', () => {});\n",
    });
    const before = git(repo.root, 'rev-parse', 'HEAD');
    const branches = git(repo.root, 'branch', '--format=%(refname:short)');

    const run = await runChain(repo.root, 'review', 'Review src/sum.js', [
      // The agent tries to write anyway: no write tool is offered in a read-only step.
      { tools: [{ name: 'write_file', input: { path: 'src/sum.js', content: 'hacked' } }] },
      { tools: [{ name: 'read_file', input: { path: 'src/sum.js' } }] },
      {
        tools: [
          {
            name: 'finish',
            input: {
              summary: 'One real bug in sum.',
              quality_score: 7,
              hints_for_next: '',
              findings: [finding],
            },
          },
        ],
      },
    ]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.wire.unused).toBe(0);
    // Nothing changed: same commit, same branches, clean tree, the file as it was.
    expect(git(repo.root, 'rev-parse', 'HEAD')).toBe(before);
    expect(git(repo.root, 'branch', '--format=%(refname:short)')).toBe(branches);
    expect(git(repo.root, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(repo.root, 'src/sum.js'), 'utf8')).toContain('xs.length - 1');
    // The inspect turn offered no write tool.
    const inspect = run.wire.requests.at(-1)!.body as { tools?: { name: string }[] };
    expect(inspect.tools?.map((t) => t.name)).not.toContain('write_file');
    // The findings are printed and saved, with mentions and closing keywords neutralised.
    expect(run.stdout).toContain('Maestro review');
    expect(run.stdout).toContain('`src/sum.js:2`');
    expect(run.stdout).toContain('sum drops the last element');
    expect(run.stdout).not.toMatch(/(^|[^`])@maintainer/);
    expect(run.stdout).toContain('Review complete: nothing was changed');
    const sessions = join(repo.root, '.maestro', 'sessions');
    const [id] = readdirSync(sessions);
    const saved = readFileSync(join(sessions, id!, 'review.md'), 'utf8');
    expect(saved).toContain('sum drops the last element');
    const state = JSON.parse(readFileSync(join(sessions, id!, 'run-state.json'), 'utf8')) as {
      steps: { id: string; status: string; findings?: unknown[] }[];
      branch: string;
    };
    expect(state.branch).toBe('');
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([
      ['inspect', 'done'],
      ['report', 'done'],
    ]);
    expect(state.steps[0]!.findings).toHaveLength(1);
    expect(JSON.stringify(state)).not.toContain(KEY);
  });
});
