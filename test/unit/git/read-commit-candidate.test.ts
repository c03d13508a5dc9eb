import { describe, expect, it } from 'vitest';
import { addedLines, parseRaw, splitRawAndPatch } from '../../../src/adapters/git/read-commit-candidate.js';

const sha = (c: string) => c.repeat(40);
const zero = '0'.repeat(40);

describe('splitRawAndPatch', () => {
  it('reads every record, renames with both paths, and leaves a patch that looks like records alone', () => {
    // A changed file whose added lines imitate raw records and hold a NUL.
    const patch = [
      'diff --git a/a b/a',
      '--- a/a',
      '+++ b/a',
      '@@ -0,0 +1,2 @@',
      `+:100644 100644 ${sha('1')} ${sha('2')} A\0.npmrc\0`,
      '+token',
      '',
    ].join('\n');
    const output = [
      `:100644 100644 ${sha('a')} ${sha('b')} M`,
      'a',
      `:000000 120000 ${zero} ${sha('c')} A`,
      'tab\tlink',
      `:100644 100644 ${sha('d')} ${sha('d')} R100`,
      'old.txt',
      'new.txt',
      '',
    ].join('\0');
    const { raw, patch: rest } = splitRawAndPatch(`${output}\0${patch}`);
    expect(rest).toBe(patch);
    expect(parseRaw(raw).map((f) => [f.status, f.path, f.oldPath])).toEqual([
      ['modified', 'a', undefined],
      ['added', 'tab\tlink', undefined],
      ['renamed', 'new.txt', 'old.txt'],
    ]);
    expect(
      addedLines(rest)
        .get('a')
        ?.map((l) => l.line),
    ).toEqual([1, 2]);
  });

  it('is empty for no change, and refuses output it does not recognise rather than skip a record', () => {
    expect(splitRawAndPatch('')).toEqual({ raw: '', patch: '' });
    expect(() => splitRawAndPatch(`:100644 100644 ${sha('a')} ${sha('b')} M\0a\0:weird\0b\0\0`)).toThrow(
      /not in the expected form/,
    );
  });
});
