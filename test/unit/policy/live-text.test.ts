import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCommands } from '../../../src/core/policy/outbound/escape-commands.js';
import { liveRuns } from '../../../src/core/policy/outbound/live-text.js';
import { neutralizeClosingKeywords } from '../../../src/core/policy/outbound/neutralize-closing-keywords.js';
import { neutralizeMentions } from '../../../src/core/policy/outbound/neutralize-mentions.js';
import { redactOutbound } from '../../../src/core/policy/redact-outbound.js';

const mentions = neutralizeMentions(['approver']);
const closing = neutralizeClosingKeywords(7);

/** The text GitHub renders live (outside code), run by run, as the CommonMark/GFM parser reads it. */
const live = (text: string) => liveRuns(text).runs.map((run) => run.value);

describe('neutralizeMentions reads markdown as GitHub does (CommonMark + GFM)', () => {
  it.each([
    ['an escaped backtick pair, which is not a code span', '\\`@org/team\\`', '\\` ``@org/team``\\`'],
    ['a backtick run split by a blank line (paragraph break)', '`a\n\n@bob`', '`a\n\n``@bob`` `'],
    ['backtick runs of unequal length', '``@bob`', '`` ```@bob``` `'],
    ['a mention right after a code span', '`x`@bob', '`x` ``@bob``'],
    ['a character reference', '&#64;org/team and &commat;bob', '`@org/team` and `@bob`'],
    ['a backslash-escaped @', '\\@bob', '`@bob`'],
    [
      'link text, outside the code span in it',
      '[`@kept`](https://x.y) [@bob](https://x.y)',
      '[`@kept`](https://x.y) [``@bob``](https://x.y)',
    ],
    ['a table cell', '| @bob \\| x |\n| --- |', '| `@bob` \\| x |\n| --- |'],
    ['a heading and a quote', '# @bob\n> @bob', '# `@bob`\n> `@bob`'],
    [
      'text in an HTML block, where markdown is not parsed',
      '<div>\n@bob `@org/t`\n</div>',
      '<div>\n<code>@bob</code> `<code>@org/t</code>`\n</div>',
    ],
    ['a character reference in an HTML block', '<div>\n&#64;bob\n</div>', '<div>\n<code>@bob</code>\n</div>'],
    [
      'an HTML block in a quote after a tab, whose indentation renders as spaces not in the source',
      '>\t<div>\n> @bob\n>\t  @carl &#64;dan',
      '>\t<div>\n> <code>@bob</code>\n>\t  <code>@carl</code> <code>@dan</code>',
    ],
    ['six adjacent mentions, in one pass', '@a@a@a@a@a@a', '`@a` `@a` `@a` `@a` `@a` `@a`'],
  ])('neutralises %s', (_name, input, expected) => {
    const { text } = mentions(input);
    expect(text).toBe(expected);
    expect(live(text).join('\n')).not.toMatch(/(?:^|[^A-Za-z0-9_/.])@(?!approver)[A-Za-z0-9]/m);
  });

  it.each([
    ['a code span', 'run `npm i @types/node`'],
    ['a double-backtick code span holding a backtick', '`` a`@b ``'],
    ['a fenced block', '```\n@bob\n```'],
    ['a tilde fence left open (code to the end, as on GitHub)', '~~~\n@bob\n\n@org/team'],
    ['a fence inside a list item', '- x\n\n  ```\n  @bob\n  ```'],
    ['an indented code block', '    @bob\n    @org/team'],
    ['<code> and <pre> in an HTML block', '<pre>\n@bob\n</pre>\n\n<div><code>@bob</code></div>'],
    ['an HTML comment', '<!-- @bob -->'],
    ['an HTML attribute', '<img alt="@bob" src="x.png">'],
    ['an autolink', '<https://x.example/?a=@bob> https://x.example/?a=@bob'],
    ['an e-mail address', 'mail a@bob.com or <mailto:a@bob.com>'],
    ['a link destination', '[x](https://x.example/?a=@bob "@bob")'],
    ['an allowed user', 'cc @Approver'],
  ])('keeps %s verbatim', (_name, input) => {
    expect(mentions(input)).toEqual({ text: input, count: 0 });
  });
});

describe('neutralizeClosingKeywords reads markdown as GitHub does', () => {
  it.each([
    ['text that looks like code but is escaped', '\\`Fixes #12\\`', '\\` ``Fixes #12``\\`'],
    ['text after an unclosed backtick', 'use ` then Fixes #12', 'use ` then ``Fixes #12``'],
    ['a backtick pair split by a blank line', '`see\n\nFixes #12`', '`see\n\n``Fixes #12`` `'],
    [
      'backticks in an HTML block, which are literal there',
      '<div>\n`Fixes #12`\n</div>',
      '<div>\n`<code>Fixes #12</code>`\n</div>',
    ],
    [
      'a keyword and an autolinked issue URL',
      'Fixes <https://github.com/o/r/issues/3>',
      '`Fixes https://github.com/o/r/issues/3`',
    ],
    ['a keyword split over two quoted lines', '> Fixes\n> #12', '> `Fixes #12`'],
    ['a character reference', 'Fixes &#35;12', '`Fixes #12`'],
    [
      'adjacent keywords, in one pass',
      'Fixes #1Fixes #2Fixes #3Fixes #4Fixes #5',
      '`Fixes #1` `Fixes #2` `Fixes #3` `Fixes #4` `Fixes #5`',
    ],
  ])('neutralises %s', (_name, input, expected) => {
    const { text } = closing(input);
    expect(text).toBe(expected);
    expect(live(text).join('\n')).not.toMatch(/fix(?:es)?\s+(?:#|https)/i);
  });

  it.each([
    ['a real code span', 'write `Fixes #12` in the PR'],
    ['a fenced block', '```\nFixes #12\n```'],
    ['a plain autolink', '<https://github.com/o/r/issues/3>'],
    ['the issue this is for', 'Closes #7'],
  ])('keeps %s verbatim', (_name, input) => {
    expect(closing(input)).toEqual({ text: input, count: 0 });
  });
});

describe('escapeCommands', () => {
  it('escapes /maestro at the start of a line in an HTML block', () => {
    expect(escapeCommands('<div>\n/maestro approve\n</div>').text).toBe(
      '<div>\n<code>/maestro</code> approve\n</div>',
    );
  });

  it('keeps a command in a code span that spans lines', () => {
    expect(escapeCommands('`see\n/maestro approve`').count).toBe(0);
  });
});

// Markdown-shaped noise: the constructs the parser and the passes disagree on when they are wrong.
const markdownToken = fc.constantFrom(
  '@org/team',
  '@bob',
  '@a',
  '@approver',
  '`',
  '``',
  '```\n',
  '~~~\n',
  '\n',
  '\n\n',
  '/maestro ',
  'Fixes #3',
  'Closes #42',
  'fixes',
  '#3',
  '<!-- maestro:',
  '-->',
  '![a](https://e.x/p.png)',
  '[l](javascript:x)',
  '[x](https://x.com/?a=@b)',
  '<https://github.com/o/r/issues/3>',
  'https://github.com/o/r/issues/3',
  'www.x.com/@c',
  ' ',
  '\\',
  '&#64;',
  '&commat;',
  '&amp;',
  '<div>',
  '</div>',
  '<code>',
  '</code>',
  '<pre>',
  '> ',
  '- ',
  '| a | b |\n|---|---|\n| ',
  '|',
  '    ',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  'a',
  '1',
  ':',
  '&',
  '<',
  '>',
  '\t',
  '\r\n',
  '#',
);
const markdownArb = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(markdownToken, { maxLength: 30 }).map((parts) => parts.join('')),
);

const MENTION = /@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(\/[A-Za-z0-9_.-]+)?/g;

describe('live text properties', () => {
  it('every text node of any input is traced back to its source', () => {
    fc.assert(
      fc.property(markdownArb, (text) => {
        expect(liveRuns(text).unaligned).toBe(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves no live mention but the allowed one after redaction', () => {
    fc.assert(
      fc.property(markdownArb, fc.integer({ min: 40, max: 400 }), (body, maxLength) => {
        const { text } = redactOutbound(body, { allowedMentions: ['approver'], issueNumber: 42, maxLength });
        for (const run of liveRuns(text).runs) {
          for (const match of run.value.matchAll(MENTION)) {
            const previous = run.value[match.index - 1];
            const inLink = run.autolinks.some(
              (l) => l.from < match.index + match[0].length && match.index < l.to,
            );
            const allowed = match[2] === undefined && match[1]?.toLowerCase() === 'approver';
            if ((previous !== undefined && /[A-Za-z0-9_/.]/.test(previous)) || inLink || allowed) continue;
            expect.fail(`live mention ${match[0]} in ${JSON.stringify(text)}`);
          }
          expect(run.value).not.toMatch(/(?<![A-Za-z0-9_])fix(?:es)?\s+#3/i);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps fenced and inline code verbatim', () => {
    const prose = fc.array(fc.constantFrom('@bob', 'Fixes #3', ' ', 'a', '\n', '/maestro '), {
      maxLength: 8,
    });
    const code = fc.array(fc.constantFrom('@bob', 'Fixes #3', '/maestro', ' x ', '&#64;y', '\\@z'), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(prose, code, prose, (before, inside, after) => {
        const block = `\`\`\`\n${inside.join('\n')}\n\`\`\``;
        const span = `\`${inside.join('').trim() || 'x'}\``;
        const text = `${before.join('')}\n\n${block}\n\n${after.join('')} ${span} ${after.join('')}`;
        const out = escapeCommands(closing(mentions(text).text).text).text;
        expect(out).toContain(`\n\n${block}\n\n`);
        expect(out).toContain(` ${span} `);
      }),
      { numRuns: 1_000 },
    );
  });
});
