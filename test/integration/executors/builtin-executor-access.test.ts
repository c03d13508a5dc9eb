import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuiltinExecutor } from '../../../src/adapters/executors/builtin-executor.js';
import type { RecordedEntry } from '../../../src/adapters/model/scripted-model.js';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import type { ExecutorAccess } from '../../../src/ports/executor-port.js';
import type { ModelPort, ToolTurnRequest } from '../../../src/ports/model-port.js';
import { git, tempRepo } from '../../support/temp-repo.js';
import { realClock, request, scripted, textTurn, turn } from './executor-kit.js';

/**
 * The step's access (executor-port.ts) on the real builtin executor: a read-only review is offered
 * no tool that changes files and no gate command, an `only` step's writes are limited to its globs —
 * also what its commands change — and `finish` carries the review's findings.
 */

const repos: { dispose(): void }[] = [];
function repo(files: Record<string, string> = {}) {
  const created = tempRepo({
    'src/greet.js': 'exports.greet = () => "hi";\n',
    'test/greet.test.js':
      'const test = require("node:test");\nconst assert = require("node:assert");\nconst { greet } = require("../src/greet.js");\ntest("greets", () => assert.ok(greet()));\n',
    ...files,
  });
  repos.push(created);
  return created.root;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

/** The scripted (obedient) model, with every request it was sent kept for the assertions. */
function watched(entries: RecordedEntry[]) {
  const model = scripted(entries);
  const requests: ToolTurnRequest[] = [];
  const port: ModelPort = {
    describe: (phase) => model.describe(phase),
    generateObject: (req) => model.generateObject(req),
    toolTurn: (req) => {
      requests.push(req); // the executor sends a fresh message array every turn
      return model.toolTurn(req);
    },
  };
  /** What the tools answered to the turn before request `n` (0-based). */
  const toolResults = (n: number) => {
    const last = requests[n]?.messages.at(-1);
    return last?.role === 'tool' ? last.results.map((r) => `${r.isError ? 'ERR ' : ''}${r.output}`) : [];
  };
  return { model, port, requests, toolResults };
}

function executor(model: ModelPort) {
  return new BuiltinExecutor({ model, shell: new SpawnShell(), clock: realClock });
}

const readOnly: ExecutorAccess = { mode: 'read-only' };
const testsOnly: ExecutorAccess = { mode: 'only', paths: ['test/**', '**/*.test.js'], why: 'test files' };

const finding = {
  file: 'src/greet.js',
  line: 1,
  severity: 'medium',
  what: 'greet() says "hi" where the issue asks for "hello"',
  why: 'callers expecting "hello" break; change the string',
};

describe('BuiltinExecutor in a read-only review', () => {
  it('offers no writing tool and no gate command, and says so in the system prompt and finish', async () => {
    const root = repo();
    const { port, requests } = watched([
      turn(['finish', { summary: 'reviewed', quality_score: 7, hints_for_next: '', findings: [] }]),
    ]);
    await executor(port).run(
      request(root, {
        access: readOnly,
        allowedCommands: [['node', '--test'], ['npm', 'test'], ['git', 'diff'], ['git', 'status'], ['ls']],
      }),
    );
    const offered = requests[0]!.tools.map((t) => t.name);
    expect(offered).toEqual(['list_files', 'read_file', 'search', 'run_command', 'finish']);
    expect(requests[0]!.system).toMatch(/This is a read-only review/);
    expect(requests[0]!.tools.find((t) => t.name === 'finish')?.description).toMatch(
      /findings: one entry per problem found, each with file, line .*severity \(critical\|high\|medium\|low\|info\)/,
    );
  });

  it('refuses a write the model attempts anyway, records it and leaves the file unchanged', async () => {
    const root = repo();
    const { port, toolResults } = watched([
      turn(['write_file', { path: 'src/greet.js', content: 'exports.greet = () => "pwned";\n' }]),
      turn(['edit_file', { path: 'src/greet.js', old_string: '"hi"', new_string: '"x"' }]),
      turn(['finish', { summary: 'reviewed', quality_score: 6, hints_for_next: '', findings: [finding] }]),
    ]);
    const outcome = await executor(port).run(request(root, { access: readOnly }));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'reviewed',
      qualityScore: 6,
      hints: '',
      findings: [finding],
      blocked: [
        { kind: 'protected-path', what: 'write src/greet.js (read-only review)' },
        { kind: 'protected-path', what: 'write src/greet.js (read-only review)' },
      ],
    });
    expect(toolResults(1)).toEqual([
      'ERR refused: write_file is not offered in a read-only review: no file may change. This was recorded; use one of: list_files, read_file, search, run_command, finish.',
    ]);
    expect(readFileSync(join(root, 'src/greet.js'), 'utf8')).toBe('exports.greet = () => "hi";\n');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('runs read-only git but refuses a gate command, which could write files', async () => {
    const root = repo();
    const { port, toolResults } = watched([
      turn(['run_command', { command: ['git', 'status'] }]),
      turn(['run_command', { command: ['node', '--test'] }]),
      turn(['finish', { summary: 'reviewed', quality_score: 6, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(request(root, { access: readOnly }));
    expect(toolResults(1)).toEqual([expect.stringMatching(/^exit code 0\n/)]);
    expect(toolResults(2)).toEqual([
      'ERR refused: the command is not in the allowed list. This was recorded.',
    ]);
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'reviewed',
      qualityScore: 6,
      hints: '',
      blocked: [{ kind: 'command-not-allowed', what: 'run node' }],
    });
  });

  it('offers no run_command when no read-only command is allowed, and records a call to it', async () => {
    const root = repo();
    const { port, requests } = watched([
      turn(['run_command', { command: ['node', '--test'] }]),
      turn(['finish', { summary: 'reviewed', quality_score: 5, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(
      request(root, { access: readOnly, allowedCommands: [['node', '--test']] }),
    );
    expect(requests[0]!.tools.map((t) => t.name)).not.toContain('run_command');
    expect(outcome).toMatchObject({
      kind: 'completed',
      blocked: [{ kind: 'command-not-allowed', what: 'run node' }],
    });
  });

  it('is stopped after three attempted writes', async () => {
    const root = repo();
    const { port } = watched([
      turn(
        ['write_file', { path: 'a.js', content: 'x' }],
        ['delete_file', { path: 'src/greet.js' }],
        ['edit_file', { path: 'src/greet.js', old_string: 'hi', new_string: 'x' }],
      ),
    ]);
    const outcome = await executor(port).run(request(root, { access: readOnly }));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'security stop: 3 actions blocked',
      transient: false,
      blocked: [
        { kind: 'protected-path', what: 'write a.js (read-only review)' },
        { kind: 'protected-path', what: 'delete src/greet.js (read-only review)' },
        { kind: 'protected-path', what: 'write src/greet.js (read-only review)' },
      ],
    });
    expect(existsSync(join(root, 'src/greet.js'))).toBe(true);
    expect(existsSync(join(root, 'a.js'))).toBe(false);
  });
});

describe('BuiltinExecutor with access to only some paths', () => {
  it('refuses a write outside the globs, telling the model which paths it may write, and allows one inside', async () => {
    const root = repo();
    const { port, requests, toolResults } = watched([
      turn(['write_file', { path: 'src/x.ts', content: 'export const x = 1;\n' }]),
      turn(['write_file', { path: 'test/x.test.ts', content: 'test("x", () => {});\n' }]),
      turn(['finish', { summary: 'added a test', quality_score: 7, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(request(root, { access: testsOnly }));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'added a test',
      qualityScore: 7,
      hints: '',
      blocked: [{ kind: 'protected-path', what: 'write src/x.ts (only test files may change)' }],
    });
    expect(toolResults(1)).toEqual([
      'ERR refused: only test files may change in this step: write only paths matching test/**, **/*.test.js. This was recorded.',
    ]);
    expect(toolResults(2)).toEqual(['wrote test/x.test.ts (21 bytes)']);
    expect(existsSync(join(root, 'src/x.ts'))).toBe(false);
    expect(readFileSync(join(root, 'test/x.test.ts'), 'utf8')).toBe('test("x", () => {});\n');
    expect(requests[0]!.system).toMatch(
      /only test files may change: you may write, edit or delete only paths matching test\/\*\*, \*\*\/\*\.test\.js/,
    );
  });

  it('refuses edits and deletes outside the globs, and a write through a link that leads outside them', async () => {
    const root = repo();
    symlinkSync('../src/greet.js', join(root, 'test/link.test.js'));
    const { port } = watched([
      turn(
        ['edit_file', { path: 'src/greet.js', old_string: '"hi"', new_string: '"x"' }],
        ['write_file', { path: 'test/link.test.js', content: 'pwned' }],
      ),
      turn(['finish', { summary: 'tried', quality_score: 2, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(request(root, { access: testsOnly }));
    expect(outcome).toMatchObject({
      kind: 'completed',
      blocked: [
        { kind: 'protected-path', what: 'write src/greet.js (only test files may change)' },
        { kind: 'protected-path', what: 'write test/link.test.js (only test files may change)' },
      ],
    });
    expect(readFileSync(join(root, 'src/greet.js'), 'utf8')).toBe('exports.greet = () => "hi";\n');
  });

  it('stops when a command it ran created a file outside the globs', async () => {
    const root = repo({
      'scripts/gen.js': 'require("fs").writeFileSync(process.argv[2], "generated\\n");\n',
    });
    const { port } = watched([
      turn(['write_file', { path: 'test/gen.test.js', content: 'ok\n' }]),
      turn(['run_command', { command: ['node', 'scripts/gen.js', 'src/generated.js'] }]),
      turn(['finish', { summary: 'all fine', quality_score: 9, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(
      request(root, { access: testsOnly, allowedCommands: [['node', 'scripts/gen.js']] }),
    );
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'security stop: the agent changed files outside test files: src/generated.js',
      transient: false,
      blocked: [{ kind: 'protected-path', what: 'write src/generated.js (only test files may change)' }],
    });
  });

  it('lets a command change files inside the globs', async () => {
    const root = repo({
      'scripts/gen.js': 'require("fs").writeFileSync(process.argv[2], "generated\\n");\n',
    });
    const { port } = watched([
      turn(['run_command', { command: ['node', 'scripts/gen.js', 'test/fixture.test.js'] }]),
      turn(['finish', { summary: 'generated a fixture', quality_score: 8, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(
      request(root, { access: testsOnly, allowedCommands: [['node', 'scripts/gen.js']] }),
    );
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'generated a fixture',
      qualityScore: 8,
      hints: '',
      blocked: [],
    });
    expect(readFileSync(join(root, 'test/fixture.test.js'), 'utf8')).toBe('generated\n');
  });

  it('stops when a command deleted a file outside the globs', async () => {
    const root = repo({ 'scripts/rm.js': 'require("fs").rmSync(process.argv[2]);\n' });
    const { port } = watched([
      turn(['run_command', { command: ['node', 'scripts/rm.js', 'src/greet.js'] }]),
      turn(['finish', { summary: 'cleaned up', quality_score: 8, hints_for_next: '' }]),
    ]);
    const outcome = await executor(port).run(
      request(root, { access: testsOnly, allowedCommands: [['node', 'scripts/rm.js']] }),
    );
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'security stop: the agent changed files outside test files: src/greet.js',
      transient: false,
      blocked: [{ kind: 'protected-path', what: 'delete src/greet.js (only test files may change)' }],
    });
  });
});

describe('BuiltinExecutor review findings', () => {
  it('passes the findings given to finish through as outcome.findings', async () => {
    const root = repo();
    const whole = { file: 'src/greet.js', severity: 'info', what: 'no JSDoc on greet' };
    const { port } = watched([
      turn(['read_file', { path: 'src/greet.js' }]),
      turn([
        'finish',
        { summary: 'two findings', quality_score: 8, hints_for_next: '', findings: [finding, whole] },
      ]),
    ]);
    const outcome = await executor(port).run(request(root, { access: readOnly }));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'two findings',
      qualityScore: 8,
      hints: '',
      findings: [finding, { ...whole, why: '' }],
      blocked: [],
    });
  });

  it('answers invalid findings with what is wrong, and takes the corrected finish', async () => {
    const root = repo();
    const { port, toolResults, model } = watched([
      turn([
        'finish',
        {
          summary: 'found one',
          quality_score: 8,
          hints_for_next: '',
          findings: [{ file: 'src/greet.js', line: 0, severity: 'urgent', what: 'bad greeting' }],
        },
      ]),
      turn(['finish', { summary: 'found one', quality_score: 8, hints_for_next: '', findings: [finding] }]),
    ]);
    const outcome = await executor(port).run(request(root, { access: readOnly }));
    const [answer] = toolResults(1);
    expect(answer).toMatch(/^ERR invalid input for finish: /);
    expect(answer).toContain('findings.0.line');
    expect(answer).toContain('findings.0.severity');
    expect(answer).toContain('The task is not finished: call finish again with corrected input.');
    expect(answer).toContain(
      'Each finding needs file, line (optional, from 1), severity (critical|high|medium|low|info), what, why',
    );
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'found one',
      qualityScore: 8,
      hints: '',
      findings: [finding],
      blocked: [],
    });
    expect(model.remaining).toBe(0);
  });

  it('reads findings from a final answer without tool calls', async () => {
    const root = repo();
    const { port } = watched([
      textTurn(
        `Reviewed.\n\`\`\`json\n${JSON.stringify({ quality_score: 7, summary: 'one issue', findings: [finding, { file: '' }], hints_for_next: '' })}\n\`\`\``,
      ),
    ]);
    const outcome = await executor(port).run(request(root, { access: readOnly }));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'one issue (1 malformed findings dropped)',
      qualityScore: 7,
      hints: '',
      findings: [finding],
      blocked: [],
    });
  });
});
