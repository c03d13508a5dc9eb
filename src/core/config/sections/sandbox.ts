import { z } from 'zod';

/* `sandbox`: where untrusted code runs; the rules every field follows are in ../config-schema.ts. */

/** The acknowledgement key `mode: off` needs (security.md rules 10–11). */
export const sandboxOffAcknowledgement = 'i_understand_untrusted_code_runs_with_my_secrets';

export const sandboxModes = ['auto', 'bubblewrap', 'off'] as const;

// A host name or `*.domain`, optionally `:port`: no scheme, path or wildcard in the middle.
const hostPattern =
  /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$/i;

export const sandboxNetworkSchema = z
  .union([
    z.literal('none'),
    z
      .object({
        /** Host names reachable through Maestro's filtering proxy (`*.example.com` for subdomains). */
        allow: z
          .array(
            z.string().regex(hostPattern, {
              message:
                'must be a host name such as registry.npmjs.org or *.pythonhosted.org, optionally with :port (no scheme or path)',
            }),
          )
          .min(1)
          .describe(
            'Host names the sandboxed processes may reach over HTTP(S) through a filtering proxy, e.g. ["registry.npmjs.org"]; `*.example.com` also allows its subdomains; ports 80 and 443 unless one is given (`host:8080`).',
          ),
      })
      .strict(),
  ])
  .describe(
    '`none` (no network at all), or `{ allow: [hosts] }` for gates that need a package registry: HTTP(S) to those hosts only, through a proxy Maestro runs outside the sandbox.',
  );
export type SandboxNetwork = z.infer<typeof sandboxNetworkSchema>;

export const sandboxSchema = z
  .object({
    /** `auto` uses bubblewrap on Linux and refuses elsewhere; `off` needs the acknowledgement key. */
    mode: z
      .enum(sandboxModes)
      .default('auto')
      .describe(
        '`auto` (bubblewrap on Linux; elsewhere Maestro refuses to run untrusted code), `bubblewrap`, or `off` (runs gates and agent commands with your secrets in reach: only with the acknowledgement key).',
      ),
    /** Network for every sandboxed process. */
    network: sandboxNetworkSchema.default('none'),
    /** More paths to hide inside the sandbox (e.g. a self-hosted runner's credential directory). */
    hide: z
      .array(z.string().startsWith('/', { message: 'must be an absolute path' }))
      .default([])
      .describe(
        "Absolute paths hidden from sandboxed processes on top of the defaults ($HOME, /run, the runner's temp directory), e.g. a self-hosted runner's credential directory.",
      ),
    /** The explicit acknowledgement that `mode: off` requires. */
    [sandboxOffAcknowledgement]: z
      .boolean()
      .default(false)
      .describe(
        "The explicit acknowledgement `mode: off` requires: without a sandbox, test code the model wrote can read Maestro's tokens and keys from /proc and rewrite .git/config.",
      ),
  })
  .strict()
  .superRefine((sandbox, ctx) => {
    if (sandbox.mode === 'off' && !sandbox[sandboxOffAcknowledgement]) {
      ctx.addIssue({
        code: 'custom',
        path: ['mode'],
        message: `is unsafe: without a sandbox, code the model wrote runs next to your tokens and keys. To allow it anyway, add \`${sandboxOffAcknowledgement}: true\` to the \`sandbox\` section`,
      });
    }
  })
  .describe(
    'Where gates, agent commands and CLI agents run: a sandbox with its own PID namespace, no network, only the worktree writable.',
  );
export type SandboxConfig = z.infer<typeof sandboxSchema>;
