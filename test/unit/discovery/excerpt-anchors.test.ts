import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { focusedExcerpt } from '../../../src/discovery/excerpt.js';
import { packContext } from '../../../src/discovery/pack-context.js';

// Defect 9 of issue 14: a big central file can only be an excerpt, and the excerpt must hold the
// code the issue is about — the matched method with its body and the signatures around it.

const filler = (from: number, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `    def helper_${from + i}(self, chunk_size=512):\n        """Reads a chunk of the response."""\n        return self.read(chunk_size)\n`,
  ).join('\n');
const BIG = [
  'class Response:',
  '    """The response."""',
  '',
  filler(0, 150),
  '    def iter_lines(self, chunk_size=512, delimiter=None):',
  '        """Iterates over the response data, one line at a time."""',
  '        pending = None',
  '        for chunk in self.iter_content(chunk_size):',
  '            lines = chunk.split(delimiter)',
  '            pending = lines.pop()',
  '            yield from lines',
  '        if pending is not None:',
  '            yield pending',
  '',
  filler(150, 150),
  '    def check(self):',
  '        raise ValueError(f"Invalid URL {self.url!r}: No host supplied")',
].join('\n');

describe('focusedExcerpt around what the issue matched', () => {
  it('shows a matched definition whole, with its enclosing class, even when other lines share more words', async () => {
    const focus = new Set(['chunk', 'response', 'lines', 'read']);
    const excerpt = await focusedExcerpt(BIG, focus, 400, ['iter_lines']);
    expect(excerpt.text).toMatch(/\d+\| +def iter_lines/);
    expect(excerpt.text).toContain('yield pending');
    expect(excerpt.text).toMatch(/^1\| class Response:/m);
    expect(excerpt.centredOn).toEqual(['iter_lines']);
    expect(excerpt.tokens).toBeLessThanOrEqual(400);
  });

  it('centres on the line holding a quoted message, with the method it is in', async () => {
    const excerpt = await focusedExcerpt(BIG, new Set(['url']), 200, ['no host supplied']);
    expect(excerpt.text).toContain('No host supplied');
    expect(excerpt.text).toMatch(/def check\(self\):/);
    expect(excerpt.centredOn).toEqual(['no host supplied']);
  });

  it('without anchors falls back to the lines with the most issue terms', async () => {
    const excerpt = await focusedExcerpt(BIG, new Set(['delimiter']), 200);
    expect(excerpt.text).toContain('delimiter');
    expect(excerpt.centredOn).toEqual([]);
  });
});

describe('packContext with a big file near the top', () => {
  const small = (n: number) =>
    Array.from({ length: n }, (_, i) => `x_${i} = ${i}  # small module`).join('\n');
  const CONTENT: Record<string, string> = { 'big.py': BIG };
  for (let i = 0; i < 8; i++) CONTENT[`small_${i}.py`] = small(120);
  const tokens = (p: string) => countTokens(CONTENT[p]!);
  const read = async (p: string) => CONTENT[p]!;

  it('keeps room for the excerpt of a big file ranked below smaller ones, and says why it is an excerpt', async () => {
    const ranked = [
      ...['small_0.py', 'small_1.py', 'small_2.py'].map((path) => ({ path, tokens: tokens(path) })),
      { path: 'big.py', tokens: tokens('big.py'), anchors: ['iter_lines'] },
      ...['small_3.py', 'small_4.py', 'small_5.py', 'small_6.py', 'small_7.py'].map((path) => ({
        path,
        tokens: tokens(path),
      })),
    ];
    // The three smaller files ranked above it would fill the budget whole, leaving nothing for it.
    const budget = (tokens('small_0.py') + 12) * 3 + 60;
    const packed = await packContext({ ranked, read, budget, focus: new Set(['lines']) });
    expect(packed.files.get('big.py')).toMatchObject({ included: true, excerpt: true });
    expect(packed.files.get('big.py')?.why).toMatch(
      /^excerpt: ~\d+ tokens, over 60% of the budget; around iter_lines$/,
    );
    expect(packed.text).toContain('==> big.py (excerpt: ');
    expect(packed.text).toContain('yield pending');
    expect(packed.tokens).toBeLessThanOrEqual(budget);
  });
});
