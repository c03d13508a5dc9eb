/** A commit subject read as a Conventional Commit (`type(scope)!: description`). */
export interface ConventionalCommit {
  type: string;
  scope?: string;
  breaking: boolean;
  description: string;
}

const SUBJECT = /^(\w+)(?:\(([^()\r\n]*)\))?(!)?: +(\S[^\r\n]*)/;

/**
 * Undefined for a subject that is not conventional ("Update README"). `BREAKING CHANGE:` (or
 * `BREAKING-CHANGE:`) anywhere in the text marks it breaking too, so the engine may pass whole
 * messages, whose footers carry it, instead of subjects.
 */
export function parseConventionalCommit(message: string): ConventionalCommit | undefined {
  const match = SUBJECT.exec(message.trim());
  if (!match) return undefined;
  return {
    type: match[1]!.toLowerCase(),
    ...(match[2] ? { scope: match[2] } : {}),
    breaking: match[3] === '!' || hasBreakingFooter(message),
    description: match[4]!.trim(),
  };
}

export function hasBreakingFooter(message: string): boolean {
  return /(?:^|\n)BREAKING[ -]CHANGE: /.test(message) || /^BREAKING[ -]CHANGE\b/.test(message.trim());
}
