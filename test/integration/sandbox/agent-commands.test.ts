import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BuiltinExecutor } from '../../../src/adapters/executors/builtin-executor.js';
import { CommandExecutor } from '../../../src/adapters/executors/command-executor.js';
import { writeInside } from '../../../src/adapters/executors/write-inside.js';
import type { ModelPort } from '../../../src/ports/model-port.js';
import type { Sandbox } from '../../../src/ports/sandbox-port.js';
import { testSandbox } from '../../support/sandbox.js';
import { tempRepo } from '../../support/temp-repo.js';
import { realClock, request, scripted, turn } from '../executors/executor-kit.js';

/*
 * Break 6: a process the agent's command forked outlived the command, and with it a write_file
 * race through a swapped symlink landed outside the worktree. Both executors now run commands in
 * the sandbox, and the file tools re-check the open file.
 */
let sandbox: Sandbox;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function repo(files: Record<string, string>): string {
  const made = tempRepo(files);
  cleanups.push(made.dispose);
  return made.root;
}
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Forks a detached process that would swap `src` for a symlink out of the worktree a moment later.
const swapper = (outside: string) => `
const { spawn } = require('node:child_process');
spawn('sh', ['-c', 'sleep 1; mv src src.bak && ln -s ${outside} src; echo swapped > swapped.txt'], { detached: true, stdio: 'ignore' }).unref();
console.log('pid ' + process.pid + ', processes ' + require('node:fs').readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length);
`;

describe("the builtin agent's commands", () => {
  it('run in the sandbox: a forked process dies with the command, so the later write stays inside', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'maestro-outside-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    const root = repo({ 'src/a.js': '1\n', 'race.js': swapper(outside) });
    const inner = scripted([
      turn(['run_command', { command: ['node', 'race.js'] }]),
      turn(['finish', { summary: 'ran', quality_score: 5, hints_for_next: '' }]),
    ]);
    const seen: string[] = [];
    const model: ModelPort = {
      describe: (phase) => inner.describe(phase),
      generateObject: (req) => inner.generateObject(req),
      toolTurn: (req) => {
        const last = req.messages.at(-1);
        if (last?.role === 'tool') seen.push(...last.results.map((r) => r.output));
        return inner.toolTurn(req);
      },
    };
    const outcome = await new BuiltinExecutor({ model, shell: sandbox.shell, clock: realClock }).run(
      request(root, { allowedCommands: [['node', 'race.js']] }),
    );
    expect(outcome.kind).toBe('completed');
    await wait(2000);
    expect(existsSync(join(root, 'swapped.txt'))).toBe(false);
    const output = seen.join('\n');
    // The command saw only its own PID namespace: bwrap's init, the command, and little else.
    expect(output).toMatch(/pid [23], processes [2-4]\b/);
  });
});

describe('a write whose parent directory was swapped for a symlink after the check', () => {
  it('writes nothing outside and reports an escape', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'maestro-outside-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, 'keep.txt'), 'untouched');
    const root = repo({ 'src/keep.txt': 'inside\n' });
    // The guard saw a real directory; now it is a link out of the repository.
    renameSync(join(root, 'src'), join(root, 'src.bak'));
    symlinkSync(outside, join(root, 'src'));
    expect(await writeInside(root, join(root, 'src/new.txt'), 'payload')).toBe('escaped');
    expect(await writeInside(root, join(root, 'src/keep.txt'), 'payload')).toBe('escaped');
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('untouched');
    mkdirSync(join(root, 'lib'));
    expect(await writeInside(root, join(root, 'lib/ok.txt'), 'fine')).toBe('written');
  });
});

describe('a CLI agent (command executor)', () => {
  it('runs in the sandbox with its prompt readable and $HOME hidden', async () => {
    const root = repo({
      'agent.js': `
const fs = require('node:fs');
const prompt = fs.readFileSync(process.env.MAESTRO_PROMPT_FILE, 'utf8');
let home = 'hidden';
try { fs.readdirSync(require('node:os').homedir()).forEach((e) => { if (e === '.ssh') home = 'visible'; }); } catch {}
fs.writeFileSync('done.txt', 'ok');
console.log('prompt ' + (prompt.includes('Add a greeting') ? 'read' : 'missing') + ', home ' + home);
console.log('\`\`\`json\\n{"quality_score": 7, "findings": "done", "hints_for_next": ""}\\n\`\`\`');
`,
    });
    const outcome = await new CommandExecutor(
      { shell: sandbox.shell },
      { command: ['node', 'agent.js'] },
    ).run(request(root));
    expect(outcome).toMatchObject({ kind: 'completed', summary: 'done' });
    expect(readFileSync(join(root, 'done.txt'), 'utf8')).toBe('ok');
  });
});
