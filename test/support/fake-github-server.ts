import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGitHub } from './fake-github.js';

/**
 * `FakeGitHub` behind a real HTTP server on 127.0.0.1, for code in other processes (App replicas,
 * the benchmark's server) that nock cannot reach. Reach it as GitHub Enterprise:
 * `GHE_HOST=127.0.0.1:<port>`, `GHE_PROTOCOL=http` (the API is under `/api/v3`). A test can hold
 * requests (`hold`): they get no answer until released or the connection dies, which is how a
 * replica is caught in the middle of a job.
 */
export interface FakeGitHubServer {
  url: string;
  /** `127.0.0.1:<port>`, for GHE_HOST. */
  host: string;
  /** Requests matching `METHOD /path` are kept unanswered; `held` lists them as they arrive. */
  hold(match: RegExp): void;
  held: string[];
  /** Answers every held request and stops holding. */
  release(): void;
  close(): Promise<void>;
}

export async function serveFakeGitHub(fake: FakeGitHub): Promise<FakeGitHubServer> {
  let holding: RegExp | undefined;
  const held: string[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // GitHub Enterprise serves REST under /api/v3 and GraphQL at /api/graphql.
      const uri = (req.url ?? '/').replace(/^\/api\/graphql/, '/graphql');
      const method = req.method ?? 'GET';
      const text = Buffer.concat(chunks).toString('utf8');
      // A caller that died while held (a killed replica) gets nothing applied on its behalf.
      const answer = () => {
        if (!res.destroyed && !req.socket.destroyed)
          reply(res, fake.answer(method, uri, text, req.headers.authorization));
      };
      const what = `${method} ${new URL(uri, 'http://x').pathname.replace(/^\/api\/v3/, '')}`;
      if (holding?.test(what)) {
        held.push(what);
        waiting.push(answer);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    held,
    hold(match) {
      holding = match;
    },
    release() {
      holding = undefined;
      for (const answer of waiting.splice(0)) answer();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(
  res: ServerResponse,
  [status, body, headers]: [number, unknown, Record<string, string>?],
): void {
  if (res.destroyed) return;
  const text =
    body === undefined || status === 204 ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(text);
}
