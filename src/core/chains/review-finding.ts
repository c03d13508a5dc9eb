import { z } from 'zod';

/**
 * One finding of the `review` chain: where, how serious, what and why. The agent reports them
 * through its `finish` tool (or the last JSON block of a command agent's output); Maestro posts
 * them as one comment and never changes code.
 */
export const reviewSeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type ReviewSeverity = z.infer<typeof reviewSeveritySchema>;

export const reviewFindingSchema = z.object({
  /** Repository-relative path. */
  file: z.string().min(1).max(300),
  /** 1-based line the finding is about; absent for a whole-file finding. */
  line: z.number().int().min(1).optional(),
  severity: reviewSeveritySchema,
  /** What is wrong, in one sentence. */
  what: z.string().min(1).max(500),
  /** Why it matters (the consequence), and what to do about it. */
  why: z.string().max(1000).default(''),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;
