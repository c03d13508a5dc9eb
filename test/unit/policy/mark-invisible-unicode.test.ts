import { describe, expect, it } from 'vitest';
import { markInvisibleUnicode } from '../../../src/core/policy/inbound/mark-invisible-unicode.js';

describe('markInvisibleUnicode', () => {
  it.each([
    ['tags', 'a\u{E0041}\u{E0042}\u{E0043}b', 'a[3 invisible characters removed]b', 3],
    ['zero-width', 'x\u200By', 'x[1 invisible character removed]y', 1],
    ['bidi override', 'if (a\u202E) {}', 'if (a[1 invisible character removed]) {}', 1],
    ['variation selector', 'ok\uFE0F', 'ok[1 invisible character removed]', 1],
    [
      'two runs',
      '\u200Da\u2066\u2069',
      '[1 invisible character removed]a[2 invisible characters removed]',
      3,
    ],
  ])('replaces %s with a visible marker', (_name, input, output, count) => {
    expect(markInvisibleUnicode(input)).toEqual({ text: output, count });
  });

  it('leaves HTML comments, tabs and CRLF line ends alone', () => {
    const text = '<!-- keep -->\r\n\tindented\n';
    expect(markInvisibleUnicode(text)).toEqual({ text, count: 0 });
  });
});
