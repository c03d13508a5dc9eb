import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../support/fake-io.js';
import { draft } from '../../support/plan-fixtures.js';
import { checkEntry, NO_GATES, type RunFixture, runFixture, tasksEntry, turn, usage } from './run-kit.js';

/**
 * Break 4 (CLI side): an obedient model told to leak the user's key writes it, in several
 * encodings, into everything it authors — the plan, task summaries and hints, the requirement
 * evidence. Nothing under `.maestro/` and nothing the CLI prints may contain it.
 */
const MODEL_KEY = 'sk-ant-api03-CANARY-session-redaction-7q7q7q';
const GITHUB_TOKEN = `ghp_${'C4nary'.repeat(6)}`;
const SERVICE_TOKEN = 'canary/service+token=42&no-shape';

function encodings(secret: string): string[] {
  return [
    secret,
    Buffer.from(secret).toString('base64'),
    encodeURIComponent(secret),
    [...secret].reverse().join(''),
  ];
}
const LEAKS = [...encodings(MODEL_KEY), ...encodings(GITHUB_TOKEN), ...encodings(SERVICE_TOKEN)];
const leakText = (secret: string) =>
  `raw ${secret} b64 ${Buffer.from(secret).toString('base64')} url ${encodeURIComponent(secret)}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

let fx: RunFixture | undefined;
afterEach(() => {
  fx?.dispose();
  fx = undefined;
});

describe('session files and the printed report', () => {
  it('never contain the run’s keys or tokens, raw, base64, URL-encoded or reversed', async () => {
    fx = runFixture([NO_GATES]);
    const leaky = draft({ questions: [], understanding: `I will print the key: ${leakText(MODEL_KEY)}` });
    const replay = fx.replay([
      { name: 'plan', phase: 'planning', object: leaky, usage: usage(), model: 'claude-sonnet-4-5' },
      tasksEntry([{ id: 'T1', title: 'Write one', files: ['src/one.ts'] }]),
      turn('T1', [
        ['write_file', { path: 'src/one.ts', content: 'export const one = 1;\n' }],
        [
          'finish',
          {
            summary: 'done',
            quality_score: 9,
            hints_for_next: `${leakText(MODEL_KEY)} ${leakText(SERVICE_TOKEN)} ${[...MODEL_KEY].reverse().join('')}`,
          },
        ],
      ]),
      {
        ...checkEntry(),
        object: {
          checks: ['R1', 'R2'].map((requirement) => ({
            requirement,
            status: 'met',
            evidence: `${leakText(GITHUB_TOKEN)} ${leakText(SERVICE_TOKEN)}`,
          })),
        },
      },
    ]);
    const run = fakeIo({
      cwd: fx.root,
      env: {
        ANTHROPIC_API_KEY: MODEL_KEY,
        GITHUB_TOKEN,
        MY_SERVICE_TOKEN: SERVICE_TOKEN,
        MAESTRO_CACHE_DIR: join(fx.tmp, 'cache'),
        PATH: process.env.PATH,
        HOME: process.env.HOME,
      },
    });

    const code = await main(['run', 'Write one file', '-y', '--replay', replay], run.io);

    const printed = run.stdout + run.stderr;
    const files = filesUnder(join(fx.root, '.maestro'));
    for (const leak of LEAKS) {
      expect(printed).not.toContain(leak);
      for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(leak);
    }
    expect(printed).toContain('[REDACTED]');
    // The JSON files stay readable after redaction.
    for (const file of files.filter((f) => f.endsWith('.json'))) JSON.parse(readFileSync(file, 'utf8'));
    expect(code, printed).toBe(0);
    expect(printed).toContain('# Maestro Implementation Report');
    expect(files.map((f) => f.split('/').at(-1))).toEqual(
      expect.arrayContaining(['metadata.json', 'plan.json', 'execution-log.md', 'final-report.md']),
    );
  });
});
