import { chains, resolveChainName } from '../chains/chains.js';
import { flattenTasks } from '../tasks/task-schema.js';
import type { FinalReportInput, ReportGate, RunOutcome, StopReason } from './final-report-input.js';
import { code, formatTokens, formatUsd } from './markdown.js';
import { clip, formatDuration, section, textLine } from './report-text.js';

/** The seed's title, and the one closing keyword the outbound redactor keeps (security.md rule 6). */
export function renderReportHeader(input: Pick<FinalReportInput, 'issue'>): string {
  const title = '# Maestro Implementation Report';
  return input.issue.number === undefined ? title : `${title}\n\nCloses #${input.issue.number}`;
}

const stopWords: Readonly<Record<StopReason, string>> = {
  budget: 'the budget cap was reached',
  'wall-clock': 'the wall-clock limit was reached',
  cancelled: 'the run was cancelled',
  security: 'a security rule stopped the run',
  'step-failed': 'a step of the chain could not keep its promise',
  'plan-changed': 'the tasks no longer match the approved plan; re-approve it',
  'push-rejected': 'origin did not take the push of the checkpoints',
  error: 'an error stopped the run',
};

/** One line naming how the run ended; for a stop, why. */
export function outcomeLine(outcome: RunOutcome): string {
  if (outcome.kind === 'completed') return '✅ Completed';
  if (outcome.kind === 'completed-with-failures') return '⚠️ Completed with failures';
  const detail = outcome.detail?.trim() ? ` (${textLine(outcome.detail, 300)})` : '';
  return `⏹️ Stopped: ${stopWords[outcome.reason]}${detail}`;
}

/**
 * The Summary section. Every piece of outside text in it is clipped, so it has a small fixed size:
 * the size limit never has to cut it.
 */
export function renderReportSummary(input: FinalReportInput): string {
  const lines = [
    `- **Outcome:** ${outcomeLine(input.outcome)}`,
    ...(input.outcome.kind === 'stopped'
      ? [`- **How to continue:** ${textLine(input.resumeHint, 500)}`]
      : []),
    `- **Issue:** ${issueLine(input.issue)}`,
    `- **Chain:** ${code(clip(input.chain, 40))} · **Session:** ${code(clip(input.sessionId, 80))}`,
    `- **Duration:** ${formatDuration(input.startedAt, input.endedAt)}`,
    `- **Tasks completed:** ${taskLine(input)}`,
    `- **Quality gates:** ${gateLine(input.gates)}`,
    ...testLine(input.gates),
    `- **Validation iterations:** ${input.iterations}`,
    `- **Checkpoints:** ${input.checkpoints.length}`,
    `- **Cost:** ${costLine(input.usage.total)}`,
  ];
  return section('Summary', lines.join('\n'));
}

function issueLine(issue: FinalReportInput['issue']): string {
  const title = textLine(issue.title, 200);
  if (issue.number !== undefined) return `#${issue.number} ${title}`;
  return issue.url ? `${title} (${code(clip(issue.url, 200))})` : title;
}

function taskLine(input: FinalReportInput): string {
  const ids = new Set([...flattenTasks(input.plan).map((task) => task.id), ...input.tasks.map((t) => t.id)]);
  const count = (status: string) => input.tasks.filter((task) => task.status === status).length;
  const ran = new Set(input.tasks.map((task) => task.id));
  const notRun = [...ids].filter((id) => !ran.has(id)).length;
  // In a chain that changes code, a task done without a checkpoint changed nothing: not completed.
  const unchanged = changesCode(input.chain)
    ? input.tasks.filter((task) => task.status === 'done' && !task.checkpointSha).length
    : 0;
  const parts = [
    [unchanged, 'finished without changes'],
    [count('failed'), 'failed'],
    [count('blocked'), 'blocked'],
    [count('skipped'), 'skipped'],
    [notRun, 'not run'],
  ] as const;
  const rest = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  return `${count('done') - unchanged}/${ids.size}${rest.length ? ` (${rest.join(', ')})` : ''}`;
}

function changesCode(chain: string): boolean {
  const name = resolveChainName(chain);
  return name === undefined || chains[name].changesCode;
}

/** Passing after the change, and what is failing split by who caused it. */
export function gateLine(gates: readonly ReportGate[]): string {
  if (gates.length === 0) return 'not run';
  const passing = gates.filter((g) => g.status === 'passing' || g.status === 'fixed').length;
  const broken = gates.filter((g) => g.status === 'broken-by-change' || g.status === 'new-failures').length;
  const preExisting = gates.filter((g) => g.status === 'still-failing (pre-existing)').length;
  const parts = [`${passing}/${gates.length} passing`];
  if (broken) parts.push(`${broken} failing because of this change`);
  if (preExisting) parts.push(`${preExisting} failing since before this change (pre-existing)`);
  return parts.join(' · ');
}

function testLine(gates: readonly ReportGate[]): string[] {
  const counted = gates.flatMap((gate) => (gate.after?.counts ? [gate.after.counts] : []));
  if (counted.length === 0) return [];
  const sum = (key: 'passed' | 'failed' | 'skipped') => counted.reduce((n, counts) => n + counts[key], 0);
  const total = sum('passed') + sum('failed');
  const skipped = sum('skipped') ? `, ${sum('skipped')} skipped` : '';
  return [`- **Tests passed:** ${sum('passed')}/${total}${skipped}`];
}

function costLine(total: FinalReportInput['usage']['total']): string {
  const tokens = formatTokens(total.inputTokens + total.outputTokens);
  const unpriced = total.unpricedModels.length
    ? ` · ⚠️ unpriced: ${total.unpricedModels
        .slice(0, 5)
        .map((m) => code(clip(m, 60)))
        .join(', ')} (counted as $0)`
    : '';
  return `${formatUsd(total.costUsd)} (${tokens} tokens, ${total.calls} model calls)${unpriced}`;
}
