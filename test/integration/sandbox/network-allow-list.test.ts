import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed } from '../../../src/adapters/sandbox/network-proxy.js';
import { openSandbox } from '../../../src/adapters/sandbox/open-sandbox.js';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { defaultConfig } from '../../../src/core/config/config-schema.js';
import type { Sandbox } from '../../../src/ports/sandbox-port.js';
import { tempDir } from '../../support/temp-repo.js';

/*
 * `sandbox.network: { allow: [...] }`: the sandbox still has no network of its own; HTTP(S) to the
 * listed hosts goes through Maestro's proxy outside it, and nothing else gets out. The server
 * counts what actually arrives.
 */
let server: Server;
let port: number;
const hits: string[] = [];
let sandbox: Sandbox;
const dir = tempDir();

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.headers.host} ${req.url}`);
    res.end('registry says hi');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const opened = await openSandbox(
    { ...defaultConfig().sandbox, network: { allow: [`localhost:${port}`] } },
    { runner: new SpawnShell(), env: process.env },
  );
  if (opened.kind !== 'ready') throw new Error(opened.message);
  sandbox = opened.sandbox;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  dir.dispose();
});

const fetchInside = (url: string, ...extra: string[]) =>
  sandbox.shell.run({
    command: 'curl',
    args: ['-s', '-S', '-o', '-', '-w', ' %{http_code}', '--max-time', '5', ...extra, url],
    cwd: dir.path,
    writable: dir.path,
    timeoutMs: 20_000,
  });

describe('an allow-listed network', () => {
  it('reaches an allowed host through the proxy', async () => {
    const result = await fetchInside(`http://localhost:${port}/pkg`);
    expect(result).toMatchObject({ kind: 'exited', exitCode: 0 });
    expect(result.kind === 'exited' && result.stdout).toBe('registry says hi 200');
    expect(hits).toEqual([`localhost:${port} /pkg`]);
  });

  it('gets 403 for any other host or port, and nothing arrives', async () => {
    const other = await fetchInside(`http://127.0.0.1:${port}/exfil`);
    expect(other.kind === 'exited' && other.stdout).toContain('403');
    const tunnel = await fetchInside(`https://127.0.0.1:${port}/exfil`);
    expect(tunnel.kind === 'exited' && tunnel.exitCode).not.toBe(0);
    expect(hits).toHaveLength(1);
  });

  it('cannot bypass the proxy: there is no route out of the sandbox', async () => {
    const direct = await fetchInside(`http://localhost:${port}/direct`, '--noproxy', '*');
    expect(direct.kind === 'exited' && direct.exitCode).not.toBe(0);
    expect(hits).toHaveLength(1);
  });
});

describe('hostAllowed', () => {
  it.each([
    ['registry.npmjs.org', 443, ['registry.npmjs.org'], true],
    ['REGISTRY.npmjs.org.', 80, ['registry.npmjs.org'], true],
    ['registry.npmjs.org', 22, ['registry.npmjs.org'], false],
    ['evil.org', 443, ['registry.npmjs.org'], false],
    ['registry.npmjs.org.evil.org', 443, ['registry.npmjs.org'], false],
    ['files.pythonhosted.org', 443, ['*.pythonhosted.org'], true],
    ['pythonhosted.org', 443, ['*.pythonhosted.org'], false],
    ['xpythonhosted.org', 443, ['*.pythonhosted.org'], false],
    ['localhost', 8080, ['localhost:8080'], true],
    ['localhost', 443, ['localhost:8080'], false],
  ] as const)('%s:%i with %j → %s', (host, p, allow, expected) => {
    expect(hostAllowed(host, p, allow)).toBe(expected);
  });
});
