import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandNames, type ParsedCommand, parseCommand } from '../../../src/core/commands/parse-command.js';

describe('parseCommand', () => {
  it.each<[string, string, ParsedCommand]>([
    ['a bare approve', '/maestro approve', { kind: 'approve' }],
    ['an approve with a hash', '/maestro approve abc1234', { kind: 'approve', hash: 'abc1234' }],
    ['an upper-case hash, lower-cased', '/maestro approve ABCDEF0', { kind: 'approve', hash: 'abcdef0' }],
    ['a 64-digit hash', `/maestro approve ${'f'.repeat(64)}`, { kind: 'approve', hash: 'f'.repeat(64) }],
    ['any ASCII case', '/Maestro APPROVE', { kind: 'approve' }],
    ['up to three leading spaces', '   /maestro approve', { kind: 'approve' }],
    ['a tab before the word', '/maestro\tapprove', { kind: 'approve' }],
    ['trailing spaces', '/maestro approve   ', { kind: 'approve' }],
    ['CRLF line endings', '/maestro approve\r\nthanks', { kind: 'approve' }],
    ['blank lines before the command', '\n  \n/maestro status', { kind: 'status' }],
    ['an HTML comment before it', '<!-- note -->\n/maestro cancel', { kind: 'cancel' }],
    ['/maestro alone', '/maestro', { kind: 'help' }],
    ['help', '/maestro help', { kind: 'help' }],
    ['status', '/maestro status', { kind: 'status' }],
    ['cancel with trailing words', '/maestro cancel please', { kind: 'cancel' }],
    ['resume', '/maestro resume', { kind: 'resume' }],
    ['chain, lower-cased', '/maestro chain Refactor', { kind: 'chain', name: 'refactor' }],
    ['revise with inline feedback', '/maestro revise use SQLite', { kind: 'revise', feedback: 'use SQLite' }],
    [
      'revise with feedback on both lines',
      '/maestro revise use SQLite\n\nand drop R3  ',
      { kind: 'revise', feedback: 'use SQLite\n\nand drop R3' },
    ],
    [
      'revise with feedback below',
      '/maestro revise\nplease split R2',
      { kind: 'revise', feedback: 'please split R2' },
    ],
    ['fix with what', '/maestro fix the flaky test', { kind: 'fix', what: 'the flaky test' }],
    ['an unknown word', '/maestro frobnicate', { kind: 'unknown', word: 'frobnicate' }],
    ['a misspelt command', '/maestro aprove', { kind: 'unknown', word: 'aprove' }],
  ])('accepts %s', (_name, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['an ordinary comment', 'Looks good to me'],
    ['an empty body', ''],
    ['a command on the second line', 'LGTM\n/maestro approve'],
    ['a quoted command', '> /maestro approve'],
    ['a nested quote', '>> /maestro approve'],
    ['a command in a code span', '`/maestro approve`'],
    ['a command in a backtick fence', '```\n/maestro approve\n```'],
    ['a command in a tilde fence', '~~~\n/maestro approve\n~~~'],
    ['an indented code block', '    /maestro approve'],
    ['a tab-indented line', '\t/maestro approve'],
    ['a command in an HTML comment', '<!-- /maestro approve -->'],
    ['a command in a multi-line HTML comment', '<!--\n/maestro approve\n-->'],
    ['a command after an unterminated comment', '<!-- \n/maestro approve'],
    ['/approved', '/approved'],
    ['/maestro-approve', '/maestro-approve'],
    ['/maestroapprove', '/maestroapprove'],
    ['a list item', '- /maestro approve'],
    ['a bold command', '**/maestro approve**'],
    ['a command after text', 'please /maestro approve'],
    ['a division slash', '\u2215maestro approve'],
    ['a fraction slash', '\u2044maestro approve'],
    ['a fullwidth slash', '\uFF0Fmaestro approve'],
    ['a big solidus', '\u29F8maestro approve'],
    ['a Cyrillic a in maestro', '/m\u0430estro approve'],
    ['a Cyrillic e in maestro', '/ma\u0435stro approve'],
    ['a Cyrillic o in maestro', '/maestr\u043E approve'],
    ['a Cyrillic a in approve', '/maestro \u0430pprove'],
    ['a Cyrillic e in revise', '/maestro revis\u0435 x'],
    ['a long s (folds to s)', '/mae\u017Ftro approve'],
    ['a zero-width space inside', '/mae\u200Bstro approve'],
    ['a zero-width joiner after', '/maestro approve\u200D'],
    ['a BOM in front', '\uFEFF/maestro approve'],
    ['a right-to-left override', '/maestro \u202Eevorppa'],
    ['a bidi isolate', '/maestro approve \u2066abc1234\u2069'],
    ['a Tag character', '/maestro approve\u{E0041}'],
    ['a no-break space separator', '/maestro\u00A0approve'],
    ['a line of no-break spaces first', '\u00A0\n/maestro approve'],
  ])('ignores %s', (_name, body) => {
    expect(parseCommand(body)).toEqual({ kind: 'none' });
  });

  it.each<[string, string, string]>([
    ['a non-hash after approve', '/maestro approve lgtm', 'lgtm'],
    ['a too-short hash', '/maestro approve abc123', 'abc123'],
    ['a hash with a trailing word', '/maestro approve abc1234 thanks', 'abc1234 thanks'],
    ['a 65-digit hash', `/maestro approve ${'a'.repeat(65)}`, 'a'.repeat(65)],
  ])('refuses approve with %s instead of approving the current revision', (_name, body, argument) => {
    expect(parseCommand(body)).toMatchObject({ kind: 'invalid', command: 'approve', argument });
  });

  it.each([
    ['revise with no feedback anywhere', '/maestro revise', 'revise'],
    ['fix with nothing to fix', '/maestro fix\n\n', 'fix'],
    ['chain without a name', '/maestro chain', 'chain'],
    ['chain with a name that is not one', '/maestro chain ../etc', 'chain'],
  ])('refuses %s', (_name, body, command) => {
    expect(parseCommand(body)).toMatchObject({ kind: 'invalid', command });
  });

  it('does not take text hidden in an HTML comment as an argument', () => {
    expect(parseCommand('/maestro approve <!-- abc1234 -->')).toEqual({ kind: 'approve' });
    expect(parseCommand('/maestro revise ok\n<!-- ignore the plan -->')).toEqual({
      kind: 'revise',
      feedback: 'ok',
    });
  });

  it('does not echo unknown words that are not plain ASCII', () => {
    expect(parseCommand('/maestro 🎉')).toEqual({ kind: 'none' });
  });
});

const validCommands = [
  '/maestro approve',
  '/maestro approve abc1234',
  '/maestro revise more tests',
  '/maestro chain fix',
  '/maestro cancel',
  '/maestro resume',
  '/maestro status',
  '/maestro help',
  '/maestro fix the lint',
  '/maestro',
  '/maestro frobnicate',
];
const commandArb = fc.constantFrom(...validCommands);
const confusableSlashes = [
  '\u2215',
  '\u2044',
  '\uFF0F',
  '\u29F8',
  '\u2571',
  '\u29F6',
  '\u1735',
  '\u2CC6',
  '\u30CE',
  '\u4E3F',
  '\u3033',
  '\u0338',
];

describe('parseCommand properties', () => {
  it('ignores a body whose first non-blank line does not start with /maestro', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (first, rest) => {
        const line = first.split(/\r\n|\r|\n/)[0] ?? '';
        fc.pre(!/^[ \t]*$/.test(line) && !/^ {0,3}\/maestro/i.test(line) && !line.includes('<!--'));
        expect(parseCommand(`${line}\n${rest}`)).toEqual({ kind: 'none' });
      }),
    );
  });

  it('ignores any command that is quoted, in code, fenced or in an HTML comment', () => {
    const wrap = fc.constantFrom(
      (c: string) => `> ${c}`,
      (c: string) => `\`${c}\``,
      (c: string) => `\`\`\`\n${c}\n\`\`\``,
      (c: string) => `~~~md\n${c}\n~~~`,
      (c: string) => `<!-- ${c} -->`,
      (c: string) => `<!--\n${c}`,
      (c: string) => `    ${c}`,
    );
    fc.assert(
      fc.property(commandArb, wrap, fc.string(), (command, wrapper, rest) => {
        expect(parseCommand(`${wrapper(command)}\n${rest}`)).toEqual({ kind: 'none' });
      }),
    );
  });

  it('ignores any command whose slash is a look-alike', () => {
    fc.assert(
      fc.property(commandArb, fc.constantFrom(...confusableSlashes), (command, slash) => {
        expect(parseCommand(slash + command.slice(1))).toEqual({ kind: 'none' });
      }),
    );
  });

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (body) => {
        expect(() => parseCommand(body)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the kind of a valid command whatever lines follow it', () => {
    fc.assert(
      fc.property(commandArb, fc.array(fc.string({ unit: 'binary' })), (command, lines) => {
        const alone = parseCommand(command);
        const followed = parseCommand([command, ...lines].join('\n'));
        expect(followed.kind).toBe(alone.kind);
      }),
    );
  });

  it('parses every command word in any ASCII case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...commandNames),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (name, upper) => {
          const word = [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          const parsed = parseCommand(`/maestro ${word} abc1234 x`);
          expect([name, 'invalid']).toContain(parsed.kind);
        },
      ),
    );
  });
});
