import { type RequiredPermission, requiredPermission } from './command-permissions.js';
import { type CommandName, commandNames } from './parse-command.js';

/** Usage and effect of each command, worded as product.md §2 words them. */
const USAGE: Readonly<Record<CommandName, { usage: string; effect: string }>> = {
  approve: {
    usage: '/maestro approve [hash]',
    effect: 'approve the current PRD revision (or the one named); starts execution',
  },
  revise: { usage: '/maestro revise <feedback>', effect: 'new PRD revision using the feedback' },
  chain: { usage: '/maestro chain <name>', effect: 're-plan with another chain' },
  cancel: {
    usage: '/maestro cancel',
    effect: 'stop planning or the run at the next safe point; keep the work',
  },
  resume: { usage: '/maestro resume', effect: 'continue a failed or cancelled run from its last checkpoint' },
  status: { usage: '/maestro status', effect: 'refresh the tracking comment' },
  help: { usage: '/maestro help', effect: 'list commands' },
  fix: {
    usage: '/maestro fix <what>',
    effect: 'one more iteration on the PR’s branch (on the pull request)',
  },
};

const WHO: Readonly<Record<RequiredPermission, string>> = {
  write: 'write+',
  'write-or-author': 'write+ or the issue author',
  anyone: 'anyone',
};

/**
 * The markdown help table posted in reply to `/maestro help` or an unknown command. Every usage is
 * in a code span that starts mid-line, so the reply can never itself read as a command.
 */
export function commandHelp(): string {
  const rows = commandNames.map((name) => {
    const { usage, effect } = USAGE[name];
    return `| \`${usage}\` | ${WHO[requiredPermission(name)]} | ${effect} |`;
  });
  return [
    '| command | who | effect |',
    '|---|---|---|',
    ...rows.slice(0, 2),
    '| a plain reply while questions are open | write+ or the issue author | treated as answers: new revision |',
    ...rows.slice(2),
    '',
    'A command counts only as the first line of a new comment, outside quotes and code. ' +
      'Removing the `maestro` label cancels, like `/maestro cancel`.',
  ].join('\n');
}
