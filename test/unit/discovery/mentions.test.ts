import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../../src/discovery/mentions.js';
import { PathLookup } from '../../../src/discovery/path-lookup.js';
import { SymbolIndex } from '../../../src/discovery/symbol-index.js';

const PATHS = [
  'src/a.ts',
  'src/util/helpers.ts',
  'pkg/core/engine.py',
  'pkg/core/__init__.py',
  'cmd/server/main.go',
  'lib/x.rs',
  'src/errors.ts',
];
const symbols = new SymbolIndex();
symbols.add('src/errors.ts', ['ParseError', 'format_message']);
symbols.add('src/util/helpers.ts', ['toSlug']);
const mentions = (text: string) =>
  extractMentions(text, new PathLookup(PATHS), symbols).map((m) => `${m.kind}:${m.path}`);

describe('extractMentions', () => {
  it.each([
    [
      'a Python frame with an absolute path',
      'File "/home/me/proj/pkg/core/engine.py", line 3, in run',
      'frame:pkg/core/engine.py',
    ],
    ['a Node frame', 'at handle (src/util/helpers.ts:10:4)', 'frame:src/util/helpers.ts'],
    ['a Go file:line', 'panic at cmd/server/main.go:12', 'frame:cmd/server/main.go'],
    ['an explicit path', 'see src/a.ts for details', 'path:src/a.ts'],
    ['a file name alone', 'the bug is in helpers.ts somewhere', 'file name:src/util/helpers.ts'],
    ['a dotted module path', 'importing pkg.core.engine fails', 'module:pkg/core/engine.py'],
    ['a slash module path', 'the pkg/core/engine module', 'module:pkg/core/engine.py'],
    ['a backticked symbol', 'throws `ParseError` on bad input', 'symbol:src/errors.ts'],
    ['a CamelCase word', 'a ParseError is thrown', 'symbol:src/errors.ts'],
    ['a snake_case word', 'format_message drops args', 'symbol:src/errors.ts'],
    ['a call', 'calling toSlug() returns garbage', 'symbol:src/util/helpers.ts'],
  ])('finds %s', (_name, text, expected) => {
    expect(mentions(text)).toContain(expected);
  });

  it('ignores names that match nothing in the repository', () => {
    expect(mentions('`NoSuchThing` in other/file.ts')).toEqual([]);
  });
});
