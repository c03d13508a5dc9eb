import { matchesAnyGlob } from '../glob-match.js';
import { redactSecrets } from '../outbound/redact-secrets.js';
import {
  ABSENT_MODE,
  type CandidateFile,
  type CommitCandidate,
  GITLINK_MODE,
  SYMLINK_MODE,
} from './commit-candidate.js';
import type { CommitFinding } from './commit-finding.js';
import { symlinkStaysInside } from './symlink-target.js';

export interface CommitPolicyRules {
  /** The run's secret values (tokens, keys); each is looked for in every encoding the redactor knows. */
  secrets: readonly string[];
  /** Globs no change may touch (either side of a rename, a mode change, a deletion). */
  protectedPaths: readonly string[];
  /** When set, the only paths a change may touch (the test chain's test files), and why. */
  onlyPaths?: { readonly paths: readonly string[]; readonly why: string };
}

/** Findings past this many are summarised: one is enough to refuse, and the report stays short. */
const MAX_FINDINGS = 20;

/**
 * Security.md rules 7 and 12 on what a commit would actually record, whoever produced the change
 * (the builtin agent's file tools, a command it ran, a gate's test code):
 * - the message and every added line are scanned for the run's secrets (raw, reversed, URL, hex,
 *   base64) and for well-known token shapes;
 * - no change touches a protected path, on either side of a rename;
 * - no symlink points outside the repository (absolute or `..`-escaping), wherever it is;
 * - no gitlink (submodule) is added or changed, and `.gitmodules` is not touched.
 * An empty list means the commit may be made.
 */
export function scanCommit(candidate: CommitCandidate, rules: CommitPolicyRules): CommitFinding[] {
  const hasSecret = secretDetector(rules.secrets);
  const findings: CommitFinding[] = [];
  candidate.message.split('\n').forEach((text, index) => {
    if (hasSecret(text))
      findings.push({ kind: 'secret', what: `secret in the commit message, line ${index + 1}` });
  });
  for (const file of candidate.files) findings.push(...fileFindings(file, rules, hasSecret));
  if (findings.length <= MAX_FINDINGS) return findings;
  return [
    ...findings.slice(0, MAX_FINDINGS),
    { kind: findings[MAX_FINDINGS]!.kind, what: `and ${findings.length - MAX_FINDINGS} more` },
  ];
}

function fileFindings(
  file: CandidateFile,
  rules: CommitPolicyRules,
  hasSecret: (text: string) => boolean,
): CommitFinding[] {
  const findings: CommitFinding[] = [];
  const paths = [file.path, ...(file.oldPath !== undefined ? [file.oldPath] : [])];
  for (const path of paths) {
    if (matchesAnyGlob(path, rules.protectedPaths, { caseInsensitive: true }))
      findings.push({ kind: 'protected-path', what: `${describe(file, path)} (protected path)` });
    if (rules.onlyPaths && !matchesAnyGlob(path, rules.onlyPaths.paths))
      findings.push({
        kind: 'protected-path',
        what: `${describe(file, path)} (only ${rules.onlyPaths.why} may change)`,
      });
    if (isGitmodules(path))
      findings.push({ kind: 'submodule', what: `${describe(file, path)} (submodule config)` });
  }
  if (file.newMode === GITLINK_MODE || file.oldMode === GITLINK_MODE)
    findings.push({ kind: 'submodule', what: `submodule at ${file.path}` });
  if (file.newMode === SYMLINK_MODE && !symlinkStaysInside(file.path, file.symlinkTarget ?? ''))
    findings.push({ kind: 'symlink-escape', what: `symlink ${file.path} points outside the repository` });
  if (file.status !== 'deleted' && hasSecret(file.path))
    findings.push({ kind: 'secret', what: 'secret in the name of a changed file' });
  if (file.symlinkTarget !== undefined && hasSecret(file.symlinkTarget))
    findings.push({ kind: 'secret', what: `secret in the target of symlink ${file.path}` });
  for (const added of file.addedLines) {
    if (hasSecret(added.text))
      findings.push({ kind: 'secret', what: `secret in ${file.path}:${added.line}` });
  }
  return findings;
}

function describe(file: CandidateFile, path: string): string {
  if (file.status === 'renamed' || file.status === 'copied')
    return `${file.status === 'renamed' ? 'rename' : 'copy'} ${file.oldPath} → ${file.path}`;
  if (file.status === 'modified' && file.oldMode !== file.newMode && file.oldMode !== ABSENT_MODE)
    return `mode change of ${path} (${file.oldMode} → ${file.newMode})`;
  const verb = {
    added: 'create',
    modified: 'change',
    deleted: 'delete',
    'type-changed': 'change the type of',
  };
  return `${verb[file.status]} ${path}`;
}

function isGitmodules(path: string): boolean {
  return path.toLowerCase() === '.gitmodules';
}

/** The redactor's own matchers (configured values in every encoding, then token shapes): a hit is any redaction. */
function secretDetector(secrets: readonly string[]): (text: string) => boolean {
  const redact = redactSecrets(secrets);
  return (text) => text !== '' && redact(text).count > 0;
}
