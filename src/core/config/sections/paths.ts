import { z } from 'zod';
import { globProblem } from '../../policy/glob-match.js';

/* `paths`: files Maestro must not touch; the rules every field follows are in ../config-schema.ts. */

/** The acknowledgement key `allow_workflow_edits: true` needs (security.md rule 10). */
export const workflowEditsAcknowledgement = 'i_understand_workflow_edits_run_with_repository_secrets';

/** The acknowledgement key an empty `protected` list needs. */
export const unprotectedPathsAcknowledgement =
  'i_understand_unprotected_paths_let_the_agent_edit_ci_and_agent_config';

export const defaultProtectedPaths = [
  '.github/workflows/**',
  '.github/actions/**',
  'AGENTS.md',
  'CLAUDE.md',
  '.claude/**',
  '.cursor/**',
  '.vscode/**',
  '.husky/**',
  '.github/maestro.yml',
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitattributes',
  '.gitmodules',
  '**/.npmrc',
  '**/.yarnrc.yml',
];

/** A glob in `protected`: one picomatch can compile and that cannot invert or escape protection. */
const protectedGlobSchema = z
  .string()
  .min(1)
  .superRefine((glob, ctx) => {
    const problem = globProblem(glob);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `\`${glob}\` ${problem}` });
  });

export const pathsSchema = z
  .object({
    /** Globs Maestro never edits: CI, agent instructions, editor and package-manager settings. */
    protected: z
      .array(protectedGlobSchema)
      .default(defaultProtectedPaths)
      .describe(
        `Globs of files Maestro never edits: CI workflows, Git and agent configuration, editor and package-manager settings. Globs are relative to the repository root, match dotfiles, and support \`**\`, \`*\`, \`?\`, \`{a,b}\` and \`[ab]\`; a glob that cannot be read, starts with \`!\`, is absolute or contains \`..\` is a config error. Setting this replaces the default list; an empty list needs \`${unprotectedPathsAcknowledgement}: true\`.`,
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
    /** The explicit acknowledgement that `protected: []` requires. */
    [unprotectedPathsAcknowledgement]: z
      .boolean()
      .default(false)
      .describe(
        'The explicit acknowledgement `protected: []` requires: with no protected paths the agent can edit CI workflows, CODEOWNERS, hooks and its own configuration.',
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
    if (paths.protected.length === 0 && !paths[unprotectedPathsAcknowledgement]) {
      ctx.addIssue({
        code: 'custom',
        path: ['protected'],
        message: `is empty, which is unsafe: the agent could then edit CI workflows, CODEOWNERS, Git hooks and its own configuration. List the paths to protect, or, to allow it anyway, add \`${unprotectedPathsAcknowledgement}: true\` to the \`paths\` section`,
      });
    }
  })
  .describe('Files Maestro must not touch.');
export type PathsConfig = z.infer<typeof pathsSchema>;
