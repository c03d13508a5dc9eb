import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpawnShell } from '../../../src/adapters/shell/spawn-shell.js';
import { compareBaseline, gateSummaryLine } from '../../../src/core/gates/compare-baseline.js';
import type { GateSpec } from '../../../src/core/gates/gate-schema.js';
import { runGates } from '../../../src/engine/run-gates.js';
import { tempDir } from '../../support/temp-repo.js';

const MATH_TEST = `
import { test } from 'node:test';
import assert from 'node:assert/strict';
test('adds', () => assert.equal(1 + 1, 2));
test('subtracts', () => assert.equal(3 - 1, 1));
`;

describe('runGates', () => {
  let dir: { path: string; dispose(): void };
  const shell = new SpawnShell({ killGraceMs: 500 });
  const deps = () => ({ shell, cwd: dir.path, timeoutMs: 30_000 });

  beforeEach(() => {
    dir = tempDir();
    writeFileSync(
      join(dir.path, 'package.json'),
      JSON.stringify({ name: 'sample', scripts: { test: 'node --test' } }),
    );
    writeFileSync(join(dir.path, 'math.test.mjs'), MATH_TEST);
  });
  afterEach(() => dir.dispose());

  it('runs npm test and reads the failing test out of node:test output', async () => {
    const { runs } = await runGates(
      [{ name: 'test', argv: ['npm', 'test'], source: 'package.json script "test"' }],
      deps(),
    );
    const [run] = runs;
    expect(run).toMatchObject({
      name: 'test',
      argv: ['npm', 'test'],
      outcome: 'failed',
      counts: { passed: 1, failed: 1, skipped: 0 },
      failures: ['subtracts'],
    });
    expect(run?.exitCode).not.toBe(0);
    expect(run?.outputTail).toContain('subtracts');
    expect(run && gateSummaryLine(run)).toBe('test ✗ 1/2 (1 failed)');
  });

  it('passes a gate that exits 0 and runs it in the gate directory', async () => {
    mkdirSync(join(dir.path, 'pkg'));
    writeFileSync(
      join(dir.path, 'pkg', 'ok.test.mjs'),
      "import { test } from 'node:test';\ntest('fine', () => {});\n",
    );
    const spec: GateSpec = { name: 'test', argv: ['node', '--test'], source: 'config', cwd: 'pkg' };
    const { runs } = await runGates([spec], deps());
    expect(runs[0]).toMatchObject({
      outcome: 'passed',
      exitCode: 0,
      counts: { passed: 1, failed: 0 },
      failures: [],
    });
  });

  it('stops a gate that hangs at the timeout', async () => {
    const spec: GateSpec = {
      name: 'lint',
      argv: ['node', '-e', 'setInterval(() => {}, 1000)'],
      source: 'config',
    };
    const started = Date.now();
    const { runs } = await runGates([spec], { ...deps(), timeoutMs: 300 });
    expect(runs[0]?.outcome).toBe('timed-out');
    expect(runs[0]?.outputTail).toContain('Maestro stopped this gate after 0.3s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a command that does not exist as an error saying so, and runs the next gate', async () => {
    const specs: GateSpec[] = [
      { name: 'lint', argv: ['maestro-no-such-linter', '.'], source: 'config' },
      { name: 'build', argv: ['node', '-e', 'process.exit(0)'], source: 'config' },
    ];
    const { runs } = await runGates(specs, deps());
    const [missing, build] = runs;
    expect(missing?.outcome).toBe('error');
    expect(missing?.outcome === 'error' && missing.message).toMatch(
      /could not start `maestro-no-such-linter \.`: command not found.*validation\.commands\.lint/,
    );
    expect(build?.outcome).toBe('passed');
  });

  it('refuses a gate directory outside the repository without running anything', async () => {
    const spec: GateSpec = { name: 'build', argv: ['node', '-e', ''], source: 'config', cwd: '../elsewhere' };
    const { runs } = await runGates([spec], deps());
    expect(runs[0]).toMatchObject({
      outcome: 'error',
      message: expect.stringContaining('outside the repository'),
    });
  });

  it('runs nothing once the run is cancelled', async () => {
    const spec: GateSpec = { name: 'test', argv: ['npm', 'test'], source: 'package.json script "test"' };
    expect(await runGates([spec], { ...deps(), signal: AbortSignal.abort() })).toEqual({ runs: [] });
  });

  it('tells a failure the change introduced from one that was already there', async () => {
    const spec: GateSpec = { name: 'test', argv: ['node', '--test'], source: 'config' };
    const baseline = await runGates([spec], deps());
    writeFileSync(
      join(dir.path, 'more.test.mjs'),
      "import { test } from 'node:test';\ntest('multiplies', () => { throw new Error('no'); });\n",
    );
    const after = await runGates([spec], deps());
    const comparison = compareBaseline(baseline, after);
    expect(comparison.gates[0]?.status).toBe('new-failures');
    expect(comparison.newFailures).toEqual(['multiplies']);
    expect(comparison.blocking).toBe(true);
  });
});
