import { describe, expect, it } from 'vitest';
import {
  type ApproverFloor,
  authorizeCommand,
  meetsApprover,
  meetsPermission,
  type PermissionLevel,
  requiredPermission,
} from '../../../src/core/commands/command-permissions.js';
import { commandNames, parseCommand } from '../../../src/core/commands/parse-command.js';

const levels: PermissionLevel[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];

describe('requiredPermission', () => {
  it.each([
    ['approve', 'write'],
    ['revise', 'write-or-author'],
    ['chain', 'write'],
    ['cancel', 'write'],
    ['resume', 'write'],
    ['status', 'anyone'],
    ['help', 'anyone'],
    ['fix', 'write'],
  ] as const)('requires %s → %s (product.md §2)', (command, required) => {
    expect(requiredPermission(command)).toBe(required);
  });

  it('gives an invalid command the permission of the command it names', () => {
    const parsed = parseCommand('/maestro approve nonsense');
    if (parsed.kind === 'none') throw new Error('expected a command');
    expect(requiredPermission(parsed)).toBe('write');
  });

  it('lets anyone get help for an unknown word', () => {
    expect(requiredPermission({ kind: 'unknown', word: 'frob' })).toBe('anyone');
  });
});

describe('meetsPermission', () => {
  it.each([
    ['none', false],
    ['read', false],
    ['triage', false],
    ['write', true],
    ['maintain', true],
    ['admin', true],
  ] as const)('a %s user meets write: %s', (level, expected) => {
    expect(meetsPermission(level, 'write', { isIssueAuthor: false })).toBe(expected);
    // Being the issue author does not stand in for write on write-only commands.
    expect(meetsPermission(level, 'write', { isIssueAuthor: true })).toBe(expected);
  });

  it.each(levels)('lets the issue author revise even with %s permission', (level) => {
    expect(meetsPermission(level, 'write-or-author', { isIssueAuthor: true })).toBe(true);
  });

  it.each([
    'none',
    'read',
    'triage',
  ] as const)('refuses revise from a %s user who is not the author', (level) => {
    expect(meetsPermission(level, 'write-or-author', { isIssueAuthor: false })).toBe(false);
  });

  it.each(levels)('lets a %s user run anyone-commands', (level) => {
    expect(meetsPermission(level, 'anyone', { isIssueAuthor: false })).toBe(true);
  });

  it('treats an unexpected level string as none (fail closed)', () => {
    expect(meetsPermission('owner' as PermissionLevel, 'write', { isIssueAuthor: false })).toBe(false);
    expect(meetsPermission('toString' as PermissionLevel, 'write', { isIssueAuthor: false })).toBe(false);
  });
});

describe('meetsApprover', () => {
  it.each<[PermissionLevel, ApproverFloor, boolean]>([
    ['write', 'write', true],
    ['maintain', 'write', true],
    ['admin', 'write', true],
    ['triage', 'write', false],
    ['write', 'maintain', false],
    ['maintain', 'maintain', true],
    ['maintain', 'admin', false],
    ['admin', 'admin', true],
    ['none', 'write', false],
  ])('%s against a %s floor → %s', (level, floor, expected) => {
    expect(meetsApprover(level, floor)).toBe(expected);
  });

  it('treats an unknown floor as admin only', () => {
    expect(meetsApprover('maintain', 'owner' as ApproverFloor)).toBe(false);
    expect(meetsApprover('admin', 'owner' as ApproverFloor)).toBe(true);
  });
});

describe('authorizeCommand (security.md authorisation catalogue)', () => {
  const approve = parseCommand('/maestro approve');
  if (approve.kind === 'none') throw new Error('expected a command');

  // A 404 or a 500/timeout from the permission API reaches here as 'none'.
  it.each(['none', 'read', 'triage'] as const)('denies /maestro approve from %s', (level) => {
    expect(authorizeCommand(approve, level, { isIssueAuthor: true, approvers: 'write' })).toEqual({
      kind: 'denied',
      required: 'write',
      level,
    });
  });

  it.each(['write', 'maintain', 'admin'] as const)('allows /maestro approve from %s', (level) => {
    expect(authorizeCommand(approve, level, { isIssueAuthor: false, approvers: 'write' })).toEqual({
      kind: 'allowed',
    });
  });

  it('applies the approvers floor on top of write', () => {
    expect(authorizeCommand(approve, 'write', { isIssueAuthor: false, approvers: 'maintain' })).toEqual({
      kind: 'denied',
      required: 'maintain',
      level: 'write',
    });
  });

  it('applies the floor to a malformed approve too', () => {
    const invalid = parseCommand('/maestro approve nope');
    if (invalid.kind === 'none') throw new Error('expected a command');
    expect(authorizeCommand(invalid, 'write', { isIssueAuthor: false, approvers: 'admin' }).kind).toBe(
      'denied',
    );
  });

  it.each(commandNames)('never allows %s to be denied for an admin', (name) => {
    const parsed = parseCommand(`/maestro ${name} abc1234 text`);
    if (parsed.kind === 'none') throw new Error('expected a command');
    expect(authorizeCommand(parsed, 'admin', { isIssueAuthor: false, approvers: 'admin' })).toEqual({
      kind: 'allowed',
    });
  });
});
