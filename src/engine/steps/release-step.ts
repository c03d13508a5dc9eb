import { compareBaseline } from '../../core/gates/compare-baseline.js';
import type { GateReport } from '../../core/gates/gate-schema.js';
import { checkRelease, renderReadinessReport } from '../../core/release/check-release.js';
import { proposeRelease } from '../../core/release/next-version.js';
import { releaseTaskDescription, releaseWritablePaths } from '../../core/release/release-instructions.js';
import type { NothingToRelease, ReleaseProposal } from '../../core/release/release-proposal.js';
import type { StepRecord } from '../../core/state/step-record.js';
import type { Task } from '../../core/tasks/task-schema.js';
import { detectReleaseConvention } from '../../discovery/release/detect-release-convention.js';
import { runGates } from '../run-gates.js';
import { agentEnded, quality } from './analyse-step.js';
import { runStepAgent, type StepAgentResult } from './step-agent.js';
import type { StepContext, StepHandler, StepOutcome } from './step-context.js';

/**
 * `prepare-release`: the repository's own release convention (changesets, release-please, Keep a
 * Changelog, `npm version`) decides the next version and the edits; one agent makes exactly those
 * edits, allowed to write only the files the proposal names; Maestro then checks the result
 * without a model and writes the readiness report. Nothing is published, tagged or deployed.
 */
export const prepareReleaseStep: StepHandler = async (ctx) => {
  const proposal = await propose(ctx);
  const gates = baselineGates(ctx);
  if (proposal.kind === 'nothing-to-release') {
    const readiness = renderReadinessReport(proposal, [], gates);
    return {
      kind: 'failed',
      detail: `nothing to release: ${proposal.why}`,
      record: { release: { convention: 'none', checks: [], readiness } },
    };
  }
  ctx.deps.progress.step(`Release: ${describe(proposal)} (${proposal.convention})`);
  const agent = await runStepAgent(
    releaseTask(proposal),
    ctx.runner({ mode: 'only', paths: releaseWritablePaths(proposal), why: 'the release files' }),
  );
  const ended = agentEnded(agent);
  if (ended) return ended;
  const { outcome, checkpoint } = agent as Extract<StepAgentResult, { kind: 'completed' }>;
  return verify(ctx, proposal, gates, {
    summary: outcome.summary,
    hints: outcome.hints,
    blocked: agent.blocked,
    codes: outcome.rawOutput ? ['E004'] : [],
    ...quality(outcome.qualityScore),
    ...(checkpoint ? {} : { summary: `${outcome.summary} (no file changed)` }),
  });
};

async function propose(ctx: StepContext): Promise<ReleaseProposal | NothingToRelease> {
  const { repo, workspace } = ctx.deps;
  const files = (await repo.listFiles()).map((f) => f.path);
  const read = (path: string) =>
    repo.readFile(path).then(
      (buffer) => buffer.toString('utf8'),
      () => undefined,
    );
  const convention = await detectReleaseConvention(files, read);
  const requested = requestedVersion(`${ctx.input.issue.title}\n${ctx.input.revision.draft.prd.goal}`);
  return proposeRelease(convention, {
    commitSubjects: await workspace.releaseCommitMessages(500),
    ...(requested ? { requestedVersion: requested } : {}),
    today: ctx.deps.clock.now().toISOString().slice(0, 10),
  });
}

/** The deterministic checks of the edits on the run branch; any failed check fails the step. */
async function verify(
  ctx: StepContext,
  proposal: ReleaseProposal,
  gates: { name: string; passed: boolean }[],
  record: {
    summary: string;
    hints: string;
    blocked: StepRecord['blocked'];
    codes: string[];
    qualityScore?: number;
  },
): Promise<StepOutcome> {
  const { repo, workspace } = ctx.deps;
  const changed = await workspace.diffFiles(ctx.state.baseSha, await workspace.head());
  const contents = new Map<string, string | undefined>();
  for (const path of new Set([...proposal.edits.map((e) => e.path), ...changed.map((c) => c.path)]))
    contents.set(
      path,
      await repo.readFile(path).then(
        (b) => b.toString('utf8'),
        () => undefined,
      ),
    );
  const checks = checkRelease(proposal, {
    read: (path) => contents.get(path),
    changedFiles: changed.map((c) => c.path),
  });
  const after = await gatesAfterEdits(ctx);
  const broken = after.comparison.gates.filter(
    (g) => g.status === 'broken-by-change' || g.status === 'new-failures',
  );
  for (const gate of broken)
    checks.push({ name: `the ${gate.name} gate after the release edits`, ok: false, detail: gate.status });
  const readiness = renderReadinessReport(proposal, checks, gates);
  const failed = checks.filter((c) => !c.ok);
  const release = { convention: proposal.convention, ...versions(proposal), checks, readiness };
  if (failed.length === 0) return { kind: 'done', record: { ...record, release } };
  return {
    kind: 'failed',
    detail: `the release edits are not complete: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`,
    record: { ...record, release },
  };
}

/** The gates once more on the release commit (a version bump can break a snapshot), for the report. */
async function gatesAfterEdits(ctx: StepContext) {
  const { deps } = ctx;
  const report = await runGates(deps.gates, {
    shell: deps.sandbox.shell,
    cwd: deps.workspace.root,
    timeoutMs: deps.config.validation.gate_timeout_seconds * 1000,
    signal: deps.signal,
  });
  const comparison = compareBaseline(ctx.state.baseline as GateReport | undefined, report);
  ctx.last.validation = { report, comparison, requirements: [], iterations: ctx.state.iteration };
  return { report, comparison };
}

function releaseTask(proposal: ReleaseProposal): Task {
  return {
    id: 'release',
    title: `Prepare the release: ${describe(proposal)}`,
    description: releaseTaskDescription(proposal),
    category: 'devops',
    dependsOn: [],
    files: releaseWritablePaths(proposal),
    acceptance: ['every version file holds the new version', 'the changelog has the new version’s entry'],
    requirements: [],
  };
}

function baselineGates(ctx: StepContext): { name: string; passed: boolean }[] {
  const baseline = ctx.state.baseline as GateReport | undefined;
  return (baseline?.runs ?? []).map((r) => ({ name: r.name, passed: r.outcome === 'passed' }));
}

function versions(proposal: ReleaseProposal): { from?: string; to?: string } {
  const first = proposal.bumps[0];
  return first ? { from: first.from, to: first.to } : {};
}

function describe(proposal: ReleaseProposal): string {
  return proposal.bumps.map((b) => `${b.name ? `${b.name} ` : ''}${b.from} → ${b.to}`).join(', ');
}

/** "release 2.0.0", "v2.0.0": a version the issue asks for (the proposal checks it is greater). */
function requestedVersion(text: string): string | undefined {
  return /\bv?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b/.exec(text)?.[1];
}
