import { MaestroError } from '../../errors.js';
import type { CommitFinding } from './commit-finding.js';

/**
 * A commit or push Maestro refused for security: a secret in the message or the added lines, a
 * protected path, an escaping symlink, a submodule, or git configuration changed since the run
 * began. The engine turns it into a security stop; the work stays on the local run branch.
 */
export class CommitRefusedError extends MaestroError {
  override readonly name = 'CommitRefusedError';
  readonly findings: readonly CommitFinding[];

  constructor(
    message: string,
    findings: readonly CommitFinding[],
    options: { code?: string; cause?: unknown } = {},
  ) {
    super(message, { code: options.code ?? 'git.commit-refused', cause: options.cause });
    this.findings = findings;
  }
}

/** The one-line reason for a refusal, listing findings by file and line, never by value. */
export function refusalReason(doing: string, findings: readonly CommitFinding[]): string {
  return `Security stop: refused to ${doing}: ${findings.map((f) => f.what).join('; ')}`;
}
