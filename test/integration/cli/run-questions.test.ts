import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEntry } from '../../../src/adapters/model/scripted-model.js';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { draft } from '../../support/plan-fixtures.js';
import {
  NO_GATES,
  type RunFixture,
  readJson,
  runFixture,
  sessionFile,
  sessionIds,
  usage,
} from '../engine/run-kit.js';

/**
 * Issue 13, items 4, 5 and 7 at the terminal prompt: the plan comes before its questions, a
 * blocking question is never settled by its default, and a declined plan ends as declined.
 * The terminal is a fake that records output and prompts in the order a person would see them.
 */
let fx: RunFixture | undefined;
afterEach(() => {
  fx?.dispose();
  fx = undefined;
});

const blocking = { id: 'Q1', question: 'Which JSON shape?', default: 'An array', why: '', blocking: true };

function planOnly(d = draft()): RecordedEntry {
  return { name: 'plan', phase: 'planning', object: d, usage: usage(), model: 'claude-sonnet-4-5' };
}

/** Runs `maestro` with a terminal that answers from `answers`; `screen` is output and prompts in order. */
async function atTerminal(args: string[], answers: string[]) {
  const screen: string[] = [];
  const io: CliIo = {
    stdout: (s) => void screen.push(s),
    stderr: (s) => void screen.push(s),
    env: { MAESTRO_CACHE_DIR: join(fx!.tmp, 'cache'), PATH: process.env.PATH, HOME: process.env.HOME },
    cwd: fx!.root,
    isTTY: true,
    readLine: async (prompt) => {
      screen.push(`<prompt>${prompt}`);
      return answers.shift();
    },
  };
  const code = await main(args, io);
  return { code, screen: screen.join('') };
}

function status(): string {
  const [id] = sessionIds(fx!.root);
  return readJson<{ status: string }>(sessionFile(fx!.root, id!, 'metadata.json')).status;
}

describe('the questions at the terminal', () => {
  it('come after the plan they are about (item 5)', async () => {
    fx = runFixture([NO_GATES]);
    const run = await atTerminal(
      ['run', 'Add JSON output', '--replay', fx.replay([planOnly()])],
      ['', '', 'n'],
    );

    expect(run.code).toBe(0);
    const plan = run.screen.indexOf('### PRD: JSON output for report');
    const question = run.screen.indexOf('<prompt>[Maestro]   ? Q1: Pretty-print the JSON?');
    expect(plan).toBeGreaterThan(-1);
    expect(question).toBeGreaterThan(plan);
  });

  it('a declined plan ends as declined, not waiting for approval forever (item 7)', async () => {
    fx = runFixture([NO_GATES]);
    const run = await atTerminal(
      ['run', 'Add JSON output', '--replay', fx.replay([planOnly()])],
      ['', '', 'n'],
    );
    expect(run.code).toBe(0);
    expect(run.screen).toContain('Not approved.');
    expect(status()).toBe('declined');
  });
});

describe('a blocking question (item 4)', () => {
  it('is not answered by its default under -y: nothing is approved and the run exits 1', async () => {
    fx = runFixture([NO_GATES]);
    const replay = fx.replay([planOnly(draft({ questions: [blocking] }))]);
    const run = await fx.maestro(['run', 'Add JSON output', '-y', '--replay', replay]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Not ready for approval: Q1 needs an answer');
    expect(run.stdout).toContain('Answer Q1: run again at a terminal without -y');
    expect(run.stdout).toContain('**Blocking: needs an answer before approval**');
    const [id] = sessionIds(fx.root);
    expect(existsSync(sessionFile(fx.root, id!, 'approval.json'))).toBe(false);
    expect(status()).toBe('failed');
  });

  it('is not answered by Enter at the prompt, which shows the default as a suggestion', async () => {
    fx = runFixture([NO_GATES]);
    const replay = fx.replay([planOnly(draft({ questions: [blocking] }))]);
    const run = await atTerminal(['run', 'Add JSON output', '--replay', replay], ['']);

    expect(run.code).toBe(1);
    expect(run.screen).toContain(
      '<prompt>[Maestro]   ? Q1: Which JSON shape? (blocking: type an answer; suggested: An array; Enter leaves it open)',
    );
    expect(run.screen).toContain('Not ready for approval: Q1 needs an answer');
    expect(run.screen).not.toContain('Approve revision');
  });
});
