import { defuseDangerousLinks } from './outbound/defuse-dangerous-links.js';
import { escapeCommands } from './outbound/escape-commands.js';
import { escapeStateMarkers } from './outbound/escape-state-markers.js';
import { neutralizeClosingKeywords } from './outbound/neutralize-closing-keywords.js';
import { neutralizeMentions } from './outbound/neutralize-mentions.js';
import { redactSecrets } from './outbound/redact-secrets.js';
import { DEFAULT_IMAGE_HOSTS, stripUntrustedImages } from './outbound/strip-untrusted-images.js';
import { GITHUB_BODY_LIMIT, truncateBody } from './outbound/truncate-body.js';
import type { TextPass } from './text-pass.js';

export interface RedactOptions {
  /** Configured secret values (tokens, keys); each is redacted in every encoding it could leak in. */
  secrets?: readonly string[];
  /** The issue this text belongs to: `Closes #<issueNumber>` is the one closing keyword kept. */
  issueNumber?: number;
  /** Image hosts allowed to render; defaults to GitHub's own (`DEFAULT_IMAGE_HOSTS`). */
  allowedImageHosts?: readonly string[];
  /** Logins that may be @-mentioned (e.g. the approver); everyone else is not notified. */
  allowedMentions?: readonly string[];
  /** Maximum length in UTF-16 units; defaults to GitHub's body limit, 65,536. */
  maxLength?: number;
}

export type OutboundPassName =
  | 'secrets'
  | 'images'
  | 'dangerous-links'
  | 'state-markers'
  | 'closing-keywords'
  | 'mentions'
  | 'commands'
  | 'truncated';

/*
 * Outbound redactor (security.md rule 6): everything Maestro posts to GitHub passes through here,
 * because the model that wrote it may have been obeying an attacker.
 *
 *  1. Secrets first, on the full text, so no later cut leaves half a token that no longer matches.
 *  2. Images and dangerous links next: they unwrap to their text, which the passes below then see.
 *  3. State markers, closing keywords, mentions and commands: each only adds escaping.
 *  4. Secrets again: removing an image or link can join the two halves of a split secret.
 *  5. Truncation last. A cut can open what the passes closed (half a code span un-hides a mention),
 *     so the truncated text goes through the passes again, shortened further if that grows it.
 * The passes repeat until nothing changes, which makes the redactor idempotent.
 */
export function redactOutbound(
  text: string,
  options: RedactOptions = {},
): { text: string; report: Record<OutboundPassName, number> } {
  const maxLength = Math.max(0, Math.floor(options.maxLength ?? GITHUB_BODY_LIMIT));
  const secrets = redactSecrets(options.secrets ?? []);
  const passes: ReadonlyArray<readonly [OutboundPassName, TextPass]> = [
    ['secrets', secrets],
    ['images', stripUntrustedImages(options.allowedImageHosts ?? DEFAULT_IMAGE_HOSTS)],
    ['dangerous-links', defuseDangerousLinks],
    ['state-markers', escapeStateMarkers],
    ['closing-keywords', neutralizeClosingKeywords(options.issueNumber)],
    ['mentions', neutralizeMentions(options.allowedMentions ?? [])],
    ['commands', escapeCommands],
    ['secrets', secrets],
  ];
  const report = emptyReport();
  const runPasses = (input: string, counts: Record<OutboundPassName, number> = emptyReport()): string => {
    let current = input;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const before = current;
      for (const [name, pass] of passes) {
        const result = pass(current);
        current = result.text;
        counts[name] += result.count;
      }
      if (current === before) break;
    }
    return current;
  };

  const full = runPasses(text, report);
  if (full.length <= maxLength) return { text: full, report };
  // Cut the redacted text and redact the cut again; when re-escaping grows it past the limit (the
  // cut split an escaped span), cut further left. Always cutting `full`, never a re-escaped cut,
  // keeps the escaping from compounding. The report counts the full text's findings.
  let budget = maxLength;
  for (let attempt = 0; attempt < MAX_CUTS; attempt++) {
    const cut = truncateBody(full, budget);
    const passed = runPasses(cut.text);
    if (passed.length <= maxLength) {
      report.truncated = cut.count;
      return { text: passed, report };
    }
    budget -= 2 * (passed.length - maxLength);
  }
  // Unreachable for real text; a bare notice is the last resort (GitHub answers 422 above the limit).
  report.truncated = full.length;
  return { text: `…truncated ${full.length} characters…`.slice(0, maxLength), report };
}

const MAX_CUTS = 16;
const MAX_ROUNDS = 4;

function emptyReport(): Record<OutboundPassName, number> {
  return {
    secrets: 0,
    images: 0,
    'dangerous-links': 0,
    'state-markers': 0,
    'closing-keywords': 0,
    mentions: 0,
    commands: 0,
    truncated: 0,
  };
}
