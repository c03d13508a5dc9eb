/**
 * Webhook acknowledgement benchmark (docs: design benchmarks §3). Signed `issues.labeled` and
 * `issue_comment.created` deliveries through the real HTTP middleware on 127.0.0.1, at 10 and 50
 * concurrent connections: latency p50/p99 from request to response and throughput, for
 *
 *   bare     a `node:http` handler that reads the body and verifies the signature, nothing else
 *   probot   Probot 14's middleware with an empty handler for every event (Probot still builds
 *            each event's context and installation client, as it must for any app)
 *   maestro  Probot with Maestro's handlers and queue (the engine stubbed: no GitHub, no model)
 *
 * Every delivery is distinct (delivery id, comment id, label time), so the queue's dedupe never
 * short-circuits. GitHub fails a delivery that is not answered within 10 s.
 *
 *   npm run bench:webhook [-- --deliveries 500 --connections 10,50]
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type RequestListener, request } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sign, verify } from '@octokit/webhooks-methods';
import { createNodeMiddleware, Probot } from 'probot';
import { type MaestroApp, maestroApp } from '../src/app/index.js';
import { memoryCacheStore } from '../src/ports/cache-port.js';
import { systemClock } from '../src/ports/clock-port.js';
import type { IssueHost } from '../src/ports/issue-host-port.js';
import { silentLogger } from '../src/ports/logger-port.js';

const { values } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '500' },
    connections: { type: 'string', default: '10,50' },
  },
});
const deliveries = Number(values.deliveries);
const connectionCounts = values.connections.split(',').map(Number);
const SECRET = 'bench-secret';
const PATH = '/api/github/webhooks';
const WARM_UP = 100;

type Example = Record<string, unknown> & { action?: string };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{
  name: string;
  examples: Example[];
}>;
function example(name: string, action: string): Example {
  const found = examples.find((d) => d.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name}.${action} example`);
  return { ...structuredClone(found), installation: { id: 1 } };
}

interface Delivery {
  event: string;
  body: string;
  signature: string;
}

/** `count` distinct signed deliveries of one event, signed before timing starts. */
async function makeDeliveries(event: 'issues' | 'issue_comment', count: number): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (let i = 0; i < count; i++) {
    const payload = event === 'issues' ? example('issues', 'labeled') : example('issue_comment', 'created');
    const issue = payload.issue as { number: number; updated_at: string };
    issue.number = 1 + (i % 50);
    issue.updated_at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    if (event === 'issue_comment') (payload.comment as { id: number }).id = 1_000_000 + i;
    const body = JSON.stringify(payload);
    out.push({ event, body, signature: await sign(SECRET, body) });
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const bare: RequestListener = async (req, res) => {
  const body = await readBody(req);
  const signature = req.headers['x-hub-signature-256'];
  const ok = typeof signature === 'string' && (await verify(SECRET, body, signature));
  res.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'bad signature\n');
};

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;

async function probotListener(
  withMaestro: boolean,
): Promise<{ listener: RequestListener; maestro?: MaestroApp }> {
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, logLevel: 'fatal' });
  let maestro: MaestroApp | undefined;
  const middleware = await createNodeMiddleware(
    (app) => {
      if (!withMaestro) {
        app.onAny(() => {});
        return;
      }
      maestro = maestroApp(app, {
        concurrency: 4,
        reconcileMinutes: 0,
        gitBaseUrl: 'https://github.com',
        secrets: [],
        env: {},
        handle: async () => ({ kind: 'ignored', reason: 'bench' }),
        depsFor: () => ({
          host: {} as IssueHost,
          clock: systemClock,
          logger: silentLogger,
          role: 'app',
          openModel: () => Promise.reject(new Error('no model in the bench')),
          checkout: () => Promise.reject(new Error('no checkout in the bench')),
          cache: memoryCacheStore(),
        }),
      });
    },
    { probot },
  );
  return { listener: (req, res) => void middleware(req, res, () => res.writeHead(404).end()), maestro };
}

async function measure(listener: RequestListener, deliveriesToSend: Delivery[], connections: number) {
  let batch = deliveriesToSend;
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  // node:http with keep-alive rather than fetch: the client shares this process, so it should cost little.
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send = (d: Delivery) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: PATH,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(d.body),
            'x-github-event': d.event,
            'x-github-delivery': randomUUID(),
            'x-hub-signature-256': d.signature,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`delivery answered ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(d.body);
    });
  // Warm-up at the same concurrency: JIT, and every socket of the pool opened before timing.
  const warm = batch.slice(0, WARM_UP);
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let d = warm.pop(); d; d = warm.pop()) await send(d);
    }),
  );
  batch = batch.slice(WARM_UP);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < batch.length) {
        const d = batch[next++]!;
        const t0 = performance.now();
        await send(d);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99), rps: batch.length / seconds };
}

const header = ['server', 'event', 'conns', 'p50 ms', 'p99 ms', 'req/s'];
const rows: string[][] = [];
for (const event of ['issues', 'issue_comment'] as const) {
  for (const connections of connectionCounts) {
    for (const kind of ['bare', 'probot', 'maestro'] as const) {
      // Fresh deliveries and a fresh app per row: nothing is deduped, nothing warm from a previous row.
      const batch = await makeDeliveries(event, deliveries + WARM_UP);
      const target = kind === 'bare' ? { listener: bare } : await probotListener(kind === 'maestro');
      const r = await measure(target.listener, batch, connections);
      await target.maestro?.stop();
      const name = event === 'issues' ? 'issues.labeled' : 'issue_comment.created';
      rows.push([kind, name, String(connections), r.p50.toFixed(2), r.p99.toFixed(2), r.rps.toFixed(0)]);
    }
  }
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
console.log('\n# Webhook acknowledgement\n');
console.log(
  `${deliveries} signed deliveries per row over HTTP on 127.0.0.1 (after ${WARM_UP} warm-up), Node ${process.version}\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`);
for (const row of rows) console.log(line(row));
