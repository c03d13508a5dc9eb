import { describe, expect, it } from 'vitest';
import { afterHandled } from '../../../src/app/after-handled.js';
import type { ExecuteRequest, Handled } from '../../../src/engine/github/issue-events.js';
import { silentLogger } from '../../../src/ports/logger-port.js';
import { fakeHost } from './fake-host.js';

const request: ExecuteRequest = {
  issue: 12,
  approvalCommentId: 555,
  prdHash: 'a1b2c3d4',
  reason: 'fix',
  fix: 'handle the empty list',
  pr: 40,
};

describe('afterHandled', () => {
  it("dispatches an approved execution on the default branch with the config's workflow", async () => {
    const { host, calls } = fakeHost({
      defaultBranch: 'trunk',
      config: 'github:\n  workflow: ship-it.yml\n',
    });
    const followUp = await afterHandled({ kind: 'execute', request }, { host, logger: silentLogger });
    const expected = {
      workflow: 'ship-it.yml',
      ref: 'trunk',
      inputs: {
        issue: '12',
        'approval-comment-id': '555',
        'prd-hash': 'a1b2c3d4',
        reason: 'fix',
        fix: 'handle the empty list',
        'pr-number': '40',
      },
    };
    expect(calls.dispatched).toEqual([expected]);
    expect(followUp).toEqual({ kind: 'dispatched', ...expected });
    expect(calls.readFiles).toEqual(['.github/maestro.yml']);
  });

  it('hands planning to the Action with mode plan, on maestro.yml when there is no config', async () => {
    const { host, calls } = fakeHost();
    await afterHandled({ kind: 'plan-in-action', issue: 7 }, { host, logger: silentLogger });
    expect(calls.dispatched).toEqual([
      { workflow: 'maestro.yml', ref: 'main', inputs: { issue: '7', mode: 'plan' } },
    ]);
  });

  it('falls back to maestro.yml when the config is invalid', async () => {
    const { host, calls } = fakeHost({ config: 'github: [not, a, mapping]\n' });
    await afterHandled({ kind: 'execute', request }, { host, logger: silentLogger });
    expect(calls.dispatched.map((d) => d.workflow)).toEqual(['maestro.yml']);
  });

  it('uses the workflow the deps name without reading the config', async () => {
    const { host, calls } = fakeHost({ config: 'github:\n  workflow: other.yml\n' });
    await afterHandled({ kind: 'execute', request }, { host, logger: silentLogger, workflow: 'pinned.yml' });
    expect(calls.dispatched.map((d) => d.workflow)).toEqual(['pinned.yml']);
    expect(calls.readFiles).toEqual([]);
  });

  it('cancels the running workflow run', async () => {
    const { host, calls } = fakeHost();
    const followUp = await afterHandled({ kind: 'cancelled', runId: 9876 }, { host, logger: silentLogger });
    expect(calls.cancelled).toEqual([9876]);
    expect(followUp).toEqual({ kind: 'cancelled-run', runId: 9876 });
  });

  it.each<Handled>([
    { kind: 'cancelled' },
    { kind: 'ignored', reason: 'not the trigger label' },
    { kind: 'replied', reason: 'help' },
    { kind: 'planned', revision: 2, hash: 'abc', ready: true },
    { kind: 'config-invalid', problem: 'trigger.label: must be a string' },
  ])('does nothing more for $kind', async (handled) => {
    const { host, calls } = fakeHost();
    expect(await afterHandled(handled, { host, logger: silentLogger })).toEqual({ kind: 'none' });
    expect(calls).toEqual({ dispatched: [], cancelled: [], readFiles: [] });
  });
});
