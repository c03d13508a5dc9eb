import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseFile, estimateTokens } from '../../../src/discovery/analyse-file.js';
import { countTerms } from '../../../src/discovery/count-terms.js';
import { termFrequencies, tokenize } from '../../../src/discovery/tokenize.js';

const reference = (text: string) => ({
  tf: termFrequencies(tokenize(text)),
  length: tokenize(text).length,
});
/** Entries in order: the cache's term dictionary is built in it. */
const entries = (result: { tf: Map<string, number>; length: number }) =>
  JSON.stringify([...result.tf, result.length]);

describe('countTerms', () => {
  it('counts exactly what tokenize + termFrequencies count, on any text', () => {
    const code = fc.array(
      fc.oneof(
        fc.constantFrom(
          'parseHTTPRequest_v2',
          'self',
          'refund_invoice',
          '__init__',
          'XMLHttp',
          'a',
          'the',
          '$x',
          'caf\u00e9Name',
          'x\u{1F600}y',
        ),
        fc.string({ maxLength: 12 }),
        // Non-ASCII text: the scanner reads UTF-16 code units, as the regular expression did.
        fc.string({ unit: 'binary', maxLength: 8 }),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(code, (parts) => {
        const text = parts.join(' ');
        // Twice: the second pass reads the memo the first one filled. Key order too: the cache's
        // term dictionary is built in it.
        for (let pass = 0; pass < 2; pass++) {
          expect(entries(countTerms(text))).toBe(entries(reference(text)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches on this repository’s own sources', () => {
    for (const path of ['src/discovery/discover.ts', 'src/discovery/tokenize.ts', 'src/cli/main.ts']) {
      const text = readFileSync(path, 'utf8');
      expect(entries(countTerms(text))).toBe(entries(reference(text)));
    }
  });
});

describe('analyseFile', () => {
  it('estimates tokens from bytes and keeps the term counts BM25 reads', () => {
    const content = Buffer.from('def refund_invoice(invoice):\n    return invoice.total\n');
    const analysis = analyseFile('billing.py', content);
    expect(analysis.tokens).toBe(estimateTokens(content.byteLength));
    expect(Object.fromEntries(analysis.tf)).toEqual({ refund_invoice: 1, refund: 1, invoice: 3, total: 1 });
    expect(analysis.lines).toBe(2);
  });
});
