import { cell, formatTokens, formatUsd } from './markdown.js';
import { nameText, renderTaskCounts, renderTasks } from './render-tracking-tasks.js';
import { textLine } from './report-text.js';
import {
  compactTrackingView,
  type GateOutcome,
  type TrackingStatus,
  type TrackingTask,
  type TrackingView,
  trackingPhases,
} from './tracking-view.js';

export {
  compactTrackingView,
  parseTrackingView,
  type TrackingGate,
  type TrackingStatus,
  type TrackingTask,
  type TrackingTaskStatus,
  type TrackingView,
  trackingViewSchema,
} from './tracking-view.js';

/** The comment stays well under GitHub's 65,536 characters, even with hundreds of tasks. */
export const TRACKING_MAX_CHARS = 20_000;
const MAX_GATES = 30;

const heading: Readonly<Record<TrackingStatus, string>> = {
  queued: '⏳ Maestro: queued',
  running: '🔄 Maestro: running',
  'pr-open': '✅ Maestro: pull request open',
  reviewed: '🔍 Maestro: review posted',
  failed: '❌ Maestro: failed',
  cancelled: '⏹️ Maestro: cancelled',
  refused: '🚫 Maestro: refused',
};

const currentMark: Readonly<Record<TrackingStatus, string>> = {
  queued: '⏳ next',
  running: '🔄 in progress',
  'pr-open': '🔄 in progress',
  reviewed: '🔄 in progress',
  failed: '❌ failed here',
  cancelled: '⏹️ stopped here',
  refused: '🚫 stopped here',
};

const gateIcon: Readonly<Record<GateOutcome, string>> = {
  pass: '✅ pass',
  fail: '❌ fail',
  skipped: '⏭️ skipped',
};

/** Title length per task line; shorter ones are tried only when the comment is too long. */
const taskDetail = [{ titleChars: 80 }, { titleChars: 48 }, { titleChars: 0 }] as const;

/**
 * The live tracking comment: status, phase checklist, tasks by group, iteration, gates before and
 * after, usage, elapsed time, the latest progress lines, and on failure how to continue. Plain
 * markdown without HTML comments (the adapter appends the state marker after redaction).
 */
export function renderTrackingComment(input: TrackingView): string {
  const view = compactTrackingView(input);
  for (const detail of taskDetail) {
    const body = renderWith(view, (tasks) => renderTasks(tasks, detail.titleChars));
    if (body.length <= TRACKING_MAX_CHARS) return body;
  }
  return renderWith(view, (tasks) => renderTaskCounts(tasks));
}

function renderWith(view: TrackingView, tasksBlock: (tasks: readonly TrackingTask[]) => string): string {
  return [
    // `issue #n`, not a bare `#n`: beside "pull request open" a bare number reads as the PR's.
    `## ${heading[view.status]} · issue #${view.issue}`,
    renderFacts(view),
    renderPhases(view),
    renderSteps(view),
    view.tasks?.length ? tasksBlock(view.tasks) : '',
    renderGates(view),
    renderCi(view),
    renderLastLines(view.lastLines),
    renderFailure(view),
  ]
    .filter((block) => block !== '')
    .join('\n\n')
    .concat('\n');
}

function renderFacts(view: TrackingView): string {
  const { usage } = view;
  const facts = [
    view.phase ? `**Phase:** ${view.phase.number} / 5 · ${textLine(view.phase.title, 80)}` : '',
    `**Iteration:** ${view.iteration} / ${view.maxIterations}`,
    `**Elapsed:** ${formatElapsed(view.startedAt, view.updatedAt)}`,
    `**Tokens:** ${formatTokens(usage.inputTokens)} in · ${formatTokens(usage.outputTokens)} out`,
    `**Cost:** ${formatUsd(usage.costUsd)}`,
    view.branch ? `**Branch:** ${nameText(view.branch, 120)}` : '',
    view.pr ? `**Pull request:** ${link(`#${view.pr.number}`, view.pr.url)}` : '',
    view.sandbox
      ? view.sandbox.kind === 'off'
        ? `**Sandbox:** ⚠️ none — ${textLine(view.sandbox.summary, 200)}`
        : `**Sandbox:** ${textLine(view.sandbox.summary, 200)}`
      : '',
    view.run ? `**Run:** ${link(`workflow run ${view.run.id}`, view.run.url)}` : '',
  ];
  return facts
    .filter(Boolean)
    .map((fact) => `- ${fact}`)
    .join('\n');
}

function renderPhases(view: TrackingView): string {
  const done = new Set(view.phasesDone);
  const current = view.phase?.number;
  const lines = trackingPhases.map(({ number, name }) => {
    if (done.has(number)) return `- [x] ${number} ${name}`;
    if (number === current) return `- [ ] **${number} ${name}** — ${currentMark[view.status]}`;
    return `- [ ] ${number} ${name}`;
  });
  return ['### Phases', ...lines].join('\n');
}

const stepIcon: Readonly<Record<string, string>> = {
  pending: '⏳',
  running: '🔄',
  done: '✅',
  failed: '❌',
  skipped: '⏭️',
};

/** The chain's steps, one line each; the plan drift (already rendered by Maestro) under them. */
function renderSteps(view: TrackingView): string {
  const steps = view.steps ?? [];
  if (steps.length === 0)
    return view.planDrift ? `### Tasks against the approved plan\n\n${view.planDrift}` : '';
  const lines = steps.map(
    (step, i) =>
      `${i + 1}. ${stepIcon[step.status] ?? '•'} ${nameText(step.id, 40)}${step.summary ? ` — ${textLine(step.summary, 160)}` : ''}`,
  );
  return [`### Steps`, lines.join('\n'), view.planDrift ?? ''].filter(Boolean).join('\n\n');
}

const checkIcon: Readonly<Record<string, string>> = {
  queued: '⏳ queued',
  running: '🔄 running',
  passed: '✅ passed',
  failed: '❌ failed',
  'pre-existing': '⚪ failing on the base too (pre-existing)',
  skipped: '⏭️ skipped',
  neutral: '⚪ neutral',
  cancelled: '🚫 cancelled',
  'needs-approval': '✋ needs approval',
  stale: '⌛ stale',
  'not-started': '⚠️ could not start',
  unknown: '❔ unknown result',
};

/** The PR head's checks (with links to failing runs) and the CI fix iterations used. */
function renderCi(view: TrackingView): string {
  const ci = view.ci;
  if (!ci) return '';
  const rows = ci.checks.slice(0, MAX_GATES).map((check) => {
    const name =
      check.url && check.state === 'failed'
        ? link(nameText(check.name, 60), check.url)
        : nameText(check.name, 60);
    return `| ${cell(name)} | ${checkIcon[check.state] ?? cell(textLine(check.state, 20))} |`;
  });
  return [
    '### CI on the pull request',
    `**CI fix iterations:** ${ci.iterations} / ${ci.max}`,
    rows.length ? ['| Check | State |', '|---|---|', ...rows].join('\n') : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function renderGates(view: TrackingView): string {
  const gates = view.gates ?? [];
  if (gates.length === 0) return '';
  const rows = gates.slice(0, MAX_GATES).map((gate) => {
    const notes = gate.summary ? cell(textLine(gate.summary)) : '—';
    return `| ${cell(nameText(gate.name, 60))} | ${outcome(gate.baseline)} | ${outcome(gate.current)} | ${notes} |`;
  });
  const more = gates.length > MAX_GATES ? `_…and ${gates.length - MAX_GATES} more gates_` : '';
  const table = ['| Gate | Before (baseline) | After | Notes |', '|---|---|---|---|', ...rows].join('\n');
  return ['### Quality gates', table, more].filter(Boolean).join('\n\n');
}

function outcome(value: GateOutcome | undefined): string {
  return value ? gateIcon[value] : '—';
}

function renderLastLines(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return ['### Latest', ...lines.map((line) => `- ${textLine(line) || '…'}`)].join('\n');
}

function renderFailure(view: TrackingView): string {
  const { failure } = view;
  if (!failure) return '';
  return [
    '### What failed',
    textLine(failure.what) || 'Unknown.',
    '### What was kept',
    textLine(failure.kept) || 'Nothing.',
    '### How to continue',
    `${textLine(failure.next)} When ready, comment \`/maestro resume\` to continue from the last checkpoint.`.trim(),
  ].join('\n\n');
}

/** A link whose destination cannot break out of `(…)`. */
function link(text: string, url: string): string {
  const safe = url.replace(/[\s()<>]/g, (ch) => encodeURIComponent(ch));
  return `[${text}](${safe})`;
}

/** `1h 02m 03s`, `4m 05s`, `42s` — or `unknown` when a timestamp does not parse. */
export function formatElapsed(startedAt: string, updatedAt: string): string {
  const ms = Date.parse(updatedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms)) return 'unknown';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
