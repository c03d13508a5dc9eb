import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEntry } from '../../../src/adapters/model/scripted-model.js';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../support/fake-io.js';
import { draft } from '../../support/plan-fixtures.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';

/**
 * Shared helpers for the in-process execution tests: a temporary repository with a
 * `.github/maestro.yml`, a recorded model session (plan → generate-tasks → implement:<id> →
 * check-requirements) replayed with `--replay`, and readers for what a user sees afterwards
 * (commits with trailers, files in `.maestro/sessions/<id>/`).
 */

export function usage(inputTokens = 100, outputTokens = 10): RecordedEntry['usage'] {
  return { inputTokens, outputTokens, cachedInputTokens: 0, cacheWriteTokens: 0 };
}

const MODEL = 'claude-sonnet-4-5';

/** The plan (no open questions, so `-y` approves revision 1 without another model call). */
export function planEntry(u = usage()): RecordedEntry {
  return { name: 'plan', phase: 'planning', object: draft({ questions: [] }), usage: u, model: MODEL };
}

export interface TaskSpec {
  id: string;
  title?: string;
  files: string[];
  dependsOn?: string[];
}

export function tasksEntry(tasks: TaskSpec[], u = usage()): RecordedEntry {
  return {
    name: 'generate-tasks',
    phase: 'task-generation',
    object: {
      epics: [
        {
          id: 'E1',
          title: 'Work',
          tasks: tasks.map((t) => ({
            id: t.id,
            title: t.title ?? `Task ${t.id}`,
            description: `Change ${t.files.join(', ')}`,
            category: 'backend',
            dependsOn: t.dependsOn ?? [],
            files: t.files,
            acceptance: ['the change is made'],
            requirements: ['R1', 'R2'],
          })),
        },
      ],
    },
    usage: u,
    model: MODEL,
  };
}

let callId = 0;
/** One recorded builtin-agent turn for `implement:<taskId>` calling the given tools in order. */
export function turn(taskId: string, calls: [name: string, input: unknown][], u = usage()): RecordedEntry {
  return {
    name: `implement:${taskId}`,
    phase: 'implementation',
    toolTurn: {
      text: '',
      finishReason: 'tool-calls',
      toolCalls: calls.map(([name, input]) => ({ id: `c${++callId}`, name, input })),
    },
    usage: u,
    model: MODEL,
  };
}

export function finish(summary: string): [string, unknown] {
  return ['finish', { summary, quality_score: 8, hints_for_next: '' }];
}

export function checkEntry(u = usage()): RecordedEntry {
  return {
    name: 'check-requirements',
    phase: 'validation',
    object: {
      checks: ['R1', 'R2'].map((requirement) => ({ requirement, status: 'met', evidence: 'src/' })),
    },
    usage: u,
    model: MODEL,
  };
}

/** No gates: the tests here are about scheduling, recovery and checkpoints, and stay fast. */
export const NO_GATES = 'validation: { run_tests: false, quality_gates: [] }';

export interface RunFixture {
  root: string;
  tmp: string;
  /** Writes the recorded session and returns its path. */
  replay(entries: RecordedEntry[]): string;
  /** `maestro <args>` in-process; `onStdout` sees every chunk as it is written. */
  maestro(
    args: string[],
    options?: { onStdout?: (text: string) => void },
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  dispose(): void;
}

export function runFixture(config: string[], files: Record<string, string> = {}): RunFixture {
  const repo = tempRepo({
    'package.json': JSON.stringify({ name: 'fixture', private: true }),
    'src/colour.ts': 'export const colour = "blue";\n',
    ...files,
    '.github/maestro.yml': `${config.join('\n')}\n`,
  });
  const tmp = tempDir();
  return {
    root: repo.root,
    tmp: tmp.path,
    replay(entries) {
      const path = join(tmp.path, `session-${Math.random().toString(16).slice(2)}.json`);
      writeFileSync(path, JSON.stringify({ version: 1, label: 'integration test', entries }));
      return path;
    },
    async maestro(args, options = {}) {
      const run = fakeIo({
        cwd: repo.root,
        env: { MAESTRO_CACHE_DIR: join(tmp.path, 'cache'), PATH: process.env.PATH, HOME: process.env.HOME },
      });
      const io: CliIo = options.onStdout
        ? {
            ...run.io,
            stdout: (s) => {
              run.io.stdout(s);
              options.onStdout?.(s);
            },
          }
        : run.io;
      const code = await main(args, io);
      return { code, stdout: run.stdout, stderr: run.stderr };
    },
    dispose() {
      repo.dispose();
      tmp.dispose();
    },
  };
}

/** Session ids on disk, newest first (by name, as `maestro sessions` orders them). */
export function sessionIds(root: string): string[] {
  const dir = join(root, '.maestro', 'sessions');
  return existsSync(dir) ? readdirSync(dir).sort((a, b) => b.localeCompare(a)) : [];
}

export function sessionFile(root: string, id: string, name: string): string {
  return join(root, '.maestro', 'sessions', id, name);
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export interface CheckpointCommit {
  sha: string;
  tree: string;
  task: string;
  checkpoint: string;
  subject: string;
}

/** Commits on the current branch after `main`, oldest first, with their Maestro trailers. */
export function checkpointCommits(root: string, range = 'main..HEAD'): CheckpointCommit[] {
  const out = git(
    root,
    'log',
    '--reverse',
    '--format=%H%x1f%T%x1f%(trailers:key=Maestro-Task,valueonly,separator=)%x1f%(trailers:key=Maestro-Checkpoint,valueonly,separator=)%x1f%s%x1e',
    range,
  );
  return out
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha, tree, task, checkpoint, subject] = record.split('\x1f');
      return {
        sha: sha!,
        tree: tree!,
        task: task!.trim(),
        checkpoint: checkpoint!.trim(),
        subject: subject!,
      };
    });
}
