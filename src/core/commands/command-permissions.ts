import type { CommandName, ParsedCommand } from './parse-command.js';

/**
 * A user's repository role as GitHub's permission API reports it
 * (`GET /repos/{o}/{r}/collaborators/{u}/permission`, field `role_name`).
 *
 * Callers map every failure to look it up (404, 5xx, timeout, an unexpected value) to `'none'`, so
 * an unverifiable user is treated as a stranger: authorisation fails closed (security.md rule 1).
 * `author_association` is never an input here: it says `COLLABORATOR` for read-only collaborators.
 */
export type PermissionLevel = 'none' | 'read' | 'triage' | 'write' | 'maintain' | 'admin';

/** Who may run a command: product.md §2's "who" column. */
export type RequiredPermission = 'write' | 'anyone' | 'write-or-author';

/** The `trigger.approvers` floor: the lowest role whose `/maestro approve` counts. */
export type ApproverFloor = 'write' | 'maintain' | 'admin';

const RANK: Readonly<Record<PermissionLevel, number>> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

const REQUIRED: Readonly<Record<CommandName | 'unknown', RequiredPermission>> = {
  approve: 'write',
  revise: 'write-or-author',
  chain: 'write',
  cancel: 'write',
  resume: 'write',
  status: 'anyone',
  help: 'anyone',
  fix: 'write',
  // Answering an unknown word with the help table is what `help` does, so it needs no more.
  unknown: 'anyone',
};

/** A parsed command that asks for something (everything but `none`). */
export type ActionableCommand = Exclude<ParsedCommand, { kind: 'none' }>;

/**
 * The permission a command needs. An `invalid` command needs what its command needs, so a
 * stranger's malformed `/maestro approve x` is denied exactly like a well-formed one rather than
 * earning an explanation of the argument syntax.
 */
export function requiredPermission(command: ActionableCommand | CommandName): RequiredPermission {
  if (typeof command === 'string') return REQUIRED[command];
  return REQUIRED[command.kind === 'invalid' ? command.command : command.kind];
}

/**
 * Whether a user with `level` may run a command needing `required`. Values outside the known
 * ladder (a caller passing through an unexpected API string) rank as `none`.
 */
export function meetsPermission(
  level: PermissionLevel,
  required: RequiredPermission,
  context: { isIssueAuthor: boolean },
): boolean {
  if (required === 'anyone') return true;
  if (rank(level) >= RANK.write) return true;
  return required === 'write-or-author' && context.isIssueAuthor;
}

/** Whether `level` reaches the configured approver floor; an unknown floor means admin only. */
export function meetsApprover(level: PermissionLevel, floor: ApproverFloor): boolean {
  const needed = RANK[floor] ?? RANK.admin;
  return rank(level) >= Math.max(needed, RANK.write);
}

/** The outcome of checking one command from one user. */
export type CommandAuthorization =
  | { kind: 'allowed' }
  | { kind: 'denied'; required: RequiredPermission | ApproverFloor; level: PermissionLevel };

/**
 * Both checks in one place: the command's own requirement and, for `approve`, the approver floor.
 * The caller has already dropped bots and Maestro itself (they never command).
 */
export function authorizeCommand(
  command: ActionableCommand,
  level: PermissionLevel,
  context: { isIssueAuthor: boolean; approvers: ApproverFloor },
): CommandAuthorization {
  const required = requiredPermission(command);
  if (!meetsPermission(level, required, context)) return { kind: 'denied', required, level };
  const isApprove =
    command.kind === 'approve' || (command.kind === 'invalid' && command.command === 'approve');
  if (isApprove && !meetsApprover(level, context.approvers)) {
    return { kind: 'denied', required: context.approvers, level };
  }
  return { kind: 'allowed' };
}

function rank(level: PermissionLevel): number {
  return Object.hasOwn(RANK, level) ? RANK[level] : RANK.none;
}
