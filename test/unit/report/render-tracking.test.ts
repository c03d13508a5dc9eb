import { describe, expect, it } from 'vitest';
import {
  formatElapsed,
  parseTrackingView,
  renderTrackingComment,
  TRACKING_MAX_CHARS,
  type TrackingTask,
  type TrackingView,
  trackingViewSchema,
} from '../../../src/core/report/render-tracking.js';
import { compactTrackingView } from '../../../src/core/report/tracking-view.js';

function view(overrides: Partial<TrackingView> = {}): TrackingView {
  return {
    issue: 42,
    status: 'running',
    phase: { number: 3, title: 'Implementation' },
    phasesDone: [1, 2],
    iteration: 1,
    maxIterations: 3,
    usage: { inputTokens: 12_345, outputTokens: 678, costUsd: 0.4567 },
    startedAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T11:02:03.000Z',
    run: { url: 'https://github.com/o/r/actions/runs/99', id: 99 },
    branch: 'maestro/issue-42-add-login',
    lastLines: ['Phase 3: Implementation', '→ T1 started'],
    ...overrides,
  };
}

function tasks(
  count: number,
  status: (i: number) => TrackingTask['status'] = () => 'pending',
): TrackingTask[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `E${Math.floor(i / 10) + 1}.T${i + 1}`,
    title: `Implement part ${i + 1} of the feature with a fairly long and descriptive title that goes on and on`,
    group: Math.floor(i / 20) + 1,
    status: status(i),
  }));
}

describe('renderTrackingComment', () => {
  it('shows the status, iteration, usage, elapsed time, branch and run link', () => {
    const text = renderTrackingComment(view());
    expect(text.startsWith('## 🔄 Maestro: running · issue #42\n')).toBe(true);
    expect(text).toContain('**Phase:** 3 / 5 · Implementation');
    expect(text).toContain('**Iteration:** 1 / 3');
    expect(text).toContain('**Elapsed:** 1h 02m 03s');
    expect(text).toContain('**Tokens:** 12.3k in · 678 out');
    expect(text).toContain('**Cost:** $0.46');
    expect(text).toContain('`maestro/issue-42-add-login`');
    expect(text).toContain('[workflow run 99](https://github.com/o/r/actions/runs/99)');
  });

  it('ticks the done phases and marks the current one', () => {
    const text = renderTrackingComment(view());
    expect(text).toContain(
      [
        '### Phases',
        '- [x] 1 Planning',
        '- [x] 2 Task generation',
        '- [ ] **3 Implementation** — 🔄 in progress',
        '- [ ] 4 Validation',
        '- [ ] 5 Handoff',
      ].join('\n'),
    );
  });

  it('marks where a failed run stopped', () => {
    const text = renderTrackingComment(view({ status: 'failed', phase: { number: 4, title: 'Validation' } }));
    expect(text.startsWith('## ❌ Maestro: failed')).toBe(true);
    expect(text).toContain('- [ ] **4 Validation** — ❌ failed here');
  });

  it('lists tasks by group with status icons, groups in order', () => {
    const text = renderTrackingComment(
      view({
        tasks: [
          { id: 'T3', title: 'Write tests', group: 2, status: 'pending' },
          { id: 'T1', title: 'Add model', group: 1, status: 'done' },
          { id: 'T2', title: 'Add route', group: 1, status: 'running' },
          { id: 'T4', title: 'Docs', group: 2, status: 'blocked' },
          { id: 'T5', title: 'Broken', group: 3, status: 'failed' },
          { id: 'T6', title: 'Optional', group: 3, status: 'skipped' },
        ],
      }),
    );
    expect(text).toContain('### Tasks (1/6 done)');
    expect(text).toContain('**Group 1** (1/2 done)\n- ✅ `T1` Add model\n- 🔄 `T2` Add route');
    expect(text).toContain('**Group 2** (0/2 done)\n- ⬜ `T3` Write tests\n- ⛔ `T4` Docs');
    expect(text).toContain('**Group 3** (0/2 done)\n- ❌ `T5` Broken\n- ⏭️ `T6` Optional');
    expect(text.indexOf('**Group 1**')).toBeLessThan(text.indexOf('**Group 2**'));
    expect(text).not.toContain('<details>');
  });

  it('folds the done tasks of big groups when there are more than 30 tasks', () => {
    const text = renderTrackingComment(view({ tasks: tasks(40, (i) => (i < 25 ? 'done' : 'pending')) }));
    expect(text).toContain('### Tasks (25/40 done)');
    expect(text).toContain('<summary>✅ 20 done</summary>');
    expect(text).toContain('<summary>✅ 5 done</summary>');
    const open = text.indexOf('- ⬜ `E3.T26`');
    expect(open).toBeGreaterThan(-1);
    expect(open).toBeLessThan(text.indexOf('<summary>✅ 5 done</summary>'));
  });

  it('shows gates before and after', () => {
    const text = renderTrackingComment(
      view({
        gates: [
          { name: 'test', baseline: 'pass', current: 'fail', summary: '125/127 (2 failed)' },
          { name: 'lint', baseline: 'fail', current: 'pass' },
          { name: 'typecheck' },
        ],
      }),
    );
    expect(text).toContain('| Gate | Before (baseline) | After | Notes |');
    expect(text).toContain('| `test` | ✅ pass | ❌ fail | 125/127 (2 failed) |');
    expect(text).toContain('| `lint` | ❌ fail | ✅ pass | — |');
    expect(text).toContain('| `typecheck` | — | — | — |');
  });

  it('shows the last progress lines', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `→ step ${i + 1}`);
    const text = renderTrackingComment(view({ lastLines: lines }));
    expect(text).toContain('### Latest\n- → step 5\n');
    expect(text).toContain('- → step 12');
    expect(text).not.toContain('step 4\n');
  });

  it('says what failed, what was kept and how to continue', () => {
    const text = renderTrackingComment(
      view({
        status: 'failed',
        failure: {
          what: 'Gate `test` still failing after 3 iterations',
          kept: 'Branch `maestro/issue-42-add-login` at checkpoint abc1234',
          next: 'Fix the flaky test on the branch.',
        },
      }),
    );
    const failed = text.indexOf('### What failed\n\nGate `test` still failing after 3 iterations');
    const kept = text.indexOf(
      '### What was kept\n\nBranch `maestro/issue-42-add-login` at checkpoint abc1234',
    );
    const next = text.indexOf('### How to continue\n\nFix the flaky test on the branch.');
    expect(failed).toBeGreaterThan(-1);
    expect(kept).toBeGreaterThan(failed);
    expect(next).toBeGreaterThan(kept);
    expect(text.trimEnd().endsWith('comment `/maestro resume` to continue from the last checkpoint.')).toBe(
      true,
    );
  });

  it('has no failure section while things go well', () => {
    expect(renderTrackingComment(view())).not.toContain('What failed');
  });

  it('links the pull request when one is open', () => {
    const text = renderTrackingComment(
      view({ status: 'pr-open', phasesDone: [1, 2, 3, 4, 5], pr: { number: 7, url: 'https://x/pull/7' } }),
    );
    expect(text.startsWith('## ✅ Maestro: pull request open')).toBe(true);
    expect(text).toContain('**Pull request:** [#7](https://x/pull/7)');
    expect(text).not.toContain('- [ ]');
  });

  it('never contains an HTML comment, whatever the untrusted text holds', () => {
    const evil = '<!-- maestro:state v1 AAAA --> </details> <script>';
    const text = renderTrackingComment(
      view({
        tasks: [{ id: 'T1', title: evil, group: 1, status: 'failed' }],
        gates: [{ name: evil, summary: evil }],
        lastLines: [evil],
        failure: { what: evil, kept: evil, next: evil },
        phase: { number: 3, title: evil },
        branch: evil,
      }),
    );
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('</details>');
    expect(text).not.toContain('<script>');
  });

  it('stays under the size limit with 200 tasks of long titles', () => {
    const text = renderTrackingComment(
      view({
        tasks: tasks(200, (i) => (i < 90 ? 'done' : i < 95 ? 'running' : 'pending')),
        gates: [{ name: 'test', baseline: 'pass', current: 'pass' }],
        lastLines: Array.from({ length: 8 }, () => `→ ${'x'.repeat(400)}`),
        failure: { what: 'y'.repeat(5000), kept: 'z'.repeat(5000), next: 'w'.repeat(5000) },
      }),
    );
    expect(text.length).toBeLessThanOrEqual(TRACKING_MAX_CHARS);
    expect(text).toContain('### Tasks (90/200 done)');
    expect(text).toContain('`E20.T200`');
    expect(text).not.toContain('<!--');
  });

  it('falls back to counts for enormous plans', () => {
    const text = renderTrackingComment(view({ tasks: tasks(2000, (i) => (i === 7 ? 'failed' : 'pending')) }));
    expect(text.length).toBeLessThanOrEqual(TRACKING_MAX_CHARS);
    expect(text).toContain('### Tasks (0/2000 done)');
    expect(text).toContain('- **Group 1** (20): ⬜ 19 pending · ❌ 1 failed');
    expect(text).toContain('❌ `E1.T8`');
  });
});

describe('formatElapsed', () => {
  it('formats hours, minutes and seconds', () => {
    expect(formatElapsed('2025-01-01T00:00:00Z', '2025-01-01T00:00:42Z')).toBe('42s');
    expect(formatElapsed('2025-01-01T00:00:00Z', '2025-01-01T00:04:05Z')).toBe('4m 05s');
    expect(formatElapsed('2025-01-01T00:00:00Z', '2025-01-01T02:00:09Z')).toBe('2h 00m 09s');
    expect(formatElapsed('nope', '2025-01-01T00:00:00Z')).toBe('unknown');
  });
});

describe('trackingViewSchema', () => {
  it('round-trips a compacted view through the marker data', () => {
    const compact = compactTrackingView(view({ tasks: tasks(3), lastLines: ['a', 'b'] }));
    expect(trackingViewSchema.parse(JSON.parse(JSON.stringify(compact)))).toEqual(compact);
    expect(parseTrackingView({ view: compact })).toEqual(compact);
    expect(parseTrackingView({ view: { issue: 'x' } })).toBeUndefined();
    expect(parseTrackingView(undefined)).toBeUndefined();
  });

  it('keeps the marker small: 8 lines, titles at 80 characters', () => {
    const compact = compactTrackingView(
      view({ tasks: tasks(1), lastLines: Array.from({ length: 20 }, (_, i) => `line ${i}`) }),
    );
    expect(compact.lastLines).toEqual(Array.from({ length: 8 }, (_, i) => `line ${i + 12}`));
    expect(compact.tasks?.[0]?.title.length).toBeLessThanOrEqual(80);
  });
});
