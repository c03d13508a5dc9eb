import { describe, expect, it } from 'vitest';
import { parseIndexListing } from '../../../../src/adapters/git/index-listing.js';

const BLOB = 'cff1632b6f404369823c1fb8f30ceb66b0c28cd9';
/** The debug lines git 2.39 prints after each index record of `ls-files -z -s -v --debug`. */
const debug = (size: number) =>
  `  ctime: 1796658936:437312445\n  mtime: 1796658936:437312445\n  dev: 65024\tino: 2190493\n  uid: 0\tgid: 0\n  size: ${size}\tflags: 0\n`;

describe('parseIndexListing', () => {
  it('reads index records with the size among their debug lines, modified and untracked ones', () => {
    const out = [
      `? new file.py\0`,
      `H 100644 ${BLOB} 0\tREADME.md\0${debug(71)}`,
      `C 100644 ${BLOB} 0\tREADME.md\0${debug(71)}`,
      `h 100755 ${BLOB} 0\tbin/run\0${debug(5)}`,
    ].join('');
    expect(parseIndexListing(out)).toEqual([
      { tag: '?', path: 'new file.py' },
      { tag: 'H', mode: '100644', blob: BLOB, path: 'README.md', size: 71 },
      { tag: 'C', mode: '100644', blob: BLOB, path: 'README.md', size: 71 },
      { tag: 'h', mode: '100755', blob: BLOB, path: 'bin/run', size: 5 },
    ]);
  });

  it('keeps paths with spaces, tabs and newlines whole (only NUL ends a record)', () => {
    const path = 'a dir/odd\tname\n  size: 999\n.py';
    expect(parseIndexListing(`H 100644 ${BLOB} 0\t${path}\0${debug(12)}? ${path}\0`)).toEqual([
      { tag: 'H', mode: '100644', blob: BLOB, path, size: 12 },
      { tag: '?', path },
    ]);
  });

  it('leaves the size undefined when git prints no debug lines or none with a size', () => {
    const out = `H 100644 ${BLOB} 0\ta.py\0H 100644 ${BLOB} 0\tb.py\0  flags: 0\n  size: many\n`;
    expect(parseIndexListing(out).map((e) => [e.path, 'size' in e ? e.size : 'none'])).toEqual([
      ['a.py', undefined],
      ['b.py', undefined],
    ]);
  });

  it('skips records whose mode, object id, stage or tab is not what git writes', () => {
    const bad = [
      `H 100648 ${BLOB} 0\ta.py`,
      `H 100644 ${BLOB.toUpperCase()} 0\tb.py`,
      `H 100644 ${BLOB.slice(1)} 0\tc.py`,
      `H 100644 ${BLOB} 4\td.py`,
      `H 100644 ${BLOB} 0 e.py`,
      `1 100644 ${BLOB} 0\tf.py`,
      '?',
    ];
    const out = `${bad.map((r) => `${r}\0${debug(1)}`).join('')}H 100644 ${BLOB} 3\tok.py\0`;
    expect(parseIndexListing(out)).toEqual([
      { tag: 'H', mode: '100644', blob: BLOB, path: 'ok.py', size: undefined },
    ]);
  });

  it('skips a record of another shape and a truncated last one', () => {
    const out = `something else\0${debug(3)}H 100644 ${BLOB} 2\tc.py\0${debug(4)}H 100644 ${BLOB} 0\tcut`;
    expect(parseIndexListing(out)).toEqual([{ tag: 'H', mode: '100644', blob: BLOB, path: 'c.py', size: 4 }]);
  });
});
