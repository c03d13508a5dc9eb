import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeRunner, fakeRunner } from './action-env.js';

// What `npx @github/local-action run . src/action/main.ts .env.action` does: load the variables
// into process.env, import the entry (which must not run on import) and await its exported run().
describe('the Action entry as @github/local-action drives it', () => {
  let runner: FakeRunner | undefined;
  afterEach(() => {
    vi.unstubAllEnvs();
    runner?.dispose();
    runner = undefined;
    process.exitCode = undefined;
  });

  const stubRunnerEnv = (r: FakeRunner) => {
    for (const [name, value] of Object.entries(r.env)) if (value !== undefined) vi.stubEnv(name, value);
  };

  it('exports run(), does nothing on import, and writes the outputs from process.env', async () => {
    runner = fakeRunner({ eventName: 'push', payload: {} });
    const entry = await import('../../../src/action/main.js');
    expect(runner.outputs()).toEqual({});
    stubRunnerEnv(runner);
    await entry.run();
    expect(runner.outputs()).toMatchObject({ status: 'ignored', 'pr-number': '' });
    expect(runner.summary()).toContain('## Maestro: ignored');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('fails the step (exit code 1) with the reason when an input is wrong', async () => {
    runner = fakeRunner({ eventName: 'issues', payload: {}, inputs: { mode: 'yolo' } });
    stubRunnerEnv(runner);
    const { run } = await import('../../../src/action/main.js');
    await run();
    expect(process.exitCode).toBe(1);
    expect(runner.outputs().status).toBe('error');
    expect(runner.summary()).toContain(
      'action inputs: mode: must be auto, plan, execute or ci-fix, got "yolo"',
    );
  });
});
