import { z } from 'zod';

/**
 * Where a session is in its life; the CLI's `maestro sessions` lists it. A session whose process
 * has ended says how it ended: `dry-run` (planned only), `declined` (not approved at the prompt),
 * `failed` (planning or the run failed, or the plan was not ready), `completed`, `cancelled`.
 */
export const sessionStatusSchema = z.enum([
  'planning',
  'awaiting-answers',
  'awaiting-approval',
  'approved',
  'implementing',
  'validating',
  'completed',
  'failed',
  'cancelled',
  'dry-run',
  'declined',
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** The seed's metadata.json, kept in `.maestro/sessions/<id>/metadata.json`. */
export const sessionMetadataSchema = z.object({
  session_id: z.string(),
  feature_request: z.string(),
  status: sessionStatusSchema,
  current_phase: z.enum(['planning', 'task-generation', 'implementation', 'validation', 'handoff']),
  chain: z.string(),
  start_time: z.string(),
  updated_time: z.string(),
  /** True when the plan was made by replaying a recorded model session (demo/tests), never a live model. */
  replay: z.boolean().default(false),
  git_context: z.object({
    repo_root: z.string(),
    head: z.string().optional(),
    branch: z.string().optional(),
  }),
  statistics: z.object({
    tasks_completed: z.number().int().default(0),
    tasks_remaining: z.number().int().default(0),
    checkpoints_created: z.number().int().default(0),
    errors_recovered: z.number().int().default(0),
  }),
  plan: z
    .object({ revision: z.number().int(), hash: z.string(), approved_hash: z.string().optional() })
    .optional(),
});
export type SessionMetadata = z.infer<typeof sessionMetadataSchema>;

/** `mae-20261120-223000-7f3a`: sortable by time, unique enough for one repository. */
export function newSessionId(now: Date, random: () => number = Math.random): string {
  const iso = now.toISOString();
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `mae-${date}-${time}-${suffix}`;
}

export const SESSION_ID_RE = /^mae-\d{8}-\d{6}-[0-9a-f]{4}$/;
