import type { BlockedAction, FinalReportInput, RecoveryCounts } from './final-report-input.js';
import { codeLine, firstOf, moreNote, section, textLine } from './report-text.js';

const strategies: readonly (readonly [keyof RecoveryCounts, string])[] = [
  ['retry', 'retried after a transient error'],
  ['alternative-approach', 'retried with an alternative approach'],
  ['conflict-rerun', 're-ran on the new head after a conflict with parallel work'],
  ['rollback', 'rolled back to the last good checkpoint'],
  ['asked-human', 'asked a human and paused'],
];

const MAX_BLOCKED = 20;

/**
 * Recoveries and blocked actions; nothing at all when neither happened. Blocked actions are listed
 * by kind and Maestro's own description only: the refused payload came from the model and is
 * never echoed into a PR body.
 */
export function renderRecovery(
  recoveries: RecoveryCounts,
  blocked: readonly BlockedAction[],
  sandbox?: FinalReportInput['sandbox'],
): string {
  const used = strategies.flatMap(([key, words]) => {
    const count = recoveries[key] ?? 0;
    return count > 0 ? [`- ${words}: ${count}×`] : [];
  });
  if (used.length === 0 && blocked.length === 0 && !sandbox) return '';
  const { shown, more } = firstOf(blocked, MAX_BLOCKED);
  const blockedList = shown.length
    ? [
        `**Blocked by policy** (${blocked.length}):`,
        ...shown.map((action) => `- ${codeLine(action.kind, 40)} ${textLine(action.what, 200)}`),
      ].join('\n')
    : '';
  return section(
    'Recovery and security',
    sandbox ? `**Sandbox:** ${textLine(sandbox.summary, 300)}` : '',
    used.length ? ['**Recovery:**', ...used].join('\n') : '',
    blockedList,
    moreNote(more, 'blocked actions'),
  );
}
