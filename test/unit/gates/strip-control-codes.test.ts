import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../../src/core/gates/parse-test-summary.js';

// stripAnsi is Node's util.stripVTControlCharacters plus the `\r` redraw handling: forms a
// hand-kept pattern missed are stripped too.
describe('stripAnsi with the escape forms a hand-written pattern missed', () => {
  it('strips 8-bit CSI sequences (U+009B) as well as ESC [', () => {
    expect(stripAnsi('\u009b31mred\u009b0m and \u001b[1mbold\u001b[22m')).toBe('red and bold');
  });

  it('strips an OSC hyperlink ended by ESC \\ (ST)', () => {
    expect(stripAnsi('see \u001b]8;;https://vitest.dev\u001b\\the docs\u001b]8;;\u001b\\.')).toBe(
      'see the docs.',
    );
  });
});
