import { gateSummaryLine } from '../../core/gates/compare-baseline.js';
import type { GateReport } from '../../core/gates/gate-schema.js';
import type { Task } from '../../core/tasks/task-schema.js';
import { agentEnded, quality } from './analyse-step.js';
import { runStepAgent, type StepAgentResult } from './step-agent.js';
import type { StepContext, StepHandler } from './step-context.js';

/**
 * `inspect` (review): one read-only agent reads the code the issue points at, with the gates'
 * results on the base commit, and reports findings (file:line, severity, what, why). It gets no
 * write tools and no commands that change files, and nothing it does is committed.
 */
export const inspectStep: StepHandler = async (ctx) => {
  ctx.deps.progress.step('Review: reading the code (read-only)...');
  const agent = await runStepAgent(reviewTask(ctx), ctx.runner({ mode: 'read-only' }));
  const ended = agentEnded(agent);
  if (ended) return ended;
  const { outcome } = agent as Extract<StepAgentResult, { kind: 'completed' }>;
  const findings = outcome.findings ?? [];
  ctx.deps.progress.done(`Review: ${findings.length} finding(s)`);
  return {
    kind: 'done',
    record: {
      summary: outcome.summary,
      hints: outcome.hints,
      findings,
      blocked: agent.blocked,
      codes: outcome.rawOutput ? ['E004'] : [],
      ...quality(outcome.qualityScore),
    },
  };
};

/** `report` (review): the findings become the run's report; the front door posts or prints it. */
export const reviewReportStep: StepHandler = async (ctx) => {
  const findings = ctx.records().flatMap((r) => r.findings ?? []);
  return { kind: 'done', record: { summary: `${findings.length} finding(s) reported; no code changed` } };
};

function reviewTask(ctx: StepContext): Task {
  const { prd } = ctx.input.revision.draft;
  const baseline = ctx.state.baseline as GateReport | undefined;
  const gates = baseline?.runs.length ? baseline.runs.map(gateSummaryLine).join('\n') : 'no gates ran';
  return {
    id: 'review',
    title: 'Review the code the issue points at',
    description: [
      `What to review: ${prd.goal}`,
      ...prd.requirements.map((r) => `- ${r.id} ${r.title}`),
      `The gates on the base commit (run by Maestro):\n${gates}`,
      'Read the relevant code and report concrete findings: bugs, security problems, missing tests, risky or unclear code. This is a read-only review: you cannot and must not change any file.',
      'In finish, give `findings`: each with file, line, severity (critical, high, medium, low, info), what is wrong and why it matters. Put the overall assessment in the summary.',
    ].join('\n\n'),
    category: 'security',
    dependsOn: [],
    files: prd.affectedAreas.map((a) => a.path),
    acceptance: ['every finding names a file and line and says what and why'],
    requirements: prd.requirements.map((r) => r.id),
  };
}
