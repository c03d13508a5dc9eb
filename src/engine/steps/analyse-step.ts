import { compareBaseline } from '../../core/gates/compare-baseline.js';
import type { GateReport } from '../../core/gates/gate-schema.js';
import type { Reproduction } from '../../core/state/step-record.js';
import type { Task } from '../../core/tasks/task-schema.js';
import { runGates } from '../run-gates.js';
import { accessFor } from './step-access.js';
import { runStepAgent, type StepAgentResult } from './step-agent.js';
import type { StepContext, StepHandler, StepOutcome } from './step-context.js';

/**
 * `analyse` (fix): one agent finds the cause and writes a test that reproduces the bug, touching
 * test files only; Maestro commits it and runs the test gate on the base commit's code plus that
 * test. It must fail in a way the baseline did not, or the report says it did not reproduce.
 * No reproducing test at all is allowed (some bugs cannot be tested): the report says why.
 */
export const analyseStep: StepHandler = async (ctx) => {
  const access = await accessFor(ctx.step.writes, ctx.deps.config, ctx.deps.repo);
  ctx.deps.progress.step('Analyse: finding the cause and writing a reproducing test...');
  const agent = await runStepAgent(reproduceTask(ctx), ctx.runner(access));
  const ended = agentEnded(agent);
  if (ended) return ended;
  const { outcome, checkpoint } = agent as Extract<StepAgentResult, { kind: 'completed' }>;
  const record = {
    summary: outcome.summary,
    hints: outcome.hints,
    blocked: agent.blocked,
    codes: outcome.rawOutput ? ['E004'] : [],
    ...quality(outcome.qualityScore),
  };
  if (!checkpoint) {
    const reproduction: Reproduction = {
      status: 'no-test',
      tests: [],
      failures: [],
      output: '',
      why: outcome.summary || 'the agent wrote no test',
    };
    return { kind: 'done', record: { ...record, reproduction } };
  }
  return { kind: 'done', record: { ...record, reproduction: await runReproduction(ctx, checkpoint.sha) } };
};

async function runReproduction(ctx: StepContext, sha: string): Promise<Reproduction> {
  const { deps, state } = ctx;
  const tests = (await deps.workspace.diffFiles(`${sha}^`, sha)).map((c) => c.path);
  const gate = deps.gates.find((g) => g.name === 'test');
  if (!gate)
    return {
      status: 'no-test',
      tests,
      failures: [],
      output: '',
      why: 'no test command is configured or detected',
    };
  const report = await runGates([gate], {
    shell: deps.sandbox.shell,
    cwd: deps.workspace.root,
    timeoutMs: deps.config.validation.gate_timeout_seconds * 1000,
    signal: deps.signal,
  });
  const run = report.runs[0]!;
  const comparison = compareBaseline(state.baseline as GateReport | undefined, report).gates[0];
  const output = run.outputTail.slice(-2000);
  if (run.outcome === 'failed' && comparison && comparison.status !== 'still-failing (pre-existing)')
    return { status: 'reproduced', tests, failures: comparison.newFailures, output, why: '' };
  const why =
    run.outcome === 'passed'
      ? 'the test passed on the base commit, so it does not reproduce the bug'
      : `the test gate ${run.outcome} the same way as before the test was added`;
  return { status: 'not-reproduced', tests, failures: [], output, why };
}

function reproduceTask(ctx: StepContext): Task {
  const { prd } = ctx.input.revision.draft;
  return {
    id: 'analyse',
    title: 'Reproduce the bug with a failing test',
    description: [
      `The bug: ${prd.goal}`,
      'Find its cause in the code. Then write ONE focused test, with the repository’s own test framework and conventions, that fails on the current code because of this bug and will pass once it is fixed. Do not fix the bug and do not change production code: only test files may change (other writes are refused).',
      'In finish: the summary names the cause (file and function) and the test you wrote; the hints say where and how to fix it. If no test can reproduce the bug, write none and say why in the summary.',
    ].join('\n\n'),
    category: 'testing',
    dependsOn: [],
    files: [],
    acceptance: ['a test that fails on the current code because of the bug', 'no production code changed'],
    requirements: prd.requirements.map((r) => r.id),
  };
}

/** A step agent that did not complete ends the step: E003 for the second timeout. */
export function agentEnded(agent: StepAgentResult): StepOutcome | undefined {
  const ended = endOf(agent);
  return ended && { ...ended, record: { ...ended.record, blocked: agent.blocked } };
}

function endOf(agent: StepAgentResult): StepOutcome | undefined {
  switch (agent.kind) {
    case 'completed':
      return undefined;
    case 'timed-out':
      return {
        kind: 'failed',
        detail: `E003: the step's agent timed out twice (once after a nudge to wrap up): ${agent.summary}`,
        record: { codes: ['E003'] },
      };
    case 'failed':
      return { kind: 'failed', detail: agent.reason };
    case 'refused':
      return { kind: 'stopped', stop: { reason: 'security', detail: agent.reason } };
    case 'needs-human':
      return { kind: 'stopped', stop: { reason: 'needs-human', detail: agent.question } };
  }
}

export function quality(score: number | undefined): { qualityScore?: number } {
  return score === undefined ? {} : { qualityScore: score };
}
