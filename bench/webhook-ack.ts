/**
 * Webhook acknowledgement under load (issue 12's App target): the REAL servers as their own
 * processes over loopback, driven by a SEPARATE load process (autocannon, bench/support/
 * webhook-load.mjs), side by side and interleaved in one run:
 *
 *   probot                Probot's `run()` with an empty handler for every event (the baseline)
 *   maestro-memory        `npm start` (`node lib/app/server.js`, rebuilt first), the in-memory
 *                         queue, jobs on the job thread
 *   maestro-redis         the same with REDIS_URL (a redis-server started here on a free port)
 *   maestro-*-inline      the same servers with the jobs on the webhook's event loop (as before
 *                         the job thread; bench/support/maestro-inline-server.mjs)
 *
 * Deliveries are signed `issues.labeled` and `issue_comment.created` (half each, every one a
 * distinct event, so dedupe never short-circuits), and Maestro's queued work really runs: the
 * engine against a fake GitHub served over HTTP from this process (GHE_HOST). Each cell is the
 * median (and min–max) over the repetitions; RSS is the server's peak (VmHWM). A shed delivery
 * (503: the queue is at its bound) counts as answered but is shown in its own column; "jobs run"
 * is how many queued jobs finished in the cell (from the server's /metrics before it stops); "CPU
 * µs/req" is the server's CPU time per answered delivery, the whole process and its main thread
 * (the acknowledging one) apart, which a busy machine disturbs far less than req/s; "rest µs/job"
 * is the server's CPU outside the main thread (the job thread, GC, libuv) per job finished and
 * "API req/job" the fake GitHub's requests per job finished: what the queued work costs.
 *
 *   npm run bench:webhook [-- --seconds 5 --repetitions 3 --connections 10,50]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sign } from '@octokit/webhooks-methods';
import { example, SECRET, testPrivateKey } from '../test/integration/app/webhook-support.js';
import { appBot, FakeGitHub } from '../test/support/fake-github.js';
import { serveFakeGitHub } from '../test/support/fake-github-server.js';
import { freePort, startTestRedis } from '../test/support/redis-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    repetitions: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10,50' },
    quick: { type: 'boolean', default: false },
    /** Write each server's CPU profile here (`node --cpu-prof`), to see where an ack's time goes. */
    'cpu-prof': { type: 'string' },
    only: { type: 'string' },
    /**
     * A `lib/` compiled from another commit (node_modules beside it): adds `maestro-memory-before`
     * and `maestro-redis-before`, its `app/server.js`, interleaved with the rest (an A/B of a change).
     */
    before: { type: 'string' },
    /** MAESTRO_CONCURRENCY for Maestro's servers (jobs at once beside the acks). */
    concurrency: { type: 'string' },
  },
});
const seconds = values.quick ? 2 : Number(values.seconds);
const repetitions = values.quick ? 1 : Number(values.repetitions);
const connectionCounts = values.connections.split(',').map(Number);
const ALL_TARGETS = [
  'probot',
  'maestro-inline',
  ...(values.before ? (['maestro-memory-before'] as const) : []),
  'maestro-memory',
  'maestro-redis-inline',
  ...(values.before ? (['maestro-redis-before'] as const) : []),
  'maestro-redis',
] as const;
type Target = (typeof ALL_TARGETS)[number];
const TARGETS = ALL_TARGETS.filter((t) => !values.only || values.only.split(',').includes(t));
const TOKEN = `ghs_${'B'.repeat(36)}`;
const ISSUES = 50;

// `npm run build:cli`'s compile; tsc still emits when another part of the tree has a type error,
// so only a missing server is fatal. BENCH_SKIP_BUILD=1 keeps lib/ as it is.
if (process.env.BENCH_SKIP_BUILD !== '1') {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    encoding: 'utf8',
  });
  if (tsc.error) throw tsc.error;
  if (tsc.status !== 0)
    process.stderr.write(`tsc reported type errors (lib/ emitted anyway):\n${tsc.stdout}`);
}
if (!existsSync('lib/app/server.js')) throw new Error('lib/app/server.js is missing: run npm run build:cli');

const work = mkdtempSync(join(tmpdir(), 'maestro-bench-webhook-'));
const fake = new FakeGitHub({ owner: 'Codertocat', repo: 'Hello-World' });
fake.tokens.set(TOKEN, appBot);
for (let i = 0; i < ISSUES; i++)
  fake.addIssue({
    title: `issue ${i}`,
    body: 'text',
    user: { login: 'Codertocat', id: 21031067, type: 'User' },
  });
const github = await serveFakeGitHub(fake);
const redis = await startTestRedis();

/** Distinct signed deliveries: labels with a time of their own, comments with ids of their own. */
async function writeDeliveries(count: number): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const labeled = i % 2 === 0;
    const payload = labeled ? example('issues', 'labeled') : example('issue_comment', 'created');
    const issue = payload.issue as { number: number; updated_at: string };
    issue.number = 1 + (i % ISSUES);
    issue.updated_at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    if (!labeled) (payload.comment as { id: number }).id = 1_000_000 + i;
    const body = JSON.stringify(payload);
    lines.push(
      JSON.stringify({
        event: labeled ? 'issues' : 'issue_comment',
        body,
        signature: await sign(SECRET, body),
      }),
    );
  }
  const file = join(work, `deliveries-${randomUUID()}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function startServer(target: Target): Promise<{ child: ChildProcess; url: string; base: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    APP_ID: '1',
    PRIVATE_KEY: testPrivateKey,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'fatal' as NodeJS.ProcessEnv['LOG_LEVEL'],
    NODE_ENV: 'production',
    GHE_HOST: github.host,
    GHE_PROTOCOL: 'http',
    MAESTRO_RECONCILE_MINUTES: '0',
    ...(values.concurrency ? { MAESTRO_CONCURRENCY: values.concurrency } : {}),
    MAESTRO_CACHE_DIR: join(work, 'cache'),
    ...(target.startsWith('maestro-redis') ? { REDIS_URL: redis.url } : {}),
  };
  const script =
    target === 'probot'
      ? 'bench/support/probot-empty-app.mjs'
      : target.endsWith('-inline')
        ? 'bench/support/maestro-inline-server.mjs'
        : target.endsWith('-before')
          ? join(values.before!, 'app', 'server.js')
          : 'lib/app/server.js';
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const child = spawn(process.execPath, [...profile, script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${target} exited ${child.exitCode}: ${stderr}`);
    const up = await fetch(`${url}/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${target} did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `${url}/api/github/webhooks`, base: url };
}

/** Queued jobs finished so far (done or failed), from the server's /metrics; 0 for Probot's. */
async function jobsFinished(base: string): Promise<number> {
  const text = await fetch(`${base}/metrics`).then(
    (r) => (r.ok ? r.text() : ''),
    () => '',
  );
  return text
    .split('\n')
    .filter((line) => line.startsWith('maestro_job_duration_seconds_count'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * CPU seconds (user + system) the server has used: the whole process, and its main thread alone
 * (the thread that answers webhooks). Per delivery, these hold still on a busy machine where
 * req/s does not: they count the server's own work, not its wait for a core.
 */
function cpuSeconds(pid: number): { process: number; main: number } {
  const ticks = (file: string) => {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(file, 'utf8').split(') ').pop()!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { process: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  rss: number;
  shed: number;
  /** Queued jobs that finished during the measured seconds. */
  jobs: number;
  /** Server CPU per answered delivery (µs): the whole process, and the main thread alone. */
  cpuUs: number;
  mainUs: number;
  /**
   * The rest of the server's CPU (the job thread, GC and libuv helpers) per job finished, and the
   * fake GitHub's requests per job: what one queued job costs beside the acknowledgements.
   */
  jobUs: number;
  apiPerJob: number;
  errors: number;
}

function load(
  url: string,
  file: string,
  connections: number,
  duration: number,
): Promise<Omit<Sample, 'rss' | 'jobs' | 'cpuUs' | 'mainUs' | 'jobUs' | 'apiPerJob'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bench/support/webhook-load.mjs', url, file, String(connections), String(duration)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load exited ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop()!) as {
        rps: number;
        p50: number;
        p99: number;
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({ rps: r.rps, p50: r.p50, p99: r.p99, shed: r.non2xx, errors: r.errors + r.timeouts });
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // SIGTERM lets a profiled process write its profile (npm start drains, bounded).
  child.kill(values['cpu-prof'] ? 'SIGTERM' : 'SIGKILL');
  await exited;
}

const samples = new Map<string, Sample[]>();
const file = await writeDeliveries(20_000);
for (let rep = 0; rep < repetitions; rep++) {
  for (const connections of connectionCounts) {
    for (const target of TARGETS) {
      // The same deliveries every cell: the Redis queue's dedupe ids from the last cell go.
      const client = redis.client();
      const stale = await client.keys('{maestro}:*');
      if (stale.length > 0) await client.del(...stale);
      client.disconnect();
      const server = await startServer(target);
      try {
        await load(server.url, file, connections, 1); // warm-up: JIT, sockets, the installation token
        const pid = server.child.pid!;
        const before = await jobsFinished(server.base);
        const cpuBefore = cpuSeconds(pid);
        const apiBefore = fake.log.length;
        const sample = await load(server.url, file, connections, seconds);
        const cpuAfter = cpuSeconds(pid);
        const api = fake.log.length - apiBefore;
        const jobs = (await jobsFinished(server.base)) - before;
        const answered = sample.rps * seconds;
        const perRequest = (s: number) => (s * 1e6) / answered;
        const cpuUs = perRequest(cpuAfter.process - cpuBefore.process);
        const mainUs = perRequest(cpuAfter.main - cpuBefore.main);
        const rest = cpuAfter.process - cpuBefore.process - (cpuAfter.main - cpuBefore.main);
        const jobUs = jobs > 0 ? (rest * 1e6) / jobs : Number.NaN;
        const apiPerJob = jobs > 0 ? api / jobs : Number.NaN;
        const rss = peakRssMiB(pid);
        const key = `${target}|${connections}`;
        samples.set(key, [
          ...(samples.get(key) ?? []),
          { ...sample, rss, jobs, cpuUs, mainUs, jobUs, apiPerJob },
        ]);
      } finally {
        await stop(server.child);
      }
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const cell = (xs: number[], digits: number) =>
  xs.length > 1
    ? `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`
    : median(xs).toFixed(digits);

const header = [
  'server',
  'conns',
  'req/s',
  '× probot (pairwise)',
  'p50 ms',
  'p99 ms',
  'peak RSS MiB',
  '503 shed',
  'errors',
  'jobs run',
  'CPU µs/req',
  'main thread µs/req',
  'rest µs/job',
  'API req/job',
];
const rows: string[][] = [];
for (const connections of connectionCounts) {
  const probot = samples.get(`probot|${connections}`) ?? [];
  for (const target of TARGETS) {
    const s = samples.get(`${target}|${connections}`)!;
    rows.push([
      target,
      String(connections),
      cell(
        s.map((x) => x.rps),
        0,
      ),
      // Pairwise: each repetition's req/s over Probot's in the same repetition (the cells of one
      // repetition run back to back, so a busy moment of the machine hits both).
      cell(
        s.map((x, i) => x.rps / (probot[i]?.rps ?? Number.NaN)),
        2,
      ),
      cell(
        s.map((x) => x.p50),
        1,
      ),
      cell(
        s.map((x) => x.p99),
        1,
      ),
      cell(
        s.map((x) => x.rss),
        0,
      ),
      String(Math.round(median(s.map((x) => x.shed)))),
      String(Math.round(median(s.map((x) => x.errors)))),
      target === 'probot' ? '-' : String(Math.round(median(s.map((x) => x.jobs)))),
      cell(
        s.map((x) => x.cpuUs),
        0,
      ),
      cell(
        s.map((x) => x.mainUs),
        0,
      ),
      target === 'probot'
        ? '-'
        : cell(
            s.map((x) => x.jobUs),
            0,
          ),
      target === 'probot'
        ? '-'
        : cell(
            s.map((x) => x.apiPerJob),
            2,
          ),
    ]);
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(
  `\nSigned deliveries (issues.labeled + issue_comment.created) for ${seconds} s per cell after a 1 s warm-up, ` +
    `median (min–max) of ${repetitions}, autocannon in its own process, Node ${process.version}; ` +
    `Maestro's queued work runs against a fake GitHub over HTTP (${fake.log.length} API requests served)\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));

await github.close();
await redis.close();
rmSync(work, { recursive: true, force: true });
process.exit(0);
