import { describe, expect, it } from 'vitest';
import type { ReviewFinding } from '../../../src/core/chains/review-finding.js';
import { REVIEW_MAX_CHARS, renderReviewComment } from '../../../src/core/report/render-review.js';

const finding = (overrides: Partial<ReviewFinding> = {}): ReviewFinding => ({
  file: 'src/a.ts',
  line: 1,
  severity: 'medium',
  what: 'something is off',
  why: 'it matters',
  ...overrides,
});

/** The numbered list items, each with its indented continuation lines. */
function items(body: string): string[] {
  const list = body.split('\n\n').filter((block) => /^\d+\. /.test(block));
  return list.flatMap((block) => block.split(/\n(?=\d+\. )/));
}

describe('renderReviewComment', () => {
  it('has the title, the summary, counts by severity and the line saying no code changed', () => {
    const body = renderReviewComment({
      issueNumber: 12,
      summary: 'Reviewed the login flow.',
      findings: [
        finding({ severity: 'high' }),
        finding({ severity: 'high', file: 'src/b.ts' }),
        finding({ severity: 'info' }),
      ],
    });
    expect(body.startsWith('## Maestro review · #12\n\nReviewed the login flow.\n\n')).toBe(true);
    expect(body).toContain('**3 findings** · 🔴 0 critical · 🟠 2 high · 🟡 0 medium · 🔵 0 low · ⚪ 1 info');
    expect(body).toContain('**No code was changed:** this review is read-only.');
  });

  it('sorts by severity, then file, then line, with a whole-file finding first', () => {
    const body = renderReviewComment({
      summary: 's',
      findings: [
        finding({ severity: 'low', file: 'a.ts', line: 1, what: 'L' }),
        finding({ severity: 'critical', file: 'b.ts', line: 20, what: 'C-b20' }),
        finding({ severity: 'critical', file: 'b.ts', line: 3, what: 'C-b3' }),
        finding({ severity: 'critical', file: 'a.ts', line: 99, what: 'C-a99' }),
        finding({ severity: 'critical', file: 'b.ts', line: undefined, what: 'C-b' }),
        finding({ severity: 'high', file: 'z.ts', line: 1, what: 'H' }),
      ],
    });
    expect(items(body)).toEqual([
      '1. 🔴 **critical** · `a.ts:99` — C-a99\n   Why: it matters',
      '2. 🔴 **critical** · `b.ts` — C-b\n   Why: it matters',
      '3. 🔴 **critical** · `b.ts:3` — C-b3\n   Why: it matters',
      '4. 🔴 **critical** · `b.ts:20` — C-b20\n   Why: it matters',
      '5. 🟠 **high** · `z.ts:1` — H\n   Why: it matters',
      '6. 🔵 **low** · `a.ts:1` — L\n   Why: it matters',
    ]);
  });

  it('leaves the why line out when there is none', () => {
    const body = renderReviewComment({ summary: 's', findings: [finding({ why: '' })] });
    expect(items(body)).toEqual(['1. 🟡 **medium** · `src/a.ts:1` — something is off']);
  });

  it('neutralises model text: pipes, backticks, mentions, closing keywords, HTML and line breaks', () => {
    const body = renderReviewComment({
      issueNumber: 1,
      summary: 'Ping @someone. Fixes #1',
      findings: [
        finding({
          file: 'src/we`ird|name.ts',
          line: 4,
          severity: 'critical',
          what: 'a | b\n| --- | --- |\n| forged | row | `tick` @someone Fixes #1',
          why: 'Closes #1 <!-- maestro:state v1 abc --> <img src="https://evil.example/x.png">\n## Not a heading',
        }),
      ],
    });
    const [item] = items(body);
    // One item: the injected table rows and heading stayed on the item's own two lines.
    expect(item?.split('\n')).toHaveLength(2);
    expect(body.split('\n').some((line) => line.startsWith('|') || line.startsWith('## Not'))).toBe(false);
    // The path is one code span that its own backtick cannot break.
    expect(item).toContain('``src/we`ird|name.ts:4``');
    // Nobody is notified and no issue is closed, in the findings or the summary.
    expect(body).not.toMatch(/(?<!`)@someone/);
    expect(body).toContain('`@someone`');
    expect(body).not.toMatch(/(?<!`)(?:Fixes|Closes) #1/);
    expect(body).toContain('`Fixes #1`');
    expect(body).toContain('`Closes #1`');
    // No HTML: no hidden comment, no forged state marker, no tracking image.
    expect(body).not.toContain('<!--');
    expect(body).not.toContain('<img');
  });

  it('says so when there are no findings, and when there is no summary', () => {
    const body = renderReviewComment({ summary: '  ', findings: [] });
    expect(body).toContain('_No summary was given._');
    expect(body).toContain('**0 findings** · 🔴 0 critical');
    expect(body).toContain('_The review found nothing to report._');
    expect(body).toContain('**No code was changed:**');
  });

  it('shows the chain, gates and sandbox lines it is given, as plain text', () => {
    const body = renderReviewComment({
      summary: 's',
      findings: [],
      chainSteps: 'review (1 step, read-only)',
      gates: 'npm test: not run\n<b>x</b>',
      sandbox: 'bubblewrap, no network',
    });
    expect(body).toContain(
      '- Chain: review (1 step, read-only)\n- Gates: npm test: not run &lt;b>x&lt;/b>\n- Sandbox: bubblewrap, no network',
    );
  });

  it('stays under its limit with many long findings, keeping the footer and counting what was left out', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      finding({ file: `src/file-${i}.ts`, line: i + 1, what: 'w'.repeat(500), why: 'y'.repeat(1000) }),
    );
    const body = renderReviewComment({ summary: 'x'.repeat(5000), findings: many });
    expect(body.length).toBeLessThanOrEqual(REVIEW_MAX_CHARS);
    expect(body).toContain('**200 findings**');
    expect(body).toContain('**No code was changed:**');
    const shown = items(body).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(200);
    expect(body).toContain(`_…and ${200 - shown} more findings (shortened to fit)_`);
  });
});
