import { behaviourProblems } from '../../core/gates/behaviour-kept.js';
import { gateSummaryLine } from '../../core/gates/compare-baseline.js';
import type { GateReport } from '../../core/gates/gate-schema.js';
import type { StepRecord } from '../../core/state/step-record.js';
import { validate } from '../phases/validate.js';
import { measureCoverage } from './coverage.js';
import { accessFor } from './step-access.js';
import type { StepContext, StepHandler, StepOutcome } from './step-context.js';

/**
 * `gates-before` (refactor) and `verify-default-branch` (release): the baseline, taken before any
 * change, must be green; otherwise the run stops before any task, naming the failing gates.
 */
export const requireGreenBaseline: StepHandler = async (ctx) => {
  const baseline = ctx.state.baseline as GateReport | undefined;
  const runs = baseline?.runs ?? [];
  const base = ctx.state.baseSha.slice(0, 7);
  if (runs.length === 0)
    return {
      kind: 'failed',
      detail: `no gate ran on ${base}: the ${ctx.chain.name} chain needs the gates to pass before and after the change. Set validation.commands in .github/maestro.yml (e.g. test: ["npm", "test"]).`,
    };
  const red = runs.filter((r) => r.outcome !== 'passed');
  const summary = runs.map(gateSummaryLine).join('; ');
  if (red.length === 0) return { kind: 'done', record: { summary: `all gates pass on ${base}: ${summary}` } };
  return {
    kind: 'failed',
    detail: `the ${red.map((r) => r.name).join(', ')} gate${red.length > 1 ? 's' : ''} fail${red.length > 1 ? '' : 's'} on ${base} before any change (${red.map(gateSummaryLine).join('; ')}): the ${ctx.chain.name} chain starts only from a green baseline. Fix the failing gate first (the feature and fix chains can start from a red one)`,
    record: { summary },
  };
};

/** `validate` (feature): the gates against the baseline with fix iterations, then the requirements. */
export const validateStep: StepHandler = async (ctx) => runValidation(ctx);

/**
 * `gates-after` (refactor): the same gates pass, with the same passing tests — a test that passed
 * before and is missing or failing after fails the run, even if the gates were otherwise "no worse".
 */
export const gatesAfterStep: StepHandler = async (ctx) => {
  const outcome = await runValidation(ctx);
  if (outcome.kind !== 'done') return outcome;
  const problems = behaviourProblems(
    ctx.state.baseline as GateReport | undefined,
    ctx.last.validation.report,
  );
  if (problems.length === 0) return outcome;
  return { kind: 'failed', detail: `behaviour not kept: ${problems.join('; ')}`, record: outcome.record };
};

/**
 * `verify` (fix, test): the gates with fix iterations under the step's access, then what the
 * earlier steps promised: the fix chain's reproducing test is green now; the test chain's new
 * tests pass against the unchanged code, with the coverage after.
 */
export const verifyStep: StepHandler = async (ctx) => {
  const outcome = await runValidation(ctx);
  if (outcome.kind === 'stopped') return outcome;
  const records = ctx.records();
  const reproduced = records.find((r) => r.reproduction?.status === 'reproduced');
  if (reproduced?.reproduction) return checkReproduction(ctx, reproduced, outcome);
  const wrote = records.find((r) => r.testsAdded !== undefined);
  if (wrote) return checkNewTests(ctx, wrote, outcome);
  return outcome;
};

async function runValidation(ctx: StepContext): Promise<StepOutcome> {
  const { deps, state } = ctx;
  deps.progress.phase(4, 'Validation');
  state.phase = 'validation';
  const access = await accessFor(ctx.step.writes, deps.config, deps.repo);
  ctx.last.validation = await validate({
    ...ctx.runner(access),
    model: deps.model,
    shell: deps.sandbox.shell,
    gates: deps.gates,
    revision: ctx.input.revision,
    state,
    save: ctx.save,
    shouldStop: ctx.shouldStop,
  });
  await ctx.save();
  const report = ctx.last.validation.report;
  const summary = report?.runs.length ? report.runs.map(gateSummaryLine).join('; ') : 'no gates ran';
  if (ctx.last.validation.stop)
    return { kind: 'stopped', stop: ctx.last.validation.stop, record: { summary } };
  state.phase = 'handoff';
  return { kind: 'done', record: { summary } };
}

function checkReproduction(ctx: StepContext, analyse: StepRecord, outcome: StepOutcome): StepOutcome {
  const reproduction = analyse.reproduction!;
  const test = ctx.last.validation.report?.runs.find((r) => r.name === 'test');
  const stillFailing = reproduction.failures.filter((name) => test?.failures.includes(name));
  const green = test !== undefined && test.outcome === 'passed' && stillFailing.length === 0;
  reproduction.greenAfterFix = green;
  reproduction.afterOutput = test?.outputTail.slice(-1500) ?? '';
  if (green && outcome.kind === 'done') return outcome;
  const detail = green
    ? (outcome as Extract<StepOutcome, { kind: 'failed' }>).detail
    : `the reproducing test still fails after the fix${stillFailing.length ? `: ${stillFailing.join(', ')}` : ` (test gate: ${test?.outcome ?? 'did not run'})`}`;
  return { kind: 'failed', detail, record: outcome.record ?? {} };
}

async function checkNewTests(
  ctx: StepContext,
  wrote: StepRecord,
  outcome: StepOutcome,
): Promise<StepOutcome> {
  const test = ctx.last.validation.report?.runs.find((r) => r.name === 'test');
  if (wrote.coverage) {
    const after = await measureCoverage(ctx);
    if (after?.total !== undefined) wrote.coverage.after = after.total;
  }
  if (outcome.kind !== 'done') return outcome;
  if (test === undefined)
    return {
      kind: 'failed',
      detail: 'no test gate ran, so the new tests were never run',
      record: outcome.record ?? {},
    };
  if (test.outcome !== 'passed')
    return {
      kind: 'failed',
      detail: `the new tests do not pass against the unchanged code (test gate ${test.outcome}${test.failures.length ? `: ${test.failures.slice(0, 5).join(', ')}` : ''})`,
      record: outcome.record ?? {},
    };
  return outcome;
}
