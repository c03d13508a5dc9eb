import { type ReviewFinding, type ReviewSeverity, reviewSeveritySchema } from '../chains/review-finding.js';
import { redactOutbound } from '../policy/redact-outbound.js';
import { codeLine, firstOf, moreNote, textLine } from './report-text.js';

export interface ReviewCommentInput {
  /** The agent's findings (model text: every field is untrusted). */
  findings: readonly ReviewFinding[];
  /** The agent's summary (model text). */
  summary: string;
  /** The issue the review is for; shown in the title. */
  issueNumber?: number;
  /** One line on the chain that ran, e.g. `review (1 step, read-only)`. Shown as plain text. */
  chainSteps?: string;
  /** One line on the gates, e.g. `npm test passed on the base commit`. Shown as plain text. */
  gates?: string;
  /** One line on the sandbox the agent ran in. Shown as plain text. */
  sandbox?: string;
}

/** Well under GitHub's 65,536, leaving room for a state marker the adapter appends. */
export const REVIEW_MAX_CHARS = 30_000;

const severityOrder = reviewSeveritySchema.options;

const severityIcon: Readonly<Record<ReviewSeverity, string>> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
};

interface Detail {
  maxShown: number;
  whatChars: number;
  /** 0 leaves the why out. */
  whyChars: number;
}

/**
 * Tried in turn until the comment fits. The last is bounded by construction (50 items of at most a
 * few hundred characters each), so the footer saying no code changed is never cut off.
 */
const details: readonly Detail[] = [
  { maxShown: 200, whatChars: 500, whyChars: 1000 },
  { maxShown: 200, whatChars: 300, whyChars: 280 },
  { maxShown: 100, whatChars: 200, whyChars: 0 },
  { maxShown: 50, whatChars: 120, whyChars: 0 },
];

/**
 * The one comment the review chain posts: title, the agent's summary, counts by severity, the
 * findings from most to least severe (then by file and line), and a footer saying no code changed.
 *
 * Everything from the model is untrusted: paths go into code spans that backticks cannot break,
 * prose is clipped to one line with `<` escaped (no HTML, no breaking out of the list), and the
 * whole body goes through the outbound redactor without an issue number, so mentions are not
 * notified and no closing keyword stays live. Posting redacts again with the run's secrets (the
 * redactor is idempotent).
 */
export function renderReviewComment(input: ReviewCommentInput): string {
  const findings = sortFindings(input.findings);
  let body = '';
  for (const detail of details) {
    const raw = render(input, findings, detail);
    // A level already over the limit is skipped before the redactor, the costly part, sees it.
    if (raw.length > REVIEW_MAX_CHARS && detail !== details.at(-1)) continue;
    const redacted = redactOutbound(raw, { maxLength: REVIEW_MAX_CHARS });
    body = redacted.text;
    if (redacted.report.truncated === 0) return body;
  }
  return body;
}

function render(input: ReviewCommentInput, findings: readonly ReviewFinding[], detail: Detail): string {
  const title = `## Maestro review${input.issueNumber === undefined ? '' : ` · #${input.issueNumber}`}`;
  const summary = input.summary.trim() ? textLine(input.summary, 1000) : '_No summary was given._';
  const { shown, more } = firstOf(findings, detail.maxShown);
  const list =
    findings.length === 0
      ? '_The review found nothing to report._'
      : shown.map((finding, i) => renderFinding(finding, i + 1, detail)).join('\n');
  return `${[
    title,
    summary,
    renderCounts(findings),
    list,
    moreNote(more, 'findings (shortened to fit)'),
    '**No code was changed:** this review is read-only.',
    renderFacts(input),
  ]
    .filter((block) => block !== '')
    .join('\n\n')}\n`;
}

function renderCounts(findings: readonly ReviewFinding[]): string {
  const counts = severityOrder.map((severity) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return `${severityIcon[severity]} ${n} ${severity}`;
  });
  const total = `**${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}**`;
  return `${total} · ${counts.join(' · ')}`;
}

/** `1. 🔴 **critical** · `src/a.ts:12` — what`, and the why on an indented line of its own. */
function renderFinding(finding: ReviewFinding, n: number, detail: Detail): string {
  const where = codeLine(finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`);
  const head = `${n}. ${severityIcon[finding.severity]} **${finding.severity}** · ${where} — ${textLine(finding.what, detail.whatChars)}`;
  const why = detail.whyChars > 0 ? textLine(finding.why, detail.whyChars) : '';
  // The label keeps the model's text from starting the line (where `>` or `-` would be markup).
  return why ? `${head}\n   Why: ${why}` : head;
}

function renderFacts(input: ReviewCommentInput): string {
  const facts: [string, string | undefined][] = [
    ['Chain', input.chainSteps],
    ['Gates', input.gates],
    ['Sandbox', input.sandbox],
  ];
  return facts
    .filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1].trim() !== '')
    .map(([label, value]) => `- ${label}: ${textLine(value, 300)}`)
    .join('\n');
}

/** Most severe first; then by file and line (a whole-file finding before the file's lines). */
function sortFindings(findings: readonly ReviewFinding[]): ReviewFinding[] {
  const rank = (f: ReviewFinding) => severityOrder.indexOf(f.severity);
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.what, b.what),
  );
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
