import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { type AnthropicWire, anthropicWire, type WireReply } from '../../support/anthropic-wire.js';
import { fakeIo } from '../../support/fake-io.js';
import { draft } from '../../support/plan-fixtures.js';
import { tempDir, tempRepo } from '../../support/temp-repo.js';

/*
 * The chains end to end: the real CLI (`maestro run --chain … -y`), the real model adapter talking
 * to a local Anthropic Messages API, real git, the real sandbox for the gates. Only the model's
 * answers are scripted, in the order the run asks for them.
 */

export const KEY = 'sk-ant-api03-CANARY-chains-000000000000';

/** A Node project with `node --test` (no dependencies, so it runs inside the sandbox as is). */
export function nodeProject(files: Record<string, string>) {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'sample', version: '1.2.0', scripts: { test: 'node --test' } }),
    ...files,
  });
}

export interface ChainRun {
  code: number;
  stdout: string;
  stderr: string;
  wire: AnthropicWire;
}

/** Plans with `plan` (no questions), then answers the run's calls with `replies`. */
export async function runChain(
  root: string,
  chain: string,
  request: string,
  replies: readonly WireReply[],
  plan = draft({ questions: [] }),
): Promise<ChainRun> {
  const cache = tempDir();
  const wire = await anthropicWire([{ object: plan }, ...replies]);
  try {
    const run = fakeIo({
      cwd: root,
      env: {
        ANTHROPIC_API_KEY: KEY,
        ANTHROPIC_BASE_URL: wire.url,
        MAESTRO_CACHE_DIR: join(cache.path, 'cache'),
        PATH: process.env.PATH,
        HOME: process.env.HOME,
      },
    });
    const code = await main(['run', request, '--chain', chain, '-y'], run.io);
    return { code, stdout: run.stdout, stderr: run.stderr, wire };
  } finally {
    await wire.close();
    cache.dispose();
  }
}

/** One agent turn that writes files, then finishes. */
export function writesAndFinishes(
  files: Record<string, string>,
  finish: Record<string, unknown> = { summary: 'done', quality_score: 8, hints_for_next: 'none' },
): WireReply[] {
  return [
    {
      tools: Object.entries(files).map(([path, content]) => ({
        name: 'write_file',
        input: { path, content },
      })),
    },
    { tools: [{ name: 'finish', input: finish }] },
  ];
}
