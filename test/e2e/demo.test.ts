import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../support/fake-io.js';
import { git, tempDir } from '../support/temp-repo.js';

let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.dispose());

describe('maestro demo (the README main command)', () => {
  it('runs the whole lifecycle offline on the sample: plan, parallel tasks, checkpoints, a failing gate fixed, the report', async () => {
    tmp = tempDir();
    const dir = join(tmp.path, 'demo');
    const run = fakeIo({ cwd: tmp.path, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    const started = Date.now();

    const code = await main(['demo', '--dir', dir], run.io);

    expect(run.stderr).toBe('');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    const out = run.stdout;
    expect(out).toContain('MAESTRO DEMO — offline. The model is a RECORDED SESSION');
    for (const phase of [
      'Phase 1: Planning',
      'Phase 2: Task Generation',
      'Phase 3: Implementation',
      'Phase 4: Validation',
      'Phase 5: Handoff',
    ]) {
      expect(out).toContain(`[Maestro] ${phase}`);
    }
    expect(out).toContain('[P:Group-1] T1, T2');
    // The sample's real tests ran: the baseline passes, the change breaks one test, fix-1 repairs it.
    expect(out).toMatch(/Gate test ✗ 6\/7 \(1 failed\) \(broken-by-change\)/);
    expect(out).toContain('Iteration 1: fixing failing gates');
    expect(out).toMatch(/Gate test ✓ 7\/7 \(passing\)/);
    expect(out).toContain('# Maestro Implementation Report');

    // Five checkpoint commits with trailers on the run branch, none on main.
    const branch = git(dir, 'rev-parse', '--abbrev-ref', 'HEAD');
    expect(branch).toMatch(/^maestro\/add-line-and-character-counts/);
    const trailers = git(
      dir,
      'log',
      '--format=%(trailers:key=Maestro-Task,valueonly)%(trailers:key=Maestro-Checkpoint,valueonly)',
      'main..HEAD',
    )
      .split('\n')
      .filter(Boolean);
    expect(trailers).toHaveLength(10);
    expect(git(dir, 'log', '--format=%s', 'main..HEAD').split('\n')).toHaveLength(5);
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(dir, 'src', 'lines.js'), 'utf8')).toContain("text.endsWith('\\n')");

    const [session] = readdirSync(join(dir, '.maestro', 'sessions'));
    const report = readFileSync(join(dir, '.maestro', 'sessions', session!, 'final-report.md'), 'utf8');
    expect(report.length).toBeLessThan(65_536);
    expect(report).toContain('| `test` | `npm test` | ✅ passed · 2 passed');
    expect(report).toContain('✅ met');
  }, 90_000);

  it('runs its bundled sample without a sandbox where none can be made, and says so', async () => {
    tmp = tempDir();
    // A PATH with everything of /usr/bin but bubblewrap: the machine a newcomer may have.
    const bin = join(tmp.path, 'bin');
    mkdirSync(bin);
    for (const name of readdirSync('/usr/bin')) {
      if (name !== 'bwrap') symlinkSync(join('/usr/bin', name), join(bin, name));
    }
    const path = [
      bin,
      ...(process.env.PATH ?? '').split(':').filter((d) => !['/usr/bin', '/bin'].includes(d)),
    ].join(':');
    const dir = join(tmp.path, 'demo');
    const run = fakeIo({ cwd: tmp.path, env: { PATH: path, HOME: process.env.HOME } });

    const code = await main(['demo', '--dir', dir], run.io);

    expect(code).toBe(0);
    expect(run.stdout).toContain('NO SANDBOX on this machine');
    expect(run.stdout).toContain('bubblewrap (`bwrap`) is not installed');
    const [session] = readdirSync(join(dir, '.maestro', 'sessions'));
    const report = readFileSync(join(dir, '.maestro', 'sessions', session!, 'final-report.md'), 'utf8');
    expect(report).toContain('⚠️ No sandbox');
  }, 90_000);

  it('says in the report which sandbox ran the gates', async () => {
    tmp = tempDir();
    const dir = join(tmp.path, 'demo');
    const run = fakeIo({ cwd: tmp.path, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(await main(['demo', '--dir', dir], run.io)).toBe(0);
    expect(run.stdout).not.toContain('NO SANDBOX');
    const [session] = readdirSync(join(dir, '.maestro', 'sessions'));
    const report = readFileSync(join(dir, '.maestro', 'sessions', session!, 'final-report.md'), 'utf8');
    expect(report).toContain('**Sandbox:** bubblewrap: own PID namespace, no network');
  }, 90_000);

  it('refuses a directory that is not empty', async () => {
    tmp = tempDir();
    const run = fakeIo({ cwd: tmp.path, env: {} });
    expect(await main(['demo', '--dir', join(process.cwd(), 'src')], run.io)).toBe(1);
    expect(run.stderr).toContain('is not empty');
  });
});
