import { z } from 'zod';

/* `paths`: files Maestro must not touch; the rules every field follows are in ../config-schema.ts. */

/** The acknowledgement key `allow_workflow_edits: true` needs (security.md rule 10). */
export const workflowEditsAcknowledgement = 'i_understand_workflow_edits_run_with_repository_secrets';

export const defaultProtectedPaths = [
  '.github/workflows/**',
  '.github/actions/**',
  'AGENTS.md',
  'CLAUDE.md',
  '.claude/**',
  '.cursor/**',
  '.vscode/**',
  '.npmrc',
  '.yarnrc.yml',
];

export const pathsSchema = z
  .object({
    /** Globs Maestro never edits: CI, agent instructions, editor and package-manager settings. */
    protected: z
      .array(z.string().min(1))
      .default(defaultProtectedPaths)
      .describe(
        'Globs of files Maestro never edits: CI workflows, agent instructions, editor and package-manager settings. Setting this replaces the default list.',
      ),
    /** Let Maestro edit `.github/workflows/**`; needs the acknowledgement key alongside. */
    allow_workflow_edits: z
      .boolean()
      .default(false)
      .describe(
        `Let Maestro edit \`.github/workflows/**\`. Only accepted together with \`${workflowEditsAcknowledgement}: true\`.`,
      ),
    /** The explicit acknowledgement that `allow_workflow_edits: true` requires. */
    [workflowEditsAcknowledgement]: z
      .boolean()
      .default(false)
      .describe(
        "The explicit acknowledgement `allow_workflow_edits: true` requires: an edited workflow runs with the repository's secrets.",
      ),
  })
  .strict()
  .superRefine((paths, ctx) => {
    if (paths.allow_workflow_edits && !paths[workflowEditsAcknowledgement]) {
      ctx.addIssue({
        code: 'custom',
        path: ['allow_workflow_edits'],
        message: `is unsafe: an edited workflow runs with the repository's secrets. To allow it anyway, add \`${workflowEditsAcknowledgement}: true\` to the \`paths\` section`,
      });
    }
  })
  .describe('Files Maestro must not touch.');
export type PathsConfig = z.infer<typeof pathsSchema>;
