import { describe, expect, it } from 'vitest';
import { isDocPath, isTestPath, vendoredRoots } from '../../../src/discovery/file-roles.js';
import { extractImports, ImportResolver } from '../../../src/discovery/import-graph.js';
import { extractMentions, messageMentions, withoutForeignPaths } from '../../../src/discovery/mentions.js';
import { PathLookup } from '../../../src/discovery/path-lookup.js';
import { type IndexedFile, rankFiles } from '../../../src/discovery/rank-files.js';
import { extractLiterals } from '../../../src/discovery/string-literals.js';
import { extractSymbols, SymbolIndex } from '../../../src/discovery/symbol-index.js';
import { termFrequencies, tokenize } from '../../../src/discovery/tokenize.js';

// One test (or more) per ranking defect of issue 14; each fails on the ranking before the fix.

function file(path: string, text: string): IndexedFile {
  const terms = tokenize(text);
  return {
    path,
    tf: Object.fromEntries(termFrequencies(terms)),
    length: terms.length,
    symbols: extractSymbols(path, text),
    imports: extractImports(path, text),
    literals: extractLiterals(text),
  };
}
const order = (files: IndexedFile[], title: string, body: string) =>
  rankFiles({ files, issue: { title, body } }).map((r) => r.path);
const mentionsOf = (text: string, paths: string[], symbols = new SymbolIndex()) =>
  extractMentions(text, new PathLookup(paths), symbols);

describe('1: parenthesised multi-line Python imports are import edges', () => {
  it('reads every name of `from .x import (` across lines, comments and trailing commas included', () => {
    const text =
      'from .utils import (\n    requote_uri,  # quoting\n    to_key_val_list,\n)\nfrom .a import b, \\\n    c\n';
    expect(extractImports('pkg/models.py', text)).toEqual(
      expect.arrayContaining(['.utils.requote_uri', '.utils.to_key_val_list', '.utils', '.a.b', '.a.c']),
    );
    const resolver = new ImportResolver(['pkg/models.py', 'pkg/utils.py']);
    expect(resolver.resolve('pkg/models.py', '.utils')).toEqual(['pkg/utils.py']);
  });
});

describe('2: vendored copies of other libraries', () => {
  it('finds packages/ inside a Python package and _vendor dirs, never a top-level workspace', () => {
    expect(
      vendoredRoots([
        'req/__init__.py',
        'req/packages/urllib3/pool.py',
        'pip/_vendor/rich/text.py',
        'packages/web/src/index.ts',
      ]),
    ).toEqual(['pip/_vendor/', 'req/packages/']);
  });

  it('ranks the project file above a vendored file full of the same words', () => {
    const files = [
      file('req/__init__.py', ''),
      file(
        'req/adapters.py',
        'class HTTPAdapter:\n    def __init__(self, pool_connections=10):\n        self.pool = {}\n',
      ),
      file(
        'req/packages/urllib3/pool.py',
        'class ConnectionPool:\n    """connection pool: connections kept in the pool, pool size, pool full"""\n',
      ),
    ];
    const ranked = order(
      files,
      'Connection pool size ignored',
      'pool_connections keeps 10 connections in the pool',
    );
    expect(ranked.indexOf('req/adapters.py')).toBeLessThan(ranked.indexOf('req/packages/urllib3/pool.py'));
  });
});

describe('3: a word in the body does not lift the doc and test penalties', () => {
  const files = [
    file('docs/redirects.rst', 'Redirect history: the history lists redirect responses after redirects.'),
    file('examples/test_redirects.py', 'def test_history():\n    assert redirect history redirects\n'),
    file('CHANGES.rst', 'Redirect history kept after redirects.'),
    file(
      'pkg/sessions.py',
      'def resolve_redirects(resp):\n    """Follows redirects; the history lists each redirect response."""\n    resp.history = []\n',
    ),
    // Unrelated modules, so the issue's words are rare enough for BM25 to weigh them.
    ...['auth', 'cookies', 'models', 'utils', 'hooks', 'adapters'].map((n) =>
      file(`pkg/${n}.py`, `def ${n}_helper(value):\n    return value  # ${n} handling`),
    ),
  ];
  it('keeps the code first when the body says "documentation" and "pytest"', () => {
    const ranked = order(
      files,
      'Redirect history empty after redirects',
      'As the documentation says, history lists the redirects (pytest 7.4).',
    );
    expect(ranked[0]).toBe('pkg/sessions.py');
  });

  it('lifts the doc penalty when the title is about the docs', () => {
    const ranked = order(
      files,
      'Docs: redirect history page is wrong',
      'The redirects history page says otherwise.',
    );
    expect(ranked[0]).toBe('docs/redirects.rst');
  });

  it('lifts the test penalty when the title is about tests, and the baseline ranks source files only', () => {
    expect(order(files, 'Flaky test of redirect history', 'The redirects history test fails.')[0]).toBe(
      'examples/test_redirects.py',
    );
    const baseline = rankFiles({
      files,
      issue: { title: 'Redirect history', body: 'redirects' },
      mode: 'bm25',
    });
    expect(baseline.map((r) => r.path)).not.toContain('docs/redirects.rst');
    expect(baseline.map((r) => r.path)).toContain('pkg/sessions.py');
  });

  it('classifies changelogs and examples as docs, conftest as a test', () => {
    expect(['CHANGES.rst', 'HISTORY.md', 'examples/x.py', 'docs/a.md'].every(isDocPath)).toBe(true);
    expect(isDocPath('pkg/history.py')).toBe(false);
    expect(isTestPath('tests/conftest.py')).toBe(true);
  });
});

describe('4: template words, the reporter’s own frames and incidental imports', () => {
  const paths = ['pkg/cli.py', 'pkg/utils.py', 'tests/test_timeout.py', 'pkg/adapters.py'];
  const symbols = new SymbolIndex();
  symbols.add('pkg/cli.py', ['list']);
  symbols.add('pkg/utils.py', ['to_key_val_list']);

  it('takes no symbol from a command line in backticks, nor from a reproduction’s imports', () => {
    const text = [
      'Output of `pip list`:',
      '```python',
      'from pkg.utils import to_key_val_list',
      'import pkg',
      '```',
    ].join('\n');
    const found = mentionsOf(text, paths, symbols);
    expect(found.filter((m) => m.kind === 'symbol')).toEqual([]);
    expect(found.filter((m) => m.path === 'pkg/utils.py').every((m) => m.weight < 0.3)).toBe(true);
  });

  it('weighs the module of a template’s `python -m pkg.help` command as weak', () => {
    const found = mentionsOf(
      'Output of `python -m pkg.utils`:\n```\n{"platform": "Linux"}\n```',
      paths,
      symbols,
    );
    expect(found.filter((m) => m.path === 'pkg/utils.py').map((m) => m.weight)).toEqual([0.8 * 0.3]);
  });

  it('weighs a bare `test_x.py:7` frame that only matches a nested file by name as weak', () => {
    const found = mentionsOf('test_timeout.py:7: in test_read_timeout', paths);
    expect(found).toEqual([expect.objectContaining({ path: 'tests/test_timeout.py', kind: 'frame' })]);
    expect(found[0]!.weight).toBeLessThan(0.5);
    const named = mentionsOf('tests/test_timeout.py:7: in test_read_timeout', paths);
    expect(named[0]!.weight).toBeGreaterThanOrEqual(0.9);
  });

  it('lets no plain-word symbol outrank the best text match', () => {
    const files = [
      file('pkg/cli.py', 'def list(argv):\n    print(argv)\n'),
      file(
        'pkg/adapters.py',
        'def send(timeout):\n    connect, read = timeout  # read timeout of the tuple\n',
      ),
    ];
    expect(order(files, 'Read timeout of a timeout tuple ignored', 'Run `list()` and see.')[0]).toBe(
      'pkg/adapters.py',
    );
  });
});

describe('5: the case-insensitive fallback', () => {
  const symbols = new SymbolIndex();
  symbols.add('pkg/compat.py', ['FETCHY']);
  symbols.add('pkg/url.py', ['Parse_URL']);
  it('never maps a lowercase word to an UPPER_CASE constant, still maps identifier-shaped names', () => {
    expect(symbols.lookup('fetchy')).toEqual([]);
    expect(symbols.lookup('FETCHY')).toEqual(['pkg/compat.py']);
    expect(symbols.lookup('parse_url')).toEqual(['pkg/url.py']);
  });
});

describe('6: a single capitalised class name', () => {
  const symbols = new SymbolIndex();
  symbols.add('pkg/pacing.py', ['Delay', 'seconds']);
  symbols.add('pkg/other.py', ['When']);
  it('is looked up in prose and in a code fence, exact case only', () => {
    const prose = mentionsOf('A Delay created with maximum=10 waits 40 seconds.', ['pkg/pacing.py'], symbols);
    expect(prose).toEqual([
      expect.objectContaining({ path: 'pkg/pacing.py', kind: 'symbol', value: 'Delay' }),
    ]);
    const fenced = mentionsOf('```python\nd = Delay(factor=0.5)\n```', ['pkg/pacing.py'], symbols);
    expect(fenced.map((m) => m.value)).toContain('Delay');
    expect(mentionsOf('a delay of 40 seconds', ['pkg/pacing.py'], symbols)).toEqual([]);
  });
});

describe('7: quoted error messages', () => {
  it('keeps the fixed words of a message literal, placeholders as breaks', () => {
    expect(
      extractLiterals('raise InvalidURL(f"Invalid URL {url!r}: No host supplied")\nx = "content-type"'),
    ).toEqual(['no host supplied']);
    expect(extractLiterals('log.warning("Pool is full, discarding connection: %s", host)')).toEqual([
      'pool is full discarding connection',
    ]);
  });

  it('finds the file whose literal the issue quotes; a common phrase in prose is not enough', () => {
    const files = [
      { path: 'pkg/models.py', literals: ['no host supplied'] },
      { path: 'pkg/other.py', literals: ['the request is'] },
    ];
    const quoted = messageMentions("```\nInvalidURL: Invalid URL 'https:///x': No host supplied\n```", files);
    expect(quoted).toEqual([expect.objectContaining({ path: 'pkg/models.py', kind: 'message' })]);
    expect(messageMentions('I think no host supplied is odd, the request is slow', files)).toEqual([]);
  });
});

describe('8: a path from the reporter’s own machine', () => {
  it('weighs a file-name-only match of an absolute path as weak, and same-named files in path order', () => {
    const paths = ['tox.ini', 'tests/conftest.py', 'docs/conftest.py'];
    const found = mentionsOf('see /home/alice/myapp/conftest.py and /home/alice/myapp/tox.ini', paths);
    expect(found.map((m) => m.path)).toEqual(['docs/conftest.py', 'tests/conftest.py', 'tox.ini']);
    expect(found.every((m) => m.weight <= 0.2)).toBe(true);
  });
});

describe('8: the words of a foreign path', () => {
  it('leave the BM25 query, so our same-named file is not favoured by them', () => {
    const lookup = new PathLookup(['tox.ini', 'pkg/utils.py']);
    expect(withoutForeignPaths('set in /home/alice/app/tox.ini and pkg/utils.py', lookup)).toBe(
      'set in  and pkg/utils.py',
    );
    expect(withoutForeignPaths('File "/venv/site-packages/pkg/utils.py"', lookup)).toContain('pkg/utils.py');
  });
});

describe('determinism', () => {
  it('gives the same order whatever order the files come in', () => {
    const files = [
      file('a/conftest.py', 'x = 1'),
      file('b/conftest.py', 'x = 1'),
      file('pkg/one.py', 'def alpha():\n    return "same words"\n'),
      file('pkg/two.py', 'def alpha():\n    return "same words"\n'),
      file('pkg/three.py', 'from .one import (\n    alpha,\n)\n'),
    ];
    const issue = { title: 'alpha words wrong', body: 'see conftest.py and `alpha()`' };
    const forward = rankFiles({ files, issue });
    const backward = rankFiles({ files: [...files].reverse(), issue });
    const shuffled = rankFiles({ files: [files[2]!, files[4]!, files[0]!, files[3]!, files[1]!], issue });
    expect(backward).toEqual(forward);
    expect(shuffled).toEqual(forward);
  });
});
