import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnthropicWire, anthropicWire } from '../../support/anthropic-wire.js';
import { draft } from '../../support/plan-fixtures.js';
import { git, tempDir, tempRepo } from '../../support/temp-repo.js';
import { finished, maestro, startMaestro } from './cli-process.js';

/**
 * The CLI as a real process, the way a script, CI or a newcomer runs it: stdin at /dev/null,
 * a local server speaking Anthropic's wire format as the model, and the exit code and streams
 * as the only results. Each refusal asserts the model server saw no request and no session exists.
 */
const KEY = 'sk-ant-api03-CANARY-cli-process-0000';

let repo: { root: string; dispose(): void } | undefined;
let tmp: ReturnType<typeof tempDir>;
let wire: AnthropicWire | undefined;
afterEach(async () => {
  repo?.dispose();
  tmp?.dispose();
  await wire?.close();
  repo = undefined;
  wire = undefined;
});

const files = {
  'package.json': JSON.stringify({ name: 'fixture', private: true }),
  'src/report.ts': 'export const report = (items: string[]) => items.join("\\n");\n',
  // No retries: a failing model call ends the run at once (the retry policy has its own tests).
  '.github/maestro.yml': 'model:\n  max_retries: 0\n',
};

function env(w: AnthropicWire) {
  return { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: w.url, MAESTRO_CACHE_DIR: join(tmp.path, 'cache') };
}

function sessionsDir(root: string): string {
  return join(root, '.maestro', 'sessions');
}

describe('maestro run with no terminal (issue 13, item 2)', () => {
  it('fails at once with exit 2 and what to do, before any session or model call', async () => {
    repo = tempRepo(files);
    tmp = tempDir();
    wire = await anthropicWire([{ object: draft() }]);

    const run = await maestro(['run', 'Add a --json flag to report'], repo.root, env(wire));

    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      'no terminal to answer questions: use -y (take the defaults and approve) or answer in the issue file',
    );
    expect(run.stdout).not.toContain('?');
    expect(wire.requests).toHaveLength(0);
    expect(existsSync(sessionsDir(repo.root))).toBe(false);
  }, 60_000);
});

describe('a model error during planning (issue 13, items 3 and 7)', () => {
  it('advises running again, leaves the session failed, and resume says why it cannot continue', async () => {
    repo = tempRepo(files);
    tmp = tempDir();
    wire = await anthropicWire([]); // every call answers 500

    const run = await maestro(['run', 'Add a --json flag to report', '-y'], repo.root, env(wire));

    expect(run.code).toBe(1);
    expect(wire.requests.length).toBeGreaterThan(0);
    expect(run.stderr).toContain('run the same `maestro run` again');
    expect(run.stderr).not.toContain('run `maestro resume`');
    const listed = await maestro(['sessions', '--json'], repo.root);
    expect(listed.code, listed.stderr).toBe(0);
    const [session] = JSON.parse(listed.stdout) as { session: string; status: string }[];
    expect(session).toMatchObject({ status: 'failed' });

    const resumed = await maestro(['resume'], repo.root, env(wire));

    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toContain(
      `Session ${session!.session} stopped during planning (status: failed), before there was a plan to resume. Run \`maestro run\` again`,
    );
    expect(resumed.stderr).not.toContain('Invalid input');
  }, 90_000);
});

describe('Ctrl-C while planning (issue 13, items 7 and 17)', () => {
  it('marks the session cancelled and ends by SIGINT, as a shell expects (exit 130)', async () => {
    repo = tempRepo(files);
    tmp = tempDir();
    // A model that takes the request and never answers: the run is inside its first model call.
    let received: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      received = resolve;
    });
    const server = createServer(() => received());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    try {
      const child = startMaestro(['run', 'Add a --json flag to report', '-y'], repo.root, {
        ANTHROPIC_API_KEY: KEY,
        ANTHROPIC_BASE_URL: url,
        MAESTRO_CACHE_DIR: join(tmp.path, 'cache'),
      });
      const ended = finished(child);
      await asked;
      child.kill('SIGINT');
      const run = await ended;

      expect(run.signal, run.stderr).toBe('SIGINT');
      const listed = await maestro(['sessions', '--json'], repo.root);
      expect(JSON.parse(listed.stdout)).toMatchObject([{ status: 'cancelled' }]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});

describe('checks before work (issue 13, item 6)', () => {
  it('refuses a repository with no commits before planning: no model call, no session', async () => {
    const root = mkdtempSync(join(tmpdir(), 'maestro-empty-'));
    repo = { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
    git(root, 'init', '-q', '-b', 'main');
    tmp = tempDir();
    wire = await anthropicWire([{ object: draft({ questions: [] }) }]);

    const run = await maestro(['run', 'Add a --json flag to report', '-y'], root, env(wire));

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('has no commits yet, and a run works on a branch from HEAD');
    expect(wire.requests).toHaveLength(0);
    expect(existsSync(sessionsDir(root))).toBe(false);
  }, 60_000);

  it('refuses an unknown chain with exit 2 before a session exists', async () => {
    repo = tempRepo(files);
    tmp = tempDir();
    wire = await anthropicWire([{ object: draft({ questions: [] }) }]);

    const run = await maestro(['run', 'Add a flag', '--chain', 'bogus', '-y'], repo.root, env(wire));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E002: unknown chain "bogus". Valid chains: feature, fix');
    expect(wire.requests).toHaveLength(0);
    expect(existsSync(sessionsDir(repo.root))).toBe(false);
  }, 60_000);
});

describe('maestro sessions into a closed pipe (issue 13, item 7)', () => {
  it('ends quietly with exit 0 when the reader has gone (`maestro sessions | head -0`)', async () => {
    repo = tempRepo(files);
    tmp = tempDir();
    wire = await anthropicWire([{ object: draft({ questions: [] }) }]);
    const planned = await maestro(['run', 'Plan only', '-y', '--dry-run'], repo.root, env(wire));
    expect(planned.code, planned.stderr).toBe(0);

    const child = startMaestro(['sessions'], repo.root, {});
    // The reader goes away before the listing is written: the write fails with EPIPE.
    child.stdout?.destroy();
    const run = await finished(child);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);

  it('lists a dry run as ended (dry-run), not as waiting for answers or approval', async () => {
    repo = tempRepo(files);
    tmp = tempDir();
    wire = await anthropicWire([{ object: draft() }]);
    const planned = await maestro(['run', 'Plan only', '-y', '--dry-run', '--json'], repo.root, env(wire));
    expect(planned.code, planned.stderr).toBe(0);
    // --json: the human output went to stderr; stdout is the result alone.
    const result = JSON.parse(planned.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ code: 0, status: 'dry-run', approved: false });
    expect(planned.stderr).toContain('Dry run: nothing executed');

    const listed = await maestro(['sessions'], repo.root);
    expect(listed.stdout).toMatch(new RegExp(`${String(result.session)}\\s+dry-run\\s+feature`));
    const metadata = JSON.parse(
      readFileSync(join(sessionsDir(repo.root), String(result.session), 'metadata.json'), 'utf8'),
    ) as { status: string };
    expect(metadata.status).toBe('dry-run');
  }, 60_000);
});

describe('maestro --version and --help (issue 13, item 17)', () => {
  it('prints the version of package.json and documents the exit codes', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const shown = await maestro(['--version'], process.cwd());
    expect(shown).toMatchObject({ code: 0, stdout: `${version}\n` });

    const help = await maestro(['--help'], process.cwd());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toMatch(/2 +usage error/);
    expect(help.stdout).toMatch(/130 +interrupted/);

    const unknown = await maestro(['run', '--no-such-flag'], process.cwd());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--no-such-flag'");
  }, 60_000);
});
