import type { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Parse an outside value once, at the edge, naming where it came from so every error says where
 * to look (`parseOrThrow(prdSchema, output, 'model output (PRD)')`).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, source: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(source, formatZodIssues(result.error.issues));
}

/** One line per issue: `key.path: message`. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
