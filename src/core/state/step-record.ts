import { z } from 'zod';
import { reviewFindingSchema } from '../chains/review-finding.js';

/**
 * What one chain step did (the seed's step record: status, findings, quality score, hints),
 * saved in `run-state.json` after every step, shown in the tracking comment and the report, and
 * handed to the later steps as "Context from Previous Steps". A resumed run starts at the first
 * step that is not `done`.
 */
export const stepStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** The fix chain's reproducing test, run by Maestro on the base commit's code. */
export const reproductionSchema = z.object({
  status: z.enum(['reproduced', 'not-reproduced', 'no-test']),
  /** Test files the analyse step wrote. */
  tests: z.array(z.string()).default([]),
  /** Failing test names the reproducing run showed that the baseline did not. */
  failures: z.array(z.string()).default([]),
  /** The failing run's output tail (redacted before it is shown). */
  output: z.string().default(''),
  /** Why there is no reproducing test, or why it did not fail. */
  why: z.string().default(''),
  /** After the fix: the reproducing test passes. Absent until `verify` ran. */
  greenAfterFix: z.boolean().optional(),
  afterOutput: z.string().optional(),
});
export type Reproduction = z.infer<typeof reproductionSchema>;

export const coverageSchema = z.object({
  command: z.string(),
  before: z.number().optional(),
  after: z.number().optional(),
});

export const releaseCheckRecordSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

export const stepRecordSchema = z.object({
  id: z.string(),
  status: stepStatusSchema,
  /** What the step found or did, max ~500 characters (the seed's `findings`). */
  summary: z.string().default(''),
  qualityScore: z.number().optional(),
  hints: z.string().default(''),
  /** The seed's codes that applied: E003 (timed out twice), E004 (no JSON), W001 (no hints). */
  codes: z.array(z.string()).default([]),
  /** What the policy refused the step's agent (payload-free), for the report. */
  blocked: z
    .array(
      z.object({
        kind: z.enum(['path-escape', 'protected-path', 'command-not-allowed', 'command-timeout', 'other']),
        what: z.string(),
      }),
    )
    .default([]),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  reproduction: reproductionSchema.optional(),
  /** Test files added or changed (the test chain). */
  testsAdded: z.array(z.string()).optional(),
  coverage: coverageSchema.optional(),
  /** The review chain's findings. */
  findings: z.array(reviewFindingSchema).optional(),
  /** The release chain: current → next version and the deterministic checks of the edits. */
  release: z
    .object({
      convention: z.string(),
      from: z.string().optional(),
      to: z.string().optional(),
      checks: z.array(releaseCheckRecordSchema).default([]),
      readiness: z.string().default(''),
    })
    .optional(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;
