import { describe, expect, it } from 'vitest';
import { estimateBudget } from '../../../src/core/plan/budget-estimate.js';
import { renderPlanningComment } from '../../../src/core/plan/render-planning-comment.js';
import { draft, revision } from '../../support/plan-fixtures.js';

function render(overrides: Parameters<typeof revision>[0] = {}, respond: 'comment' | 'terminal' = 'comment') {
  const r = revision(overrides);
  return renderPlanningComment({
    revision: r,
    chainSource: 'label `enhancement`',
    estimate: estimateBudget(r.draft, { inputPerMtok: 3, outputPerMtok: 15 }, 10),
    planningUsage: { tokens: 12_345, usd: 0.05 },
    respond,
  });
}

describe('the planning comment', () => {
  it('shows every part of product.md §1 step 2 in order', () => {
    const md = render();
    const order = [
      '## 🎼 Maestro plan — revision 1',
      '**Chain:** `feature`',
      '### What I understood',
      '### Questions',
      '### PRD: JSON output for report',
      '#### Requirements',
      '#### Non-goals',
      '#### Affected areas',
      '#### Risks',
      '### Decisions',
      '### Task preview',
      '```mermaid',
      '### Budget estimate',
      '### How to respond',
    ];
    let last = -1;
    for (const heading of order) {
      const at = md.indexOf(heading);
      expect(at, heading).toBeGreaterThan(last);
      last = at;
    }
  });

  it('gives the approve command bound to the revision hash', () => {
    const r = revision();
    expect(render()).toContain(`\`/maestro approve ${r.hash}\``);
  });

  it('numbers requirements with their acceptance criteria as plain items, never clickable checkboxes', () => {
    const md = render();
    expect(md).toContain('- **R1 — A --json flag prints one JSON object** _(must)_');
    expect(md).toContain('  - `report --json` output parses as JSON');
    expect(md).not.toMatch(/^\s*[-*+] \[[ xX]\]/m);
  });

  it('shows the assumed default of an open question and the answer once given', () => {
    expect(render()).toContain('_Assumed if nobody answers:_ No, one line');
    expect(render({ answers: { Q1: { answer: 'Yes, indented', by: 'octocat' } } })).toContain(
      'Yes, indented _(octocat)_',
    );
  });

  it('labels tasks with their parallel groups', () => {
    const md = render();
    expect(md).toMatch(/`T1` Serialise the report \[P:Group-1\]/);
    expect(md).toMatch(/`T3` Tests for both outputs \[P:Group-3\]/);
  });

  it('says "not ready" and omits the approve command for an empty PRD', () => {
    const empty = draft();
    empty.prd.requirements = [];
    const md = render({ draft: empty });
    expect(md).toContain('not ready for approval');
    expect(md).not.toContain('/maestro approve');
  });

  it('keeps table cells intact when model text holds pipes and newlines', () => {
    const d = draft();
    d.prd.risks = [{ risk: 'a | b\nc', mitigation: 'x' }];
    expect(render({ draft: d })).toContain('| a \\| b c | x |');
  });

  it('tells a terminal user to answer at the prompt instead of by comment', () => {
    const md = render({}, 'terminal');
    expect(md).toContain('Answer the questions at the prompt; then approve the resulting revision with `y`.');
    expect(md).not.toContain('/maestro');
  });

  it('puts the status in the block Maestro rewrites on GitHub, and plain in the terminal', () => {
    const onGitHub = render();
    expect(onGitHub).toMatch(
      /^\*\*Chain:\*\* .* · <!-- plan-status -->\*\*Status:\*\* ready for approval<!-- \/plan-status -->$/m,
    );
    const inTerminal = render({}, 'terminal');
    expect(inTerminal).toContain('· **Status:** ready for approval\n');
    expect(inTerminal).not.toContain('<!--');
  });

  it('folds earlier revisions into details', () => {
    const r = revision({ number: 2 });
    const md = renderPlanningComment({
      revision: r,
      chainSource: 'default',
      estimate: estimateBudget(r.draft, undefined, 10),
      planningUsage: { tokens: 0, usd: 0 },
      previous: [{ number: 1, hash: 'abcdef123456', markdown: 'old plan' }],
      respond: 'comment',
    });
    expect(md).toContain(
      '<details><summary>Revision 1 · <code>abcdef123456</code></summary>\n\nold plan\n\n</details>',
    );
    expect(md).toContain('(model unpriced)');
  });
});
