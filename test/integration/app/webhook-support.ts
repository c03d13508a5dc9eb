import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import type { ApplicationFunction } from 'probot';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';

/** One webhook definition of `@octokit/webhooks-examples` (api.github.com/index.json). */
interface WebhookDefinition {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/**
 * A deep copy of GitHub's recorded example for `event.action` (the `index`-th one), with the
 * overrides merged in at the top level and an installation added (most examples have none).
 */
export function example<T = Record<string, unknown>>(
  name: string,
  action: string,
  index = 0,
): T & { installation: { id: number } } {
  const found = definitions.find((d) => d.name === name)?.examples.filter((e) => e.action === action)[index];
  if (!found) throw new Error(`no ${name}.${action} example #${index} in @octokit/webhooks-examples`);
  return { installation: { id: 4242 }, ...structuredClone(found) } as T & { installation: { id: number } };
}

/** An RSA key made once per test file: Probot needs a well-formed key to build its clients. */
export const testPrivateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;

export const SECRET = "It's a Secret to Everybody";

/** A Probot with retries and throttling off (tests should be fast and see every request). */
export function testProbot(secret = SECRET): Probot {
  return new Probot({
    appId: 1,
    privateKey: testPrivateKey,
    secret,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
}

/** Probot's real node middleware on a real `node:http` server bound to 127.0.0.1. */
export async function listen(
  appFn: ApplicationFunction,
  probot: Probot,
): Promise<{ url: string; close(): Promise<void> }> {
  const middleware = await createNodeMiddleware(appFn, { probot });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/github/webhooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs a delivery the way GitHub does; `headers` override or (with `undefined`) remove headers. */
export async function deliver(
  url: string,
  options: {
    event: string;
    payload: unknown;
    id?: string;
    secret?: string;
    headers?: Record<string, string | undefined>;
  },
): Promise<Response> {
  const body = typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-github-event': options.event,
    'x-github-delivery': options.id ?? crypto.randomUUID(),
    'x-hub-signature-256': await sign(options.secret ?? SECRET, body),
    'user-agent': 'GitHub-Hookshot/test',
    ...options.headers,
  };
  const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return fetch(url, { method: 'POST', headers: defined, body });
}

/** A promise with its resolve function outside, to hold a job until the test lets it go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
