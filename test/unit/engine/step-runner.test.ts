import { describe, expect, it } from 'vitest';
import { chains } from '../../../src/core/chains/chains.js';
import type { RunState } from '../../../src/core/state/run-state.js';
import type { StepContext, StepHandler, StepOutcome } from '../../../src/engine/steps/step-context.js';
import { describeSteps, runSteps, type StepHandlers } from '../../../src/engine/steps/step-runner.js';

function state(): RunState {
  return {
    session: 's',
    branch: 'maestro/x',
    baseSha: 'a'.repeat(40),
    phase: 'task-generation',
    iteration: 0,
    results: {},
    steps: [],
    checkpoints: 0,
    recoveries: { retry: 0, 'alternative-approach': 0, 'conflict-rerun': 0, rollback: 0, 'asked-human': 0 },
    usage: [],
    startedAt: '2026-12-02T00:00:00Z',
    elapsedMs: 0,
  };
}

/** Every step answers from `outcomes` by id and records the context it was given. */
function harness(outcomes: Record<string, StepOutcome>, run = state()) {
  const seen: { id: string; context: string }[] = [];
  const saves: string[] = [];
  const handler: StepHandler = async (ctx) => {
    seen.push({ id: ctx.step.id, context: ctx.previousSteps() });
    return outcomes[ctx.step.id] ?? { kind: 'done', record: { summary: `${ctx.step.id} ok`, hints: 'h' } };
  };
  const handlers = new Proxy({}, { get: () => handler }) as StepHandlers;
  const base = {
    state: run,
    save: async () => void saves.push(run.steps.map((s) => s.status).join(',')),
    shouldStop: () => undefined,
    previousSteps: () => describeSteps(run.steps),
    records: () => run.steps,
  } as unknown as Omit<StepContext, 'step'>;
  return {
    run,
    seen,
    saves,
    go: () => runSteps(chains.fix, handlers, base, () => new Date('2026-12-02T10:00:00Z')),
  };
}

describe('runSteps', () => {
  it('runs the steps in order, each with the findings and hints of the ones before it', async () => {
    const h = harness({});
    expect(await h.go()).toBeUndefined();
    expect(h.seen.map((s) => s.id)).toEqual(['analyse', 'implement', 'verify', 'handoff']);
    expect(h.seen[0]!.context).toBe('');
    expect(h.seen[2]!.context).toContain('### analyse\nFindings: analyse ok\nHints: h');
    expect(h.seen[2]!.context).toContain('### implement');
    expect(h.run.steps.every((s) => s.status === 'done' && s.endedAt)).toBe(true);
    // Saved before each step starts and after it ends.
    expect(h.saves[0]).toBe('running,pending,pending,pending');
  });

  it('stops at a failed step, marks the rest skipped, and says which step blocked them', async () => {
    const h = harness({ implement: { kind: 'failed', detail: 'the fix does not apply' } });
    expect(await h.go()).toEqual({ reason: 'step-failed', detail: 'the fix does not apply' });
    expect(h.run.steps.map((s) => s.status)).toEqual(['done', 'failed', 'skipped', 'skipped']);
    expect(h.run.steps[1]!.summary).toBe('the fix does not apply');
    expect(h.run.steps[2]!.summary).toBe('Blocked: step 2 (implement) did not finish');
  });

  it('passes a stop from inside a step on as the run stop', async () => {
    const stop = { reason: 'budget' as const, detail: 'cost cap' };
    const h = harness({ verify: { kind: 'stopped', stop } });
    expect(await h.go()).toEqual(stop);
    expect(h.run.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'skipped']);
  });

  it('resumes at the first step that is not done (a running or skipped one runs again)', async () => {
    const run = state();
    run.steps = [
      { id: 'analyse', status: 'done', summary: 'cause found', hints: 'fix sum', codes: [], blocked: [] },
      { id: 'implement', status: 'running', summary: '', hints: '', codes: [], blocked: [] },
      { id: 'verify', status: 'skipped', summary: 'Blocked', hints: '', codes: [], blocked: [] },
    ];
    const h = harness({}, run);
    await h.go();
    expect(h.seen.map((s) => s.id)).toEqual(['implement', 'verify', 'handoff']);
    expect(h.seen[0]!.context).toContain('Findings: cause found');
    expect(run.steps.map((s) => s.id)).toEqual(['analyse', 'implement', 'verify', 'handoff']);
  });

  it('notes W001 when an agent step gave no hints, and the next step still gets its findings', async () => {
    const h = harness({ analyse: { kind: 'done', record: { summary: 'cause: off by one', hints: '' } } });
    await h.go();
    expect(h.run.steps[0]!.codes).toEqual(['W001']);
    expect(h.seen[1]!.context).toContain('Findings: cause: off by one');
  });

  it('does not start a step once a cap is reached', async () => {
    const h = harness({});
    const stop = { reason: 'wall-clock' as const, detail: 'time is up' };
    const base = {
      state: h.run,
      save: async () => {},
      shouldStop: () => stop,
      previousSteps: () => '',
      records: () => [],
    };
    const result = await runSteps(
      chains.review,
      new Proxy({}, { get: () => async () => ({ kind: 'done' }) }) as StepHandlers,
      base as unknown as Omit<StepContext, 'step'>,
      () => new Date(),
    );
    expect(result).toEqual(stop);
    expect(h.run.steps.map((s) => s.status)).toEqual(['skipped', 'skipped']);
  });
});
