import { describe, expect, it } from 'vitest';
import { commandHelp } from '../../../src/core/commands/command-help.js';
import { commandNames, parseCommand } from '../../../src/core/commands/parse-command.js';

describe('commandHelp', () => {
  const help = commandHelp();

  it.each(commandNames)('lists /maestro %s', (name) => {
    expect(help).toMatch(new RegExp(`^\\| \`/maestro ${name}\\b`, 'm'));
  });

  it('says who may run each command', () => {
    expect(help).toContain('| `/maestro approve [hash]` | write+ |');
    expect(help).toContain('| `/maestro revise <feedback>` | write+ or the issue author |');
    expect(help).toContain('| `/maestro status` | anyone |');
  });

  it('is a markdown table with a header', () => {
    expect(help.split('\n').slice(0, 2)).toEqual(['| command | who | effect |', '|---|---|---|']);
  });

  it('never reads as a command itself', () => {
    expect(parseCommand(help)).toEqual({ kind: 'none' });
  });
});
