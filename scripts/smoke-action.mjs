// Runs the Action bundle (dist/index.js, dist/post.js) the way a runner does — `node <file>` with
// a runner's environment — under whatever Node runs this script, and checks it starts, writes its
// outputs and fails cleanly with the reason. `.ci/run` runs it under Node 24, the version
// action.yml declares (`using: node24`), while the test suite runs on the machine's Node:
//   npm exec --yes --package=node@24 -- node scripts/smoke-action.mjs --expect-node 24
// Options: --dist <dir> (default dist/), --expect-node <major>. Exit 0 when every check holds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const dist = resolve(root, option('--dist') ?? 'dist');
const expectNode = option('--expect-node');
const failures = [];
const check = (ok, what) => {
  process.stdout.write(`${ok ? 'ok' : 'FAIL'}  ${what}\n`);
  if (!ok) failures.push(what);
};

const major = process.versions.node.split('.')[0];
process.stdout.write(`Action bundle smoke test on Node ${process.version} (${process.execPath})\n`);
if (expectNode !== undefined) check(major === expectNode, `runs on Node ${expectNode}`);

/** One step in a fresh runner directory; only the runner's variables, never this process's env. */
function step(file, eventName, inputs, payload = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-smoke-'));
  try {
    mkdirSync(join(dir, 'temp'));
    mkdirSync(join(dir, 'workspace'));
    for (const name of ['output.txt', 'summary.md', 'state.txt']) writeFileSync(join(dir, name), '');
    writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: join(dir, 'workspace'),
      GITHUB_RUN_ID: '1',
      GITHUB_OUTPUT: join(dir, 'output.txt'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      GITHUB_STATE: join(dir, 'state.txt'),
      RUNNER_TEMP: join(dir, 'temp'),
      'INPUT_GITHUB-TOKEN': 'ghs_smoketestsmoketestsmoketest00000',
      ...inputs,
    };
    const run = spawnSync(process.execPath, [join(dist, file)], { env, encoding: 'utf8', timeout: 60_000 });
    return {
      status: run.status,
      stdout: run.stdout,
      stderr: run.stderr,
      output: readFileSync(env.GITHUB_OUTPUT, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GITHUB_OUTPUT's `name<<DELIMITER … DELIMITER` and `name=value` entries. */
function outputs(text) {
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      values[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      values[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return values;
}

const ignored = step('index.js', 'push', { INPUT_MODE: 'auto' });
check(
  ignored.status === 0,
  `index.js: an event Maestro does not handle exits 0 (got ${ignored.status}) ${ignored.stderr}`,
);
check(outputs(ignored.output).status === 'ignored', 'index.js: writes status ignored to GITHUB_OUTPUT');

const bad = step('index.js', 'issues', { INPUT_MODE: 'yolo' });
check(bad.status === 1, `index.js: a bad input fails the step with exit 1 (got ${bad.status})`);
check(
  bad.stdout.includes('::error::action inputs: mode: must be auto, plan, execute or ci-fix, got "yolo"'),
  'index.js: the failure names the input and what it must be',
);
check(outputs(bad.output).status === 'error', 'index.js: writes status error to GITHUB_OUTPUT');

// An event Maestro acts on loads the lazily imported chunks (dist/chunks/: the engine, Octokit, the
// AI SDK): a chunk missing or unloadable on this Node fails here. GitHub is a closed local port, so
// the step ends at its first request with an error outcome, never a crash on loading.
const labeled = step(
  'index.js',
  'issues',
  { INPUT_MODE: 'auto', GITHUB_API_URL: 'http://127.0.0.1:9' },
  {
    action: 'labeled',
    label: { name: 'maestro' },
    issue: {
      number: 1,
      title: 'Smoke',
      body: '',
      user: { login: 'octocat', id: 1 },
      labels: [{ name: 'maestro' }],
      updated_at: '2026-01-01T00:00:00Z',
    },
    sender: { login: 'octocat', id: 1, type: 'User' },
    repository: { full_name: 'octo-org/octo-repo' },
  },
);
check(
  labeled.status === 1 &&
    /^::error::.*GitHub/m.test(labeled.stdout) &&
    !/ERR_MODULE_NOT_FOUND|Cannot find module/.test(labeled.stdout + labeled.stderr),
  `index.js: an event it acts on loads its chunks and fails only at GitHub (got ${labeled.status}) ${labeled.stderr}`,
);
check(
  outputs(labeled.output).status === 'error',
  'index.js: writes status error to GITHUB_OUTPUT when GitHub is unreachable',
);
process.stdout.write(
  labeled.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error::'))
    .join('\n') + '\n',
);

const post = step('post.js', 'issues', {});
check(post.status === 0, `post.js: exits 0 (got ${post.status}) ${post.stderr}`);

if (failures.length > 0) {
  process.stderr.write(
    `${failures.length} check(s) of the Action bundle failed on Node ${process.version}\n`,
  );
  process.exit(1);
}
process.stdout.write(`the Action bundle runs on Node ${process.version}\n`);
