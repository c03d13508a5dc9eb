import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `sandbox.network: { allow: [...] }`: the sandbox keeps its own, empty network namespace; the only
 * way out is an HTTP proxy Maestro runs OUTSIDE it on a Unix socket bound into the sandbox. The
 * proxy forwards `CONNECT host:443` and plain `http://host/` requests to allow-listed host names
 * only (ports 80 and 443); everything else gets 403 and no connection is made. Inside, a few lines
 * of node (`bridge`) listen on 127.0.0.1 and point the usual proxy variables at it.
 */
export interface NetworkProxy {
  inside: { socket: string; env: Record<string, string>; bridge: readonly string[]; readable: string[] };
  /** Host names refused so far (for the report). */
  refused(): string[];
  close(): Promise<void>;
}

const allowedPorts = new Set([80, 443]);

export async function startNetworkProxy(allow: readonly string[]): Promise<NetworkProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-proxy-'));
  const socket = join(dir, 'proxy.sock');
  const refused = new Set<string>();
  const permits = (host: string, port: number) => {
    const ok = hostAllowed(host, port, allow);
    if (!ok) refused.add(host.slice(0, 100));
    return ok;
  };
  const server = createServer((req, res) => forwardHttp(req, res, permits));
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) =>
    tunnel(req, client, head, permits),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return {
    inside: {
      socket,
      env: {},
      bridge: [process.execPath, '-e', bridgeSource, socket],
      // node itself may live under $HOME (nvm), which the sandbox hides.
      readable: [process.execPath],
    },
    refused: () => [...refused],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `registry.npmjs.org` exactly, or `*.example.com` for its subdomains, case-insensitive; on ports 80
 * and 443 unless the entry names one (`localhost:8080`).
 */
export function hostAllowed(host: string, port: number, allow: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allow.some((entry) => {
    const [rule = '', rulePort] = entry.toLowerCase().split(':');
    const portOk = rulePort === undefined ? allowedPorts.has(port) : Number(rulePort) === port;
    const nameOk = rule.startsWith('*.')
      ? name.endsWith(rule.slice(1)) && name.length > rule.length - 1
      : name === rule;
    return portOk && nameOk;
  });
}

function tunnel(
  req: IncomingMessage,
  client: Socket,
  head: Buffer,
  permits: (host: string, port: number) => boolean,
): void {
  const target = parseAuthority(req.url ?? '');
  client.on('error', () => client.destroy());
  if (!target || !permits(target.host, target.port)) {
    client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  const upstream = connect(target.port, target.host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  client.on('close', () => upstream.destroy());
}

function forwardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  permits: (h: string, p: number) => boolean,
): void {
  let url: URL;
  try {
    url = new URL(req.url ?? '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  const port = Number(url.port || 80);
  if (url.protocol !== 'http:' || !permits(url.hostname, port)) {
    res.writeHead(403).end();
    return;
  }
  const upstream = request(
    {
      host: url.hostname,
      port,
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers: req.headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

function parseAuthority(authority: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(authority);
  if (!match) return undefined;
  return { host: match[1]!, port: Number(match[2]) };
}

/*
 * Runs inside the sandbox, before the command: listens on 127.0.0.1, relays each connection to the
 * proxy's socket, and starts the command with the proxy variables set. Maestro's own code, given
 * to `node -e` as one argument (never through a shell); the command follows as plain argv.
 */
const bridgeSource = `
const net = require('node:net');
const { spawn } = require('node:child_process');
const [socket, command, ...args] = process.argv.slice(1);
const server = net.createServer((c) => {
  const u = net.connect(socket);
  c.pipe(u).pipe(c);
  u.on('error', () => c.destroy());
  c.on('error', () => u.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const url = 'http://127.0.0.1:' + server.address().port;
  const env = { ...process.env, HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url,
    npm_config_proxy: url, npm_config_https_proxy: url, NO_PROXY: '', no_proxy: '' };
  const child = spawn(command, args, { stdio: 'inherit', env });
  child.on('error', (e) => {
    process.stderr.write('bwrap: execvp ' + command + ': ' + (e.code === 'ENOENT' ? 'No such file or directory' : e.message) + '\\n');
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code === null ? 128 + (require('node:os').constants.signals[signal] ?? 15) : code));
});
`;
