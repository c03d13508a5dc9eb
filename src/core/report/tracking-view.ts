import { z } from 'zod';
import { clip } from './report-text.js';

/**
 * What the live tracking comment shows (product.md §1 step 4 and 6). The same object is stored in
 * the comment's state marker, so a later run (`/maestro status`, `/maestro resume`) can read it
 * back; `compactTrackingView` keeps that copy small.
 */

export const trackingStatuses = [
  'queued',
  'running',
  'pr-open',
  'reviewed',
  'failed',
  'cancelled',
  'refused',
] as const;
export type TrackingStatus = (typeof trackingStatuses)[number];

export const trackingTaskStatuses = ['pending', 'running', 'done', 'failed', 'skipped', 'blocked'] as const;
export type TrackingTaskStatus = (typeof trackingTaskStatuses)[number];

export const gateOutcomes = ['pass', 'fail', 'skipped'] as const;
export type GateOutcome = (typeof gateOutcomes)[number];

const phaseNumberSchema = z.number().int().min(1).max(5);

export const trackingTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The `k` of `[P:Group-k]` (1-based): tasks of one group may run in parallel. */
  group: z.number().int().nonnegative(),
  status: z.enum(trackingTaskStatuses),
});
export type TrackingTask = z.infer<typeof trackingTaskSchema>;

export const trackingGateSchema = z.object({
  name: z.string(),
  /** On the base commit, before any change. */
  baseline: z.enum(gateOutcomes).optional(),
  /** After the latest iteration. */
  current: z.enum(gateOutcomes).optional(),
  /** One line, e.g. `127/127` or `3 failed`. */
  summary: z.string().optional(),
});
export type TrackingGate = z.infer<typeof trackingGateSchema>;

export const trackingViewSchema = z.object({
  issue: z.number().int().positive(),
  status: z.enum(trackingStatuses),
  /** The phase running now (or where the run stopped). */
  phase: z.object({ number: phaseNumberSchema, title: z.string() }).optional(),
  /** Phases finished, by number (1 Planning … 5 Handoff). */
  phasesDone: z.array(phaseNumberSchema),
  tasks: z.array(trackingTaskSchema).optional(),
  /** The chain's steps: id, status and one line of what each found. */
  steps: z
    .array(z.object({ id: z.string(), status: z.string(), summary: z.string().default('') }))
    .optional(),
  /** How the generated tasks differ from the approved preview, already rendered (markdown). */
  planDrift: z.string().optional(),
  /** After the PR opened: CI fix iterations used and the checks on the PR head. */
  ci: z
    .object({
      iterations: z.number().int().nonnegative(),
      max: z.number().int().nonnegative(),
      checks: z.array(z.object({ name: z.string(), state: z.string(), url: z.string().optional() })),
    })
    .optional(),
  /** Validation iteration, 0 before the first. */
  iteration: z.number().int().nonnegative(),
  maxIterations: z.number().int().nonnegative(),
  gates: z.array(trackingGateSchema).optional(),
  usage: z.object({
    inputTokens: z.number().nonnegative(),
    outputTokens: z.number().nonnegative(),
    costUsd: z.number().nonnegative(),
  }),
  /** ISO timestamps; elapsed time is `updatedAt - startedAt`. */
  startedAt: z.string(),
  updatedAt: z.string(),
  /** The workflow run doing the work. */
  run: z.object({ url: z.string(), id: z.number().int() }).optional(),
  branch: z.string().optional(),
  /** Where gates and agent commands run; `off` is shown as a warning. */
  sandbox: z.object({ kind: z.enum(['bubblewrap', 'off']), summary: z.string() }).optional(),
  pr: z.object({ number: z.number().int().positive(), url: z.string() }).optional(),
  /** The last progress lines (`→ …`, `✓ …`, `⚠ …`), oldest first. */
  lastLines: z.array(z.string()),
  /** Set when the run failed or stopped: what failed, what was kept, how to continue. */
  failure: z
    .object({
      what: z.string(),
      /** Branch and last checkpoint sha. */
      kept: z.string(),
      next: z.string(),
    })
    .optional(),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;

/** The five phases of product.md §4, in order. */
export const trackingPhases: readonly { number: number; name: string }[] = [
  { number: 1, name: 'Planning' },
  { number: 2, name: 'Task generation' },
  { number: 3, name: 'Implementation' },
  { number: 4, name: 'Validation' },
  { number: 5, name: 'Handoff' },
];

export const TRACKING_LAST_LINES = 8;
export const TRACKING_TITLE_CHARS = 80;
const LINE_CHARS = 300;
const FAILURE_CHARS = 2_000;
const SUMMARY_CHARS = 200;

/**
 * The view with its unbounded parts cut: the last 8 lines, task titles at 80 characters, long
 * failure and gate texts clipped. Both the rendering and the marker use this copy.
 */
export function compactTrackingView(view: TrackingView): TrackingView {
  return {
    ...view,
    phasesDone: [...new Set(view.phasesDone)].sort((a, b) => a - b),
    lastLines: view.lastLines.slice(-TRACKING_LAST_LINES).map((line) => clip(line, LINE_CHARS)),
    ...(view.tasks
      ? { tasks: view.tasks.map((task) => ({ ...task, title: clip(task.title, TRACKING_TITLE_CHARS) })) }
      : {}),
    ...(view.gates
      ? {
          gates: view.gates.map((gate) =>
            gate.summary === undefined ? gate : { ...gate, summary: clip(gate.summary, SUMMARY_CHARS) },
          ),
        }
      : {}),
    ...(view.failure
      ? {
          failure: {
            what: clip(view.failure.what, FAILURE_CHARS),
            kept: clip(view.failure.kept, FAILURE_CHARS),
            next: clip(view.failure.next, FAILURE_CHARS),
          },
        }
      : {}),
  };
}

/** The view stored in a tracking comment's marker data, or undefined when absent or malformed. */
export function parseTrackingView(data: Record<string, unknown> | undefined): TrackingView | undefined {
  const parsed = trackingViewSchema.safeParse(data?.view);
  return parsed.success ? parsed.data : undefined;
}
