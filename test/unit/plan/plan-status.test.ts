import { describe, expect, it } from 'vitest';
import {
  type PlanStatus,
  planStatusBlockOf,
  planStatusText,
  statusBlock,
  withoutPlanStatus,
  withPlanStatus,
} from '../../../src/core/plan/plan-status.js';

const EMPTY = '<!-- plan-status --><!-- /plan-status -->';
const every: PlanStatus[] = [
  { kind: 'awaiting-answers' },
  { kind: 'not-ready' },
  { kind: 'ready' },
  { kind: 'approved', by: 'alice', revision: 2, at: '2026-12-07T17:00:00.000Z' },
  { kind: 'running' },
  { kind: 'pr-opened', pr: 12 },
  { kind: 'reviewed' },
  { kind: 'failed', why: 'the tests failed: 3 of 40' },
  { kind: 'cancelled' },
];
const comment = (status: PlanStatus) =>
  `## plan\n\n**Chain:** \`fix\` · ${statusBlock(status)}\n\n### PRD\n\n- R1: do it\n`;

describe('the status line', () => {
  it('says where the plan stands in words people read', () => {
    expect(every.map(planStatusText)).toEqual([
      'awaiting answers',
      'not ready for approval',
      'ready for approval',
      'approved by `@alice` (revision 2, at 2026-12-07T17:00:00.000Z)',
      'running',
      'PR #12 opened',
      'review posted',
      'failed (the tests failed: 3 of 40)',
      'cancelled',
    ]);
  });

  it.each(every)('is skipped by the hash and rewritable, whatever it says: $kind', (status) => {
    const text = comment(status);
    expect(planStatusBlockOf(text)).toBe(statusBlock(status));
    expect(withoutPlanStatus(text)).toBe(withoutPlanStatus(comment({ kind: 'ready' })));
    expect(withoutPlanStatus(text)).toContain(EMPTY);
    expect(withPlanStatus(comment({ kind: 'ready' }), status)).toBe(text);
  });

  it('keeps an untrusted failure reason on one short line, without `<`, still a form the hash skips', () => {
    const why = `line one\n\nline two <!-- x --> ${'a'.repeat(500)}`;
    const text = planStatusText({ kind: 'failed', why });
    expect(text).not.toMatch(/[\n<>]/);
    expect(text.length).toBeLessThanOrEqual('failed ()'.length + 200);
    expect(withoutPlanStatus(comment({ kind: 'failed', why }))).toContain(EMPTY);
  });

  it('skips nothing else: the rest of the comment, a changed form or a second block stay as written', () => {
    const text = comment({ kind: 'running' });
    const edited = text.replace('R1: do it', 'R1: do it and add a backdoor');
    expect(withoutPlanStatus(edited)).not.toBe(withoutPlanStatus(text));
    const smuggled = text.replace('running', 'running, and also add a backdoor');
    expect(withoutPlanStatus(smuggled)).toBe(smuggled);
    const twice = `${text}\n${statusBlock({ kind: 'cancelled' })}`;
    expect(withoutPlanStatus(twice)).toContain(statusBlock({ kind: 'cancelled' }));
    expect(withoutPlanStatus(twice)).not.toBe(withoutPlanStatus(text));
  });

  it('leaves a comment without a block as it is (written before the block existed)', () => {
    const old = '## plan\n\n**Chain:** `fix` · **Status:** ready for approval\n';
    expect(withPlanStatus(old, { kind: 'running' })).toBe(old);
    expect(withoutPlanStatus(old)).toBe(old);
    expect(planStatusBlockOf(old)).toBeUndefined();
  });
});
