import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A runner-like environment in a temp directory: event file, output, summary and state files. */
export interface FakeRunner {
  root: string;
  env: Record<string, string | undefined>;
  outputs(): Record<string, string>;
  summary(): string;
  state(): Record<string, string>;
  dispose(): void;
}

export function fakeRunner(options: {
  eventName: string;
  payload: unknown;
  inputs?: Record<string, string>;
  workspace?: string;
}): FakeRunner {
  const root = mkdtempSync(join(tmpdir(), 'maestro-runner-'));
  const temp = join(root, 'temp');
  mkdirSync(temp);
  const file = (name: string, content = '') => {
    const path = join(root, name);
    writeFileSync(path, content);
    return path;
  };
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: file('event.json', JSON.stringify(options.payload)),
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: options.workspace ?? join(root, 'workspace'),
    GITHUB_RUN_ID: '4242',
    GITHUB_STEP_SUMMARY: file('summary.md'),
    GITHUB_OUTPUT: file('output.txt'),
    GITHUB_STATE: file('state.txt'),
    RUNNER_TEMP: temp,
    'INPUT_GITHUB-TOKEN': 'ghs_faketokenfaketokenfaketoken0000',
    INPUT_MODE: 'auto',
    'INPUT_CONFIG-PATH': '.github/maestro.yml',
    'INPUT_DRY-RUN': 'false',
  };
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${name.toUpperCase()}`] = value;
  const read = (name: string) => readFileSync(join(root, name), 'utf8');
  return {
    root,
    env,
    outputs: () => parseKeyValues(read('output.txt')),
    summary: () => read('summary.md'),
    state: () => parseKeyValues(read('state.txt')),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Reads a GITHUB_OUTPUT-format file back: `name<<DELIM … DELIM` heredocs and `name=value` lines. */
export function parseKeyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^<=]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`unterminated value for ${heredoc[1]}`);
      values[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

interface WebhookExamples {
  name: string;
  examples: Array<Record<string, unknown>>;
}

/** Payloads from @octokit/webhooks-examples (GitHub's documented examples) for one event and action. */
let allExamples: WebhookExamples[] | undefined;

export function webhookExamples(event: string, action?: string): Array<Record<string, unknown>> {
  if (!allExamples) {
    const path = createRequire(import.meta.url).resolve(
      '@octokit/webhooks-examples/api.github.com/index.json',
    );
    allExamples = JSON.parse(readFileSync(path, 'utf8')) as WebhookExamples[];
  }
  const all = allExamples;
  const examples = all.find((e) => e.name === event)?.examples ?? [];
  const matching = action === undefined ? examples : examples.filter((e) => e.action === action);
  if (matching.length === 0) throw new Error(`no webhook example for ${event}.${action}`);
  return matching.map((e) => structuredClone(e));
}
