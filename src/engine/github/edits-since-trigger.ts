import { meetsPermission } from '../../core/commands/command-permissions.js';
import { errorMessage } from '../../core/errors.js';
import type { IssueHost } from '../../ports/issue-host-port.js';

export type EditsCheck =
  | { kind: 'unchanged' }
  /** Edited after the trigger, by writers only: the current text is what a writer stands behind. */
  | { kind: 'edited-by-writers' }
  | { kind: 'refused'; reason: string; comment: string };

/**
 * The title and body the planner gets must be the ones a writer triggered on (security.md rule 5,
 * "pinned to the trigger time"): a read-only author could otherwise edit the issue after a writer
 * labelled it and have the edit planned. Every title (`renamed`) and body edit at or after the
 * trigger must come from someone with write access, asked from the permission API; any other
 * editor, a deleted account, or a history that cannot be read or reaches back less far than the
 * trigger refuses the plan — before any model call — with a comment saying what to do.
 */
export async function checkEditsSinceTrigger(
  host: IssueHost,
  issue: number,
  triggeredAt: string,
): Promise<EditsCheck> {
  const cutoff = Date.parse(triggeredAt);
  let history: Awaited<ReturnType<IssueHost['issueEdits']>>;
  try {
    history = await host.issueEdits(issue);
  } catch (error) {
    return refused(
      `could not read the edit history (${errorMessage(error).split('\n')[0]})`,
      'Maestro could not read the edit history of this issue, so it cannot tell whether the text it would plan from is the text the label was added to.',
      'Remove and re-add the label to try again.',
    );
  }
  if (history.olderThan !== undefined && Date.parse(history.olderThan) >= cutoff)
    return refused(
      'more edits since the trigger than the history shows',
      'This issue was edited more often since the label was added than Maestro can check.',
      'A person with write access should read the issue as it is now and, if it is right, remove and re-add the label.',
    );
  const after = history.edits.filter((e) => Date.parse(e.at) >= cutoff);
  if (after.length === 0) return { kind: 'unchanged' };

  const writers = new Map<string, Promise<boolean>>();
  const isWriter = (login: string) => {
    let known = writers.get(login);
    if (!known) {
      known = host
        .permission(login)
        .then((level) => meetsPermission(level, 'write', { isIssueAuthor: false }));
      writers.set(login, known);
    }
    return known;
  };
  const untrusted: string[] = [];
  for (const edit of after) {
    const ok = edit.editor !== undefined && (await isWriter(edit.editor));
    if (!ok)
      untrusted.push(
        `the ${edit.part} at ${edit.at} by ${edit.editor ? `\`${edit.editor}\`` : 'a deleted account'}`,
      );
  }
  if (untrusted.length === 0) return { kind: 'edited-by-writers' };
  return refused(
    `edited after the trigger by someone without write access (${untrusted.length} edit(s))`,
    `After the label was added (${triggeredAt}), this issue was edited by someone without write access: ${[...new Set(untrusted)].slice(0, 5).join('; ')}. Maestro plans only from text a person with write access has seen.`,
    'A person with write access should read the issue as it is now and, if it is right, remove and re-add the label.',
  );
}

function refused(reason: string, why: string, next: string): EditsCheck {
  return {
    kind: 'refused',
    reason,
    comment: ['### ⚠️ Maestro did not plan this issue', '', why, '', next].join('\n'),
  };
}
