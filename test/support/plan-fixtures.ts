import type { Decision } from '../../src/core/plan/decision.js';
import { createRevision, type IssueSnapshot, type PlanRevision } from '../../src/core/plan/plan-revision.js';
import type { PlanDraft } from '../../src/core/plan/plan-schema.js';
import { planDraftSchema } from '../../src/core/plan/plan-schema.js';

export const snapshot: IssueSnapshot = {
  title: 'Add a --json flag to the report command',
  body: 'The report command prints text only. CI wants JSON.',
  labels: ['enhancement'],
  comments: [],
};

export function draft(overrides: Partial<PlanDraft> = {}): PlanDraft {
  return planDraftSchema.parse({
    understanding: 'Add machine-readable output to `report`.',
    prd: {
      title: 'JSON output for report',
      goal: 'CI can parse the report.',
      requirements: [
        {
          id: 'R1',
          title: 'A --json flag prints one JSON object',
          acceptance: ['`report --json` output parses as JSON'],
        },
        {
          id: 'R2',
          title: 'Text output unchanged',
          acceptance: ['existing snapshot tests pass'],
          priority: 'should',
        },
      ],
      nonGoals: ['YAML output'],
      affectedAreas: [{ path: 'src/report.ts', why: 'prints the report' }],
      risks: [{ risk: 'Breaking scripts that parse text', mitigation: 'Text stays the default' }],
    },
    questions: [{ id: 'Q1', question: 'Pretty-print the JSON?', default: 'No, one line', why: 'pipes' }],
    decisions: [],
    taskPreview: {
      epics: [
        {
          id: 'E1',
          title: 'JSON output',
          tasks: [
            { id: 'T1', title: 'Serialise the report', category: 'backend', requirements: ['R1'] },
            {
              id: 'T2',
              title: 'Add the flag',
              dependsOn: ['T1'],
              category: 'backend',
              requirements: ['R1', 'R2'],
            },
            {
              id: 'T3',
              title: 'Tests for both outputs',
              dependsOn: ['T2'],
              category: 'testing',
              requirements: ['R1', 'R2'],
            },
          ],
        },
      ],
    },
    ...overrides,
  });
}

export const repoDecision: Decision = {
  kind: 'tech-stack',
  topic: 'Test framework',
  choice: 'vitest',
  rationale: 'already used',
  confidence: 0.95,
  alternatives: [],
  source: 'repository',
};

export function revision(overrides: Partial<Parameters<typeof createRevision>[0]> = {}): PlanRevision {
  return createRevision({
    number: 1,
    chain: 'feature',
    snapshot,
    draft: draft(),
    decisions: [repoDecision],
    createdAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  });
}
