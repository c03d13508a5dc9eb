import { oneLine } from '../report/markdown.js';

/**
 * What the planning comment's status line says: where the plan stands, as people should read it.
 * A superseded revision needs no line: the comment always shows the newest, earlier ones folded
 * under it as "Superseded by revision N".
 */
export type PlanStatus =
  | { kind: 'awaiting-answers' }
  | { kind: 'not-ready' }
  | { kind: 'ready' }
  | { kind: 'approved'; by: string; revision: number; at: string }
  | { kind: 'running' }
  | { kind: 'pr-opened'; pr: number }
  /** A chain that changes no code (review) posted its report on the issue. */
  | { kind: 'reviewed' }
  | { kind: 'failed'; why: string }
  | { kind: 'cancelled' };

const WHY_MAX = 200;

/** The status as one short line of markdown (no line break, no `<`, so it stays inside its block). */
export function planStatusText(status: PlanStatus): string {
  switch (status.kind) {
    case 'awaiting-answers':
      return 'awaiting answers';
    case 'not-ready':
      return 'not ready for approval';
    case 'ready':
      return 'ready for approval';
    case 'approved':
      // In a code span: the outbound redaction would otherwise wrap the mention itself.
      return `approved by \`@${plain(status.by).replace(/`/g, '')}\` (revision ${status.revision}, at ${plain(status.at)})`;
    case 'running':
      return 'running';
    case 'pr-opened':
      return `PR #${status.pr} opened`;
    case 'reviewed':
      return 'review posted';
    case 'failed':
      return `failed (${clip(plain(status.why))})`;
    case 'cancelled':
      return 'cancelled';
  }
}

/*
 * On GitHub the status line sits between two HTML comments (invisible once rendered). Maestro edits
 * it as the plan's state changes, so the planning comment's hash (plan-record.ts) reads every such
 * block as the bare pair of delimiters. What it skips cannot carry the plan: only the first block,
 * and only when it holds one of the lines planStatusText writes (one line, no `<`, a failure reason
 * of at most 200 characters, 1000 once redacted; the run reads none of it, it executes the revision in the record).
 * Everything else is hashed as written, so a second block, a removed one or a moved one changes the
 * hash. The PRD, questions, decisions and tasks stay hashed.
 */
// Not `<!-- maestro…`: outbound redaction escapes anything that looks like Maestro's state marker.
const OPEN = '<!-- plan-status -->';
const CLOSE = '<!-- /plan-status -->';
/** Only the forms planStatusText writes: anything else in the block is hashed like the rest. */
const FORMS = [
  'awaiting answers',
  'not ready for approval',
  'ready for approval',
  'approved by `@[^\\n<()`]{1,64}` \\(revision \\d+, at [^\\n<()]{1,40}\\)',
  'running',
  'PR #\\d+ opened',
  'review posted',
  // Room beyond WHY_MAX: the outbound redaction lengthens a reason (each mention gets a code span).
  `failed \\([^\\n<]{0,${WHY_MAX * 5}}\\)`,
  'cancelled',
].join('|');
/** Not global: only the first block is Maestro's (it is in the header, before any model text). */
const BLOCK = new RegExp(`${OPEN}\\*\\*Status:\\*\\* (?:${FORMS})${CLOSE}`);

/** The status line wrapped in the block Maestro may rewrite. */
export function statusBlock(status: PlanStatus): string {
  return `${OPEN}**Status:** ${planStatusText(status)}${CLOSE}`;
}

/**
 * The visible text with its status block showing `status`; unchanged when it has no block (a
 * comment written before the block existed, or one whose block someone removed: that edit stays
 * visible to the approval check).
 */
export function withPlanStatus(visible: string, status: PlanStatus): string {
  return visible.replace(BLOCK, () => statusBlock(status));
}

/** The status block of `visible` as Maestro wrote it, or undefined when it has none. */
export function planStatusBlockOf(visible: string): string | undefined {
  return visible.match(BLOCK)?.[0];
}

/** `visible` with its status block replaced by `block` verbatim (one planStatusBlockOf returned). */
export function withPlanStatusBlock(visible: string, block: string): string {
  return visible.replace(BLOCK, () => block);
}

/** The visible text with its status block emptied: what the planning comment's hash covers. */
export function withoutPlanStatus(visible: string): string {
  return visible.replace(BLOCK, `${OPEN}${CLOSE}`);
}

/** Keeps untrusted text (a login, an error) on one line and out of the block's delimiters. */
function plain(text: string): string {
  return oneLine(text).replace(/[<>]/g, '');
}

function clip(text: string): string {
  return text.length > WHY_MAX ? `${text.slice(0, WHY_MAX - 1)}…` : text;
}
