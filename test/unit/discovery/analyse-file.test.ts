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
        // Non-ASCII text: the scanner reads UTF-8 bytes, the regular expression read characters.
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
          expect(entries(countTerms(Buffer.from(text)))).toBe(entries(reference(text)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts what tokenize counts in the UTF-8 decoding of any bytes, invalid sequences included', () => {
    const ascii = fc.constantFrom(...'ab_Z9 .('.split('').map((c) => c.charCodeAt(0)));
    const bytes = fc.array(fc.oneof(ascii, fc.integer({ min: 0x80, max: 0xff })), { maxLength: 80 });
    fc.assert(
      fc.property(bytes, (list) => {
        const content = Uint8Array.from(list);
        const text = Buffer.from(content).toString('utf8');
        expect(entries(countTerms(content))).toBe(entries(reference(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('stays exact past the first sizes of its tables (ids, bytes, slots)', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `someLongIdentifier_${i.toString(36)}Name`);
    const text = `${names.join(' + ')}\n${names.slice(0, 1000).join(' ')}`;
    expect(entries(countTerms(Buffer.from(text)))).toBe(entries(reference(text)));
  });

  it('counts an identifier longer than the arguments a call can take', () => {
    const text = `x = ${'a'.repeat(300_000)}_tail + ${'a'.repeat(300_000)}_tail`;
    expect(entries(countTerms(Buffer.from(text)))).toBe(entries(reference(text)));
  });

  it('matches on this repository’s own sources', () => {
    for (const path of ['src/discovery/discover.ts', 'src/discovery/tokenize.ts', 'src/cli/main.ts']) {
      const content = readFileSync(path);
      expect(entries(countTerms(content))).toBe(entries(reference(content.toString('utf8'))));
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
