import type { ChainDefinition } from '../../core/chains/chains.js';
import type { RunState, RunStop } from '../../core/state/run-state.js';
import type { StepRecord } from '../../core/state/step-record.js';
import type { StepContext, StepHandler, StepOutcome } from './step-context.js';

export type StepHandlers = Readonly<Record<StepContext['step']['id'], StepHandler>>;

/**
 * The seed's pipeline (`maestro-coordinate`): the chain's steps one after another, each through
 * the handler for its id. Every step's result is saved before the next starts and reaches the
 * later steps as context; a step that fails marks the rest skipped and stops the run, and a
 * resumed run starts again at the first step that is not done (the seed's `--continue`).
 */
export async function runSteps(
  chain: ChainDefinition,
  handlers: StepHandlers,
  base: Omit<StepContext, 'step'>,
  now: () => Date,
): Promise<RunStop | undefined> {
  const { state } = base;
  alignRecords(state, chain);
  for (const [index, step] of chain.steps.entries()) {
    const record = state.steps[index]!;
    if (record.status === 'done') continue;
    const before = base.shouldStop();
    if (before) return skipFrom(state, index, `not started: ${before.detail}`, before);
    Object.assign(record, { status: 'running', startedAt: now().toISOString() });
    await base.save();
    const outcome: StepOutcome = await handlers[step.id]({ ...base, step });
    Object.assign(record, outcome.record ?? {}, {
      status: outcome.kind === 'done' ? 'done' : 'failed',
      endedAt: now().toISOString(),
    });
    if (outcome.kind === 'done') {
      // The seed's W001: a step with no hints is fine, the next one still gets its findings.
      if (record.hints === '' && !record.codes.includes('W001') && hasAgent(step.id))
        record.codes.push('W001');
      await base.save();
      continue;
    }
    if (outcome.kind === 'failed' && record.summary === '') record.summary = outcome.detail;
    const stop: RunStop =
      outcome.kind === 'stopped' ? outcome.stop : { reason: 'step-failed', detail: outcome.detail };
    return skipFrom(state, index + 1, `Blocked: step ${index + 1} (${step.id}) did not finish`, stop);
  }
  return undefined;
}

/** One record per step of the chain, in order; records of a resumed run are kept. */
function alignRecords(state: RunState, chain: ChainDefinition): void {
  state.steps = chain.steps.map((step) => {
    const saved = state.steps.find((r) => r.id === step.id);
    // A step that was running when the process died, or was skipped, runs again.
    if (saved && saved.status === 'done') return saved;
    return saved
      ? { ...saved, status: 'pending' as const }
      : { id: step.id, status: 'pending' as const, summary: '', hints: '', codes: [], blocked: [] };
  });
}

function skipFrom(state: RunState, index: number, why: string, stop: RunStop): RunStop {
  for (const record of state.steps.slice(index)) {
    if (record.status === 'pending') Object.assign(record, { status: 'skipped', summary: why });
  }
  return stop;
}

/** Steps whose result comes from an agent's structured answer (W001 applies to them). */
function hasAgent(id: StepRecord['id']): boolean {
  return id === 'analyse' || id === 'inspect' || id === 'prepare-release';
}

/** The records as the seed's "Context from Previous Steps" block. */
export function describeSteps(records: readonly StepRecord[]): string {
  const finished = records.filter((r) => r.status === 'done' && r.summary !== '');
  if (finished.length === 0) return '';
  return [
    '## Context from Previous Steps',
    ...finished.map(
      (r) =>
        `### ${r.id}\nFindings: ${r.summary}${r.qualityScore !== undefined ? `\nQuality: ${r.qualityScore}/10` : ''}\nHints: ${r.hints}`,
    ),
  ].join('\n');
}
