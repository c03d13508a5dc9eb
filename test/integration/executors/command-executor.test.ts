import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandExecutor } from '../../../src/adapters/executors/command-executor.js';
import { createExecutor } from '../../../src/adapters/executors/index.js';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { ConfigError } from '../../../src/core/errors.js';
import { tempDir, tempRepo } from '../../support/temp-repo.js';
import { realClock, request, scripted } from './executor-kit.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A fake CLI agent: records what it was given, edits a file, prints the seed's JSON block. */
const fakeAgent = `
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const promptFile = args[args.indexOf('--prompt-file') + 1];
const prompt = fs.readFileSync(promptFile, 'utf8');
const stdin = fs.readFileSync(0, 'utf8');
const mode = process.env.FAKE_AGENT_MODE ?? 'ok';
fs.writeFileSync(process.env.FAKE_AGENT_LOG, JSON.stringify({
  args, cwd: process.cwd(), promptFile, prompt, promptMentionsTask: prompt.includes('Add a greeting'), stdinIsPrompt: stdin === prompt,
  env: Object.keys(process.env),
}));
const finding = { file: 'src/greet.js', line: 1, severity: 'high', what: 'says hi', why: 'the issue wants hello' };
if (mode === 'hang') setInterval(() => {}, 1000);
else if (mode === 'crash') { process.stderr.write('agent broke'); process.exit(2); }
else if (mode === 'review') {
  console.log('Reviewed.\\n\`\`\`json\\n' + JSON.stringify({ quality_score: 8, summary: 'one real problem', findings: [finding, { file: 'x', severity: 'bad' }], hints_for_next: '' }) + '\\n\`\`\`');
} else if (mode === 'tests') {
  fs.mkdirSync('test', { recursive: true });
  fs.writeFileSync('test/greet.test.js', 'test("greets", () => {});\\n');
  console.log('\`\`\`json\\n' + JSON.stringify({ quality_score: 7, findings: 'added a test', hints_for_next: '' }) + '\\n\`\`\`');
} else {
  fs.writeFileSync('src/greet.js', 'exports.greet = () => "hello";\\n');
  if (mode === 'protected') fs.writeFileSync('.github/workflows/evil.yml', 'on: push');
  if (mode === 'symlink') fs.symlinkSync('/etc/passwd', 'passwd');
  console.log('Working...\\n\`\`\`json\\n' + JSON.stringify({ quality_score: 7, findings: 'greet says hello', hints_for_next: 'tests next' }) + '\\n\`\`\`');
}
`;

function setup(mode = 'ok') {
  const repo = tempRepo({
    'src/greet.js': 'exports.greet = () => "hi";\n',
    '.github/workflows/ci.yml': 'on: push\n',
  });
  const agentDir = tempDir();
  cleanups.push(repo.dispose, agentDir.dispose);
  const agent = join(agentDir.path, 'agent.cjs');
  const log = join(agentDir.path, 'log.json');
  writeFileSync(agent, fakeAgent);
  const executor = new CommandExecutor(
    { shell: new SpawnShell({ killGraceMs: 200 }) },
    {
      command: [process.execPath, agent, '--prompt-file', '{prompt_file}', '--dir={workdir}'],
      passEnv: ['FAKE_AGENT_MODE', 'FAKE_AGENT_LOG', 'ANTHROPIC_API_KEY'],
      parentEnv: {
        ...process.env,
        FAKE_AGENT_MODE: mode,
        FAKE_AGENT_LOG: log,
        ANTHROPIC_API_KEY: 'sk-ant-canary',
      },
    },
  );
  const logged = () =>
    JSON.parse(readFileSync(log, 'utf8')) as {
      args: string[];
      cwd: string;
      promptFile: string;
      prompt: string;
      promptMentionsTask: boolean;
      stdinIsPrompt: boolean;
      env: string[];
    };
  return { root: repo.root, executor, logged };
}

describe('CommandExecutor', () => {
  it('runs the agent with the prompt file outside the workdir and reads its JSON report', async () => {
    const { root, executor, logged } = setup();
    const outcome = await executor.run(request(root));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'greet says hello',
      qualityScore: 7,
      hints: 'tests next',
      blocked: [],
    });
    expect(readFileSync(join(root, 'src/greet.js'), 'utf8')).toContain('hello');
    const seen = logged();
    expect(seen.promptMentionsTask).toBe(true);
    expect(seen.stdinIsPrompt).toBe(true);
    expect(seen.promptFile.startsWith(seen.cwd)).toBe(false);
    expect(seen.args).toEqual(['--prompt-file', seen.promptFile, `--dir=${seen.cwd}`]);
    expect(existsSync(seen.promptFile)).toBe(false);
  });

  it('gives the agent no secrets, even a key its config passes by name', async () => {
    const { root, executor, logged } = setup();
    await executor.run(request(root));
    expect(logged().env).not.toContain('ANTHROPIC_API_KEY');
    expect(logged().env).toContain('FAKE_AGENT_MODE');
  });

  it('reports a changed protected path as blocked', async () => {
    const { root, executor } = setup('protected');
    const outcome = await executor.run(request(root));
    expect(outcome).toMatchObject({
      kind: 'completed',
      blocked: [{ kind: 'protected-path', what: 'write .github/workflows/evil.yml' }],
    });
  });

  it('reports a new symlink out of the repository as blocked', async () => {
    const { root, executor } = setup('symlink');
    const outcome = await executor.run(request(root));
    expect(outcome).toMatchObject({
      kind: 'completed',
      blocked: [{ kind: 'path-escape', what: 'write passwd (symlink out of the repository)' }],
    });
  });

  it("reads a review's findings from its JSON block, dropping malformed ones, and asks for them in the prompt", async () => {
    const { root, executor, logged } = setup('review');
    const outcome = await executor.run(request(root, { access: { mode: 'read-only' } }));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'one real problem (1 malformed findings dropped)',
      qualityScore: 8,
      hints: '',
      findings: [
        { file: 'src/greet.js', line: 1, severity: 'high', what: 'says hi', why: 'the issue wants hello' },
      ],
      blocked: [],
    });
    const { prompt } = logged();
    expect(prompt).toContain('This is a read-only review: change, create or delete no file');
    expect(prompt).toContain('"severity": "<critical|high|medium|low|info>"');
    // Gate commands run repository code, which can write: a review is not told it may run them.
    expect(prompt).toContain('- `git diff`');
    expect(prompt).not.toContain('- `node --test`');
  });

  it('stops a read-only review whose agent changed a file, and reports it as blocked', async () => {
    const { root, executor } = setup('ok');
    const outcome = await executor.run(request(root, { access: { mode: 'read-only' } }));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'security stop: the review agent changed files: src/greet.js',
      transient: false,
      blocked: [{ kind: 'protected-path', what: 'write src/greet.js (read-only review)' }],
    });
  });

  it('stops a read-only review that changed a protected path too, listing both', async () => {
    const { root, executor } = setup('protected');
    const outcome = await executor.run(request(root, { access: { mode: 'read-only' } }));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'security stop: the review agent changed files: src/greet.js, .github/workflows/evil.yml',
      transient: false,
      blocked: [
        { kind: 'protected-path', what: 'write src/greet.js (read-only review)' },
        { kind: 'protected-path', what: 'write .github/workflows/evil.yml' },
      ],
    });
  });

  it("treats a change outside an only step's globs like a protected path, and stops", async () => {
    const { root, executor, logged } = setup('ok');
    const access = { mode: 'only' as const, paths: ['test/**'], why: 'test files' };
    const outcome = await executor.run(request(root, { access }));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'security stop: the agent changed files outside test files: src/greet.js',
      transient: false,
      blocked: [{ kind: 'protected-path', what: 'write src/greet.js (only test files may change)' }],
    });
    expect(logged().prompt).toContain(
      'In this step only test files may change: change, create or delete only paths matching test/**.',
    );
  });

  it('completes an only step that changed files inside its globs', async () => {
    const { root, executor } = setup('tests');
    const access = { mode: 'only' as const, paths: ['test/**'], why: 'test files' };
    const outcome = await executor.run(request(root, { access }));
    expect(outcome).toEqual({
      kind: 'completed',
      summary: 'added a test',
      qualityScore: 7,
      hints: '',
      blocked: [],
    });
  });

  it('kills a hung agent at the timeout', async () => {
    const { root, executor } = setup('hang');
    const started = Date.now();
    const outcome = await executor.run(request(root, { timeoutMs: 800 }));
    expect(outcome).toEqual({ kind: 'timed-out', summary: '(no output)', blocked: [] });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('fails when the agent exits non-zero', async () => {
    const { root, executor } = setup('crash');
    const outcome = await executor.run(request(root));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'the agent exited with code 2: agent broke',
      transient: false,
      blocked: [],
    });
  });

  it('fails clearly when the agent cannot start', async () => {
    const repo = tempRepo({ 'a.txt': 'a' });
    cleanups.push(repo.dispose);
    const executor = new CommandExecutor(
      { shell: new SpawnShell() },
      { command: ['maestro-no-such-agent', '{prompt_file}'] },
    );
    const outcome = await executor.run(request(repo.root));
    expect(outcome).toEqual({
      kind: 'failed',
      reason: 'could not start the agent (maestro-no-such-agent: ENOENT)',
      transient: false,
      blocked: [],
    });
  });
});

describe('createExecutor', () => {
  const deps = { model: scripted([]), shell: new SpawnShell(), clock: realClock };

  it('builds the configured kind', () => {
    expect(createExecutor({ kind: 'builtin', max_turns: 5 }, deps).kind).toBe('builtin');
    expect(createExecutor({ kind: 'command', command: ['claude', '-p'], max_turns: 5 }, deps).kind).toBe(
      'command',
    );
  });

  it('refuses a command executor without a command', () => {
    expect(() => createExecutor({ kind: 'command', max_turns: 5 }, deps)).toThrow(ConfigError);
  });
});
