import { z } from 'zod';

/* Shared by `validation.commands` and `executor.command`. */

/** A program and its arguments, run without a shell. */
export const argvSchema = z
  .array(z.string().min(1))
  .min(1)
  .describe('A program and its arguments, run without a shell.');
