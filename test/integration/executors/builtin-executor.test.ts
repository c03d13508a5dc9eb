import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuiltinExecutor } from '../../../src/adapters/executors/builtin-executor.js';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { ModelError } from '../../../src/core/errors.js';
import type { ModelPort } from '../../../src/ports/model-port.js';
import { tempRepo } from '../../support/temp-repo.js';
import { realClock, request, scripted, steppingClock, textTurn, turn } from './executor-kit.js';

const repos: { dispose(): void }[] = [];
function repo(files: Record<string, string> = {}) {
  const created = tempRepo({
    'src/greet.js': 'exports.greet = () => "hi";\n',
    'test/greet.test.js':
      'const test = require("node:test");\nconst assert = require("node:assert");\nconst { greet } = require("../src/greet.js");\ntest("greets", () => assert.strictEqual(greet(), "hello"));\n',
    ...files,
  });
  repos.push(created);
  return created.root;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

describe('BuiltinExecutor', () => {
  it('edits a file, runs the allowed test command and finishes with summary, quality and hints', async () => {
    const root = repo();
    const model = scripted([
      turn(['list_files', {}], ['read_file', { path: 'src/greet.js' }]),
      turn(['edit_file', { path: 'src/greet.js', old_string: '"hi"', new_string: '"hello"' }]),
      turn(['run_command', { command: ['node', '--test'] }]),
      turn([
        'finish',
        { summary: 'greet() now says hello', quality_score: 8, hints_for_next: 'greet is in src/greet.js' },
      ]),
    ]);
    const outcome = await new BuiltinExecutor({ model, shell: new SpawnShell(), clock: realClock }).run(
      request(root),
    );
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'greet() now says hello',
      qualityScore: 8,
      hints: 'greet is in src/greet.js',
      blocked: [],
    });
    expect(readFileSync(join(root, 'src/greet.js'), 'utf8')).toBe('exports.greet = () => "hello";\n');
    expect(model.remaining).toBe(0);
  });

  it('answers tool results the model can act on', async () => {
    const root = repo();
    const seen: string[] = [];
    const model: ModelPort = {
      describe: () => 'spy',
      generateObject: () => Promise.reject(new Error('unused')),
      toolTurn: async (req) => {
        const last = req.messages.at(-1);
        if (last?.role === 'tool')
          seen.push(...last.results.map((r) => `${r.isError ? 'ERR ' : ''}${r.output}`));
        const calls = [
          [{ id: '1', name: 'read_file', input: { path: 'src/greet.js' } }],
          [
            {
              id: '2',
              name: 'edit_file',
              input: { path: 'src/greet.js', old_string: 'nope', new_string: 'x' },
            },
          ],
          [{ id: '3', name: 'run_command', input: { command: ['node', '--test'] } }],
          [{ id: '4', name: 'search', input: { pattern: 'greet\\(' } }],
          [{ id: '5', name: 'list_files', input: { path: 'src' } }],
        ][seen.length];
        return {
          text: 'done',
          toolCalls: calls ?? [],
          finishReason: calls ? 'tool-calls' : 'stop',
          usage: {
            phase: 'implementation',
            model: 'spy',
            costUsd: 0,
            inputTokens: 0,
            outputTokens: 0,
            cachedInputTokens: 0,
            cacheWriteTokens: 0,
          },
        };
      },
    };
    const outcome = await new BuiltinExecutor({ model, shell: new SpawnShell(), clock: realClock }).run(
      request(root),
    );
    expect(outcome).toMatchObject({ kind: 'completed', summary: 'done', hints: '' });
    expect(seen[0]).toBe('    1\texports.greet = () => "hi";\n    2\t');
    expect(seen[1]).toMatch(
      /^ERR old_string was not found in src\/greet.js; give old_string with enough surrounding/,
    );
    expect(seen[2]).toMatch(/^ERR exit code 1\n--- stdout ---\n[\s\S]*fail 1/);
    expect(seen[3]).toBe('test/greet.test.js:4: test("greets", () => assert.strictEqual(greet(), "hello"));');
    expect(seen[4]).toBe('src/greet.js');
  });

  it('takes the summary from a final answer without tool calls', async () => {
    const root = repo();
    const model = scripted([
      textTurn(
        'All done.\n```json\n{"quality_score": 6, "findings": "changed greet", "hints_for_next": "none"}\n```',
      ),
    ]);
    const outcome = await new BuiltinExecutor({ model, shell: new SpawnShell(), clock: realClock }).run(
      request(root),
    );
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'changed greet',
      qualityScore: 6,
      hints: 'none',
      blocked: [],
    });
  });

  it('fails when max_turns is reached without finish', async () => {
    const root = repo();
    const model = scripted([turn(['list_files', {}]), turn(['list_files', {}]), turn(['list_files', {}])]);
    const executor = new BuiltinExecutor(
      { model, shell: new SpawnShell(), clock: realClock },
      { maxTurns: 3 },
    );
    const outcome = await executor.run(request(root, { maxTurns: 50 }));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'turn limit reached: 3 turns without finish',
      transient: false,
      blocked: [],
    });
  });

  it('nudges once when the time is up, then reports timed-out with what the model said', async () => {
    const root = repo();
    const model = scripted([
      turn(['list_files', {}]),
      turn([
        'finish',
        { summary: 'half done: read the code', quality_score: 3, hints_for_next: 'edit greet' },
      ]),
    ]);
    // Each clock read advances 20 s: the deadline (60 s) passes after the first turn.
    const outcome = await new BuiltinExecutor({
      model,
      shell: new SpawnShell(),
      clock: steppingClock(20_000),
    }).run(request(root));
    expect(outcome).toEqual({ kind: 'timed-out', summary: 'half done: read the code', blocked: [] });
    expect(model.remaining).toBe(0);
  });

  it('kills a hung allowed command at its timeout and tells the model', async () => {
    const root = repo({
      'hang.js':
        'require("child_process").spawn(process.execPath, ["-e", "setInterval(()=>{},1000)"]); setInterval(() => {}, 1000);\n',
    });
    const model = scripted([
      turn(['run_command', { command: ['node', 'hang.js'] }]),
      turn(['finish', { summary: 'gave up', quality_score: 1, hints_for_next: '' }]),
    ]);
    const executor = new BuiltinExecutor(
      { model, shell: new SpawnShell({ killGraceMs: 200 }), clock: realClock },
      { commandTimeoutMs: 1000 },
    );
    const started = Date.now();
    const outcome = await executor.run(request(root, { allowedCommands: [['node', 'hang.js']] }));
    expect(Date.now() - started).toBeLessThan(8000);
    expect(outcome).toMatchObject({
      kind: 'completed',
      blocked: [{ kind: 'command-timeout', what: 'run node (timed out)' }],
    });
  });

  it('runs commands without secrets in the environment', async () => {
    const root = repo();
    process.env.ANTHROPIC_API_KEY = 'sk-ant-canary-executor';
    process.env.GITHUB_TOKEN = 'ghs_canaryexecutor';
    try {
      let output = '';
      const model: ModelPort = {
        describe: () => 'spy',
        generateObject: () => Promise.reject(new Error('unused')),
        toolTurn: async (req) => {
          const last = req.messages.at(-1);
          if (last?.role === 'tool') output = last.results[0]?.output ?? '';
          const calls =
            last?.role === 'tool' ? [] : [{ id: '1', name: 'run_command', input: { command: ['env'] } }];
          return {
            text: 'ok',
            toolCalls: calls,
            finishReason: 'stop',
            usage: {
              phase: 'implementation',
              model: 'spy',
              costUsd: 0,
              inputTokens: 0,
              outputTokens: 0,
              cachedInputTokens: 0,
              cacheWriteTokens: 0,
            },
          };
        },
      };
      await new BuiltinExecutor({ model, shell: new SpawnShell(), clock: realClock }).run(
        request(root, { allowedCommands: [['env']] }),
      );
      expect(output).toMatch(/^exit code 0\n[\s\S]*PATH=/);
      expect(output).not.toMatch(/canary|ANTHROPIC_API_KEY|GITHUB_TOKEN/);
    } finally {
      delete process.env.ANTHROPIC_API_KEY;
      delete process.env.GITHUB_TOKEN;
    }
  });

  it.each([
    [new ModelError('rate-limited', 'rate limited; resume later'), true],
    [new ModelError('auth', 'the key was rejected'), false],
  ])('turns a model error into a failed outcome (%s)', async (error, transient) => {
    const root = repo();
    const model: ModelPort = {
      describe: () => 'failing',
      generateObject: () => Promise.reject(error),
      toolTurn: () => Promise.reject(error),
    };
    const outcome = await new BuiltinExecutor({ model, shell: new SpawnShell(), clock: realClock }).run(
      request(root),
    );
    expect(outcome).toEqual({ kind: 'failed', reason: error.message, transient, blocked: [] });
  });
});
