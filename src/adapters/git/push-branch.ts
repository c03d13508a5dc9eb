import type { SimpleGit } from 'simple-git';
import { MaestroError } from '../../core/errors.js';
import { redactSecrets } from '../../core/policy/outbound/redact-secrets.js';
import type { PushResult } from '../../ports/git-workspace-port.js';
import { tryRaw } from './git-client.js';
import { redactGitMessage } from './push-auth.js';

/** Where pushes and fetches go: a URL fixed before any untrusted code ran, with its client. */
export interface GitRemoteTarget {
  url: string;
  /** A client whose environment carries the auth header scoped to `url` (or none). */
  git: SimpleGit;
  header?: string;
  /** What to say when git reports an authentication failure (the caller knows which inputs to fix). */
  authFailureHint?: string;
}

/** Git's words for a refused credential over HTTP (missing, wrong or expired token). */
const AUTH_FAILURE =
  /Authentication failed|could not read Username|terminal prompts disabled|Invalid username or password|The requested URL returned error: 40[13]|HTTP 40[13]/i;

/** Whether a git error says the remote refused the credentials. */
export function isAuthFailure(message: string): boolean {
  return AUTH_FAILURE.test(message);
}

/**
 * `git push <url> refs/heads/<b>:refs/heads/<to>` (`to` is `b` unless a rescue branch is named): to
 * an explicit URL, never to a remote name looked up in the repository's config (which code the run
 * executed could have rewritten); both refs spelled out so no `push.default`, tag or submodule
 * setting can widen it, and never `--force` — a rejected push is reported for the engine to decide
 * (architecture decision 5): `moved` when origin has commits the branch lacks, `rejected` with the
 * remote's words (a protected branch, a hook) otherwise.
 */
export async function pushBranch(target: GitRemoteTarget, branch: string, to = branch): Promise<PushResult> {
  const ref = `refs/heads/${branch}`;
  const remoteRef = `refs/heads/${to}`;
  const result = await tryRaw(target.git, [
    'push',
    '--porcelain',
    '--no-follow-tags',
    '--recurse-submodules=no',
    '--no-verify',
    '--',
    target.url,
    `${ref}:${remoteRef}`,
  ]);
  if (result.ok) return { kind: 'pushed' };
  const message = redactGitMessage(result.message, target.header);
  const rejected = /^!\t[^\t]*\t\[(?:remote )?rejected\] ?(.*)$/m.exec(message);
  if (rejected) {
    const detail = (rejected[1] ?? '').replace(/^\((.*)\)$/, '$1').trim();
    if (detail === 'fetch first' || detail === 'non-fast-forward') {
      const head = await remoteHead(target, remoteRef);
      return {
        kind: 'moved',
        reason: `${detail}: origin has commits on ${to} that the run branch does not have`,
        ...(head ? { head } : {}),
      };
    }
    return { kind: 'rejected', reason: redactSecrets([])(declinedReason(detail, message)).text };
  }
  if (isAuthFailure(message))
    throw new MaestroError(
      `Pushing ${branch} to ${redactGitMessage(target.url)} failed: the remote refused the credentials (${message.trim().split('\n').pop()}). ${target.authFailureHint ?? 'Check that the token is valid and may push to this repository.'}`,
      { code: 'git.push-unauthorized' },
    );
  throw new MaestroError(
    `Pushing ${branch} to ${redactGitMessage(target.url)} failed: ${message.trim()}. Check the remote URL and that the token may push to this repository.`,
    {
      code: 'git.push-failed',
    },
  );
}

/**
 * The remote's reason in its own words: git's short one (`pre-receive hook declined`) and what the
 * hook printed (`remote: error: GH006: Protected branch update failed …`), which says which rule.
 */
function declinedReason(detail: string, message: string): string {
  const said = message
    .split('\n')
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.replace(/^remote:\s*(?:error:\s*)?/, '').trim())
    .filter(Boolean)
    .join(' ');
  const reason = [detail || 'rejected by the remote', said].filter(Boolean).join(': ');
  return reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
}

/** Origin's tip of `ref` (whose commit moved it), or undefined when it cannot be read. */
async function remoteHead(target: GitRemoteTarget, ref: string): Promise<string | undefined> {
  const listed = await tryRaw(target.git, ['ls-remote', '--', target.url, ref]);
  const sha = listed.ok ? listed.stdout.split('\t')[0]?.trim() : undefined;
  return sha && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? sha : undefined;
}
