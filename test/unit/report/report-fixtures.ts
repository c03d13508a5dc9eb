import type { FinalReportInput, ReportGate } from '../../../src/core/report/final-report-input.js';
import type { UsageTotals } from '../../../src/core/usage/usage-ledger.js';

export const totals = (extra: Partial<UsageTotals> = {}): UsageTotals => ({
  calls: 4,
  inputTokens: 120_000,
  outputTokens: 8_000,
  cachedInputTokens: 30_000,
  cacheWriteTokens: 5_000,
  costUsd: 0.52,
  unpricedModels: [],
  ...extra,
});

export const testGate = (extra: Partial<ReportGate> = {}): ReportGate => ({
  name: 'test',
  argv: ['npm', 'test'],
  status: 'passing',
  before: {
    outcome: 'passed',
    durationMs: 12_000,
    counts: { passed: 40, failed: 0, skipped: 1 },
    failures: [],
  },
  after: {
    outcome: 'passed',
    durationMs: 13_000,
    counts: { passed: 44, failed: 0, skipped: 1 },
    failures: [],
  },
  ...extra,
});

/** A small completed run: two tasks, one requirement met and one partial, two gates. */
export function reportInput(extra: Partial<FinalReportInput> = {}): FinalReportInput {
  return {
    issue: { number: 42, title: 'Add dark mode', url: 'https://github.com/o/r/issues/42' },
    sessionId: 'run-42-abc',
    chain: 'feature',
    outcome: { kind: 'completed' },
    startedAt: '2025-01-01T10:00:00Z',
    endedAt: '2025-01-01T10:47:00Z',
    plan: {
      epics: [
        {
          id: 'E1',
          title: 'Theme',
          tasks: [
            { id: 'T1', title: 'Add theme store', dependsOn: [] },
            { id: 'T2', title: 'Add toggle', dependsOn: ['T1'] },
          ],
        },
      ],
    },
    tasks: [
      {
        id: 'T1',
        title: 'Add theme store',
        category: 'frontend',
        status: 'done',
        summary: 'Store added.',
        qualityScore: 0.9,
        attempts: 1,
        checkpointSha: 'aaaaaaa1111111',
      },
      {
        id: 'T2',
        title: 'Add toggle',
        category: 'frontend',
        status: 'done',
        summary: 'Toggle added.',
        attempts: 2,
        checkpointSha: 'bbbbbbb2222222',
      },
    ],
    requirements: [
      {
        id: 'R1',
        title: 'Theme persists',
        status: 'met',
        evidence: 'theme.test.ts passes',
        gaps: '',
        tasks: ['T1'],
        files: ['src/theme.ts', 'test/theme.test.ts'],
      },
      {
        id: 'R2',
        title: 'Toggle in header',
        status: 'partial',
        evidence: 'toggle exists',
        gaps: 'no keyboard shortcut',
        tasks: ['T2'],
        files: ['src/header.tsx'],
      },
    ],
    decisions: [
      {
        kind: 'tech-stack',
        topic: 'State',
        choice: 'zustand',
        rationale: 'Already a dependency.',
        confidence: 0.9,
        alternatives: ['redux'],
        source: 'repository',
      },
    ],
    changes: [
      { path: 'src/theme.ts', status: 'added', additions: 40, deletions: 0 },
      { path: 'src/header.tsx', status: 'modified', additions: 12, deletions: 3 },
      { path: 'src/old-theme.css', status: 'deleted', additions: 0, deletions: 20 },
    ],
    gates: [
      testGate(),
      {
        name: 'lint',
        argv: ['npm', 'run', 'lint'],
        status: 'still-failing (pre-existing)',
        before: { outcome: 'failed', durationMs: 2_000, failures: ['src/legacy.js: no-var'] },
        after: { outcome: 'failed', durationMs: 2_100, failures: ['src/legacy.js: no-var'] },
      },
    ],
    iterations: 1,
    checkpoints: [
      { checkpoint: 1, task: 'T1', sha: 'aaaaaaa1111111', subject: 'feat: add theme store' },
      { checkpoint: 2, task: 'T2', sha: 'bbbbbbb2222222', subject: 'feat: add toggle' },
    ],
    recoveries: {},
    blockedActions: [],
    usage: {
      byPhase: { implementation: totals({ calls: 3 }), planning: totals({ calls: 1, costUsd: 0.1 }) },
      total: totals({ costUsd: 0.62 }),
    },
    resumeHint: '`maestro resume run-42-abc` locally, or `/maestro resume` on the issue',
    ...extra,
  };
}
