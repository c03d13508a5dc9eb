import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseStateMarker } from '../../../src/core/state/state-marker.js';
import { appBot, FakeGitHub } from '../../support/fake-github.js';
import { type FakeGitHubServer, serveFakeGitHub } from '../../support/fake-github-server.js';
import { ALICE, APP_TOKEN, demoIssue } from '../../support/github-journey.js';
import { freePort, startTestRedis, type TestRedis } from '../../support/redis-server.js';
import { git, tempDir } from '../../support/temp-repo.js';
import { deliver, example, SECRET, testPrivateKey } from './webhook-support.js';

/*
 * Several App replicas as real processes (test/support/app-replica.ts: `npm start`'s server with
 * the real engine) sharing one real redis-server, against one fake GitHub over HTTP.
 */

const replicaEntry = fileURLToPath(new URL('../../support/app-replica.ts', import.meta.url));
const demoSample = fileURLToPath(new URL('../../../demo/sample', import.meta.url));

let redis: TestRedis;
let sample: ReturnType<typeof tempDir>;
beforeAll(async () => {
  redis = await startTestRedis();
  sample = tempDir();
  cpSync(demoSample, sample.path, { recursive: true });
  git(sample.path, 'init', '-q', '-b', 'main');
  git(sample.path, 'add', '-A');
  git(sample.path, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'sample');
});
afterAll(async () => {
  await redis?.close();
  sample?.dispose();
});

interface Replica {
  url: string;
  child: ChildProcess;
  output: () => string;
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world(): Promise<{ fake: FakeGitHub; github: FakeGitHubServer; prefix: string }> {
  const fake = new FakeGitHub(); // not started: no nock, the server below is its only door
  fake.tokens.set(APP_TOKEN, appBot);
  fake.permissions.set(ALICE.login, 'admin');
  const github = await serveFakeGitHub(fake);
  cleanups.push(github.close);
  return { fake, github, prefix: redis.prefix() };
}

async function replica(github: FakeGitHubServer, prefix: string, leaseMs = 30_000): Promise<Replica> {
  const cache = tempDir();
  // Probot's server reads PORT=0 as "unset" (3000): each replica gets a port that is free now.
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), replicaEntry], {
    env: {
      PATH: process.env.PATH,
      HOME: cache.path,
      APP_ID: '1',
      PRIVATE_KEY: testPrivateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: (process.env.MAESTRO_TEST_REPLICA_LOG ?? 'warn') as NodeJS.ProcessEnv['LOG_LEVEL'],
      LOG_FORMAT: 'json',
      GHE_HOST: github.host,
      GHE_PROTOCOL: 'http',
      MAESTRO_RECONCILE_MINUTES: '0',
      MAESTRO_CACHE_DIR: join(cache.path, 'cache'),
      REDIS_URL: redis.url,
      MAESTRO_TEST_REDIS_PREFIX: prefix,
      MAESTRO_TEST_LEASE_MS: String(leaseMs),
      MAESTRO_TEST_SAMPLE: sample.path,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    cache.dispose();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const ready = /READY (\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}/api/github/webhooks`, child, output: () => output };
}

function labeledPayload(fake: FakeGitHub, issue: number, at: string) {
  const payload = example<Record<string, unknown>>('issues', 'labeled');
  return {
    ...payload,
    repository: {
      ...(payload.repository as object),
      name: fake.repo,
      owner: { login: fake.owner, type: 'Organization' },
    },
    issue: { ...(payload.issue as object), number: issue, updated_at: at, pull_request: undefined },
    label: { ...(payload.label as object), name: 'maestro' },
    sender: { login: ALICE.login, id: ALICE.id, type: 'User' },
  };
}

function commentPayload(
  fake: FakeGitHub,
  issue: number,
  comment: { id: number; body: string; created_at: string },
) {
  const payload = example<Record<string, unknown>>('issue_comment', 'created');
  const user = { login: ALICE.login, id: ALICE.id, type: 'User' };
  return {
    ...payload,
    repository: {
      ...(payload.repository as object),
      name: fake.repo,
      owner: { login: fake.owner, type: 'Organization' },
    },
    issue: { ...(payload.issue as object), number: issue, pull_request: undefined },
    comment: {
      ...(payload.comment as object),
      id: comment.id,
      body: comment.body,
      user,
      created_at: comment.created_at,
      updated_at: comment.created_at,
    },
    sender: user,
  };
}

/** Maestro's comments on the issue that carry a plan (the planning comment). */
function planningComments(fake: FakeGitHub, issue: number) {
  return fake.commentsOn(issue).filter((c) => {
    const marker = parseStateMarker(c.body);
    return c.user.id === appBot.id && marker.kind === 'found' && marker.state.kind === 'plan';
  });
}

async function settled(prefix: string, ms = 60_000): Promise<void> {
  const client = redis.client();
  const deadline = Date.now() + ms;
  // The shared queue is empty and no lease is held: every replica is done with every issue.
  while (
    (await client.get(`${prefix}pending`)) !== '0' ||
    (await client.keys(`${prefix}lease:*`)).length > 0
  ) {
    if (Date.now() > deadline) throw new Error('the replicas never finished');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const until = async (condition: () => boolean, what: string, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('several App replicas on one Redis', { timeout: 150_000 }, () => {
  it('two replicas receiving the same delivery at the same moment post one planning comment', async () => {
    const { fake, github, prefix } = await world();
    const [a, b] = await Promise.all([replica(github, prefix), replica(github, prefix)]);
    const issue = fake.addIssue({ ...demoIssue(), user: ALICE }).number;
    const at = fake.label(issue, 'maestro', ALICE);
    const delivery = { event: 'issues', payload: labeledPayload(fake, issue, at), id: crypto.randomUUID() };

    const responses = await Promise.all([deliver(a.url, delivery), deliver(b.url, delivery)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await until(
      () => planningComments(fake, issue).length > 0,
      `a plan\n${a.output()}\n${b.output()}\n${JSON.stringify(fake.commentsOn(issue))}\n${fake.log.map((r) => `${r.method} ${r.path}`).join('\n')}`,
    );
    await settled(prefix);

    expect(planningComments(fake, issue)).toHaveLength(1);
  });

  it('two events of one issue on two replicas run one after the other', async () => {
    const { fake, github, prefix } = await world();
    const [a, b] = await Promise.all([replica(github, prefix), replica(github, prefix)]);
    const issue = fake.addIssue({ ...demoIssue(), user: ALICE }).number;
    const at = fake.label(issue, 'maestro', ALICE);
    // The plan's comment is held: the labeled job is caught in the middle, holding the issue.
    github.hold(new RegExp(`^POST /repos/${fake.owner}/${fake.repo}/issues/${issue}/comments$`));
    expect((await deliver(a.url, { event: 'issues', payload: labeledPayload(fake, issue, at) })).status).toBe(
      200,
    );
    await until(() => github.held.length === 1, 'the plan to be posted');

    const approval = fake.comment(issue, '/maestro approve', ALICE);
    const requestsBefore = fake.log.length;
    expect(
      (await deliver(b.url, { event: 'issue_comment', payload: commentPayload(fake, issue, approval) }))
        .status,
    ).toBe(200);
    // Both replicas have room and poll every 50 ms; for a second, nobody touches GitHub for the issue.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(fake.log.slice(requestsBefore)).toEqual([]);

    github.release();
    await settled(prefix);
    expect(planningComments(fake, issue)).toHaveLength(1);
    // The approval ran after the plan existed: it found it and dispatched the execute workflow.
    expect(fake.dispatches).toHaveLength(1);
    expect(fake.dispatches[0]!.inputs).toMatchObject({ issue: String(issue), reason: 'approve' });
  });

  it('a replica killed while holding an issue: another finishes it after the lease expires, once', async () => {
    const { fake, github, prefix } = await world();
    // Short enough to keep the test quick, long enough that a replica starved of CPU for a second
    // or two on a loaded 2-core machine still renews it (every third of its life) before it lapses.
    const leaseMs = 4_000;
    const [victim, survivor] = await Promise.all([
      replica(github, prefix, leaseMs),
      replica(github, prefix, leaseMs),
    ]);
    const issue = fake.addIssue({ ...demoIssue(), user: ALICE }).number;
    const at = fake.label(issue, 'maestro', ALICE);
    github.hold(new RegExp(`^POST /repos/${fake.owner}/${fake.repo}/issues/${issue}/comments$`));
    // Only the victim receives it; the job then lives in Redis, not in the victim's memory.
    const delivered = await deliver(victim.url, {
      event: 'issues',
      payload: labeledPayload(fake, issue, at),
    });
    expect(delivered.status).toBe(200);
    await until(() => github.held.length === 1, 'the plan to be posted');
    // Either replica may have taken the job; kill whichever holds it.
    const client = redis.client();
    const holder =
      (await client.get(`${prefix}lease:${fake.owner}/${fake.repo}#${issue}`.toLowerCase())) ?? '';
    expect(holder).not.toBe('');
    // The lease's value is `<fence>:<host>/<pid>/<random>`.
    const dead = [victim, survivor].find((r) => holder.includes(`/${r.child.pid}/`));
    if (!dead) throw new Error(`no replica holds the lease (${holder})`);
    const killedAt = Date.now();
    const exited = new Promise((resolve) => dead.child.once('exit', resolve));
    dead.child.kill('SIGKILL');
    await exited;
    github.release(); // the dead replica's held request is never applied

    await until(() => planningComments(fake, issue).length > 0, 'the other replica to plan');
    const tookOver = Date.now() - killedAt;
    await settled(prefix);
    expect(planningComments(fake, issue)).toHaveLength(1);
    expect(github.held).toHaveLength(1);
    // Not before the lease could have expired (renewed at most a third of its life before the kill).
    expect(tookOver).toBeGreaterThanOrEqual(leaseMs / 3);
  });
});
