import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { draft } from '../../support/plan-fixtures.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

/**
 * Kills a real `maestro` process with SIGKILL after checkpoint 2 of 4 and resumes it: commits 1..2
 * stay byte-for-byte the same, tasks 3 and 4 are done exactly once. The executor is the `command`
 * kind running a small fake agent, which sleeps on T3 while a marker file exists — that is what
 * gives the test a deterministic moment to kill.
 */
const ENTRY = join(process.cwd(), 'src', 'cli', 'entry.ts');
// tsx is resolved from this project, not from the temporary repository the process runs in.
const TSX = pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const usage = { inputTokens: 100, outputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0 };

const AGENT = `
const fs = require('node:fs');
const prompt = fs.readFileSync(process.argv[2], 'utf8');
const id = /Task (T\\d+):/.exec(prompt)[1];
fs.mkdirSync('out', { recursive: true });
fs.writeFileSync('out/' + id + '.txt', 'done by ' + id + '\\n');
const marker = process.argv[3];
if (id === 'T3' && fs.existsSync(marker)) { setTimeout(() => {}, 120000); return; }
console.log(JSON.stringify({ quality_score: 8, findings: 'wrote out/' + id + '.txt', hints_for_next: '' }));
`;

const tasks = {
  epics: [
    {
      id: 'E1',
      title: 'Chain',
      tasks: ['T1', 'T2', 'T3', 'T4'].map((id, i) => ({
        id,
        title: `Step ${id}`,
        description: `Write out/${id}.txt`,
        category: 'general',
        dependsOn: i === 0 ? [] : [`T${i}`],
        files: [`out/${id}.txt`],
        acceptance: ['the file exists'],
        requirements: ['R1', 'R2'],
      })),
    },
  ],
};

let repo: ReturnType<typeof tempRepo>;
let tmp: ReturnType<typeof tempDir>;
afterEach(() => {
  repo?.dispose();
  tmp?.dispose();
});

function maestro(args: string[]) {
  return spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd: repo.root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MAESTRO_CACHE_DIR: join(tmp.path, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function checkpointLog(): string[] {
  const out = spawnSync(
    'git',
    ['log', '--format=%H %(trailers:key=Maestro-Task,valueonly,separator=)', 'main..HEAD'],
    { cwd: repo.root, encoding: 'utf8' },
  );
  return out.stdout.trim() ? out.stdout.trim().split('\n').reverse() : [];
}

describe('resume after SIGKILL', () => {
  it('keeps checkpoints 1..k unchanged and does the rest exactly once', async () => {
    const { replay, marker } = setup();
    const first = maestro(['run', 'Write four files', '-y', '--replay', replay]);
    let output = '';
    first.stdout.on('data', (d) => {
      output += d;
    });
    first.stderr.on('data', (d) => {
      output += d;
    });
    await waitForCheckpoints(2, first, () => output);
    // Wait until T3 is running (its worktree exists), then kill without warning.
    await new Promise((r) => setTimeout(r, 500));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const before = checkpointLog();
    expect(before.map((l) => l.split(' ')[1])).toEqual(['T1', 'T2']);

    rmSync(marker);
    const [session] = readdirSync(join(repo.root, '.maestro', 'sessions'));
    const second = maestro(['resume', session!, '--replay', replay]);
    let resumed = '';
    second.stdout.on('data', (d) => {
      resumed += d;
    });
    second.stderr.on('data', (d) => {
      resumed += d;
    });
    const code = await new Promise((r) => second.once('exit', r));
    expect(code, resumed).toBe(0);

    const after = checkpointLog();
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.map((l) => l.split(' ')[1])).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(resumed).toContain('Resuming session');
    for (const id of ['T1', 'T2', 'T3', 'T4'])
      expect(existsSync(join(repo.root, 'out', `${id}.txt`))).toBe(true);
    expect(git(repo.root, 'status', '--porcelain')).toBe('');
  }, 120_000);

  it('on SIGTERM keeps the running task’s work as a work-in-progress checkpoint and exits cleanly', async () => {
    const { replay } = setup();
    const first = maestro(['run', 'Write four files', '-y', '--replay', replay]);
    let output = '';
    first.stdout.on('data', (d) => {
      output += d;
    });
    first.stderr.on('data', (d) => {
      output += d;
    });
    await waitForCheckpoints(2, first, () => output);
    await new Promise((r) => setTimeout(r, 500));
    const sent = Date.now();
    first.kill('SIGTERM');
    const code = await new Promise((r) => first.once('exit', r));
    expect(Date.now() - sent).toBeLessThan(7_000);
    // 128 + SIGTERM's 15, as a shell reports it: a script can tell "interrupted" from "failed".
    expect(code).toBe(143);
    expect(checkpointLog().map((l) => l.split(' ')[1])).toEqual(['T1', 'T2', 'wip']);
    expect(output).toContain('SIGTERM received');
    expect(output).toContain('Run stopped (cancelled)');
    const [session] = readdirSync(join(repo.root, '.maestro', 'sessions'));
    const metadata = JSON.parse(
      readFileSync(join(repo.root, '.maestro', 'sessions', session!, 'metadata.json'), 'utf8'),
    );
    expect(metadata.status).toBe('cancelled');
  }, 120_000);
});

async function waitForCheckpoints(
  n: number,
  child: ReturnType<typeof maestro>,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (checkpointLog().length < n) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no checkpoint ${n}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function setup(): { replay: string; marker: string } {
  tmp = tempDir();
  repo = tempRepo({
    'package.json': JSON.stringify({ name: 'x', scripts: { test: 'node --test' } }),
    'test/ok.test.js': "require('node:test')('ok', () => {});\n",
  });
  // The agent runs in the sandbox, whose /tmp is private; the repository's git directory is bound
  // into it read-only, so the agent script and the marker the test removes live there.
  const gitDir = join(repo.root, '.git');
  const agent = join(gitDir, 'maestro-test-agent.cjs');
  const marker = join(gitDir, 'maestro-test-slow');
  writeFileSync(agent, AGENT);
  writeFileSync(marker, '');
  mkdirSync(join(repo.root, '.github'));
  writeFileSync(
    join(repo.root, '.github', 'maestro.yml'),
    [
      'orchestrator: { max_parallel: 1 }',
      `executor: { kind: command, command: ["node", ${JSON.stringify(agent)}, "{prompt_file}", ${JSON.stringify(marker)}] }`,
      'validation: { validate_prd: true }',
    ].join('\n'),
  );
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-q', '-m', 'maestro config');
  const replay = join(tmp.path, 'session.json');
  writeFileSync(
    replay,
    JSON.stringify({
      version: 1,
      label: 'resume test',
      entries: [
        { name: 'plan', phase: 'planning', object: draft({ questions: [] }), usage, model: 'm' },
        { name: 'generate-tasks', phase: 'task-generation', object: tasks, usage, model: 'm' },
        {
          name: 'check-requirements',
          phase: 'validation',
          object: {
            checks: [
              { requirement: 'R1', status: 'met', evidence: 'out/' },
              { requirement: 'R2', status: 'met', evidence: 'out/' },
            ],
          },
          usage,
          model: 'm',
        },
      ],
    }),
  );

  return { replay, marker };
}
