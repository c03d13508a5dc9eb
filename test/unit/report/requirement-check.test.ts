import { describe, expect, it } from 'vitest';
import {
  type GateComparisonStatus,
  type RequirementCheck,
  reconcileRequirementChecks,
  requirementCheckSchema,
} from '../../../src/core/report/requirement-check.js';

const prd = {
  requirements: [
    {
      id: 'R1',
      title: 'Theme persists',
      description: '',
      acceptance: ['Unit tests cover reload'],
      priority: 'must' as const,
    },
    {
      id: 'R2',
      title: 'Toggle in header',
      description: '',
      acceptance: ['Toggle is visible'],
      priority: 'must' as const,
    },
  ],
};

type Check = RequirementCheck['checks'][number];
const check = (
  requirement: string,
  status: Check['status'],
  evidence = 'src/x.ts changed',
  gaps = '',
): Check => ({
  requirement,
  status,
  evidence,
  gaps,
});
const gate = (status: GateComparisonStatus) => ({ name: 'test', status });

describe('requirementCheckSchema', () => {
  it('accepts the model output with evidence and gaps defaulting to empty', () => {
    expect(requirementCheckSchema.parse({ checks: [{ requirement: 'R1', status: 'met' }] })).toEqual({
      checks: [{ requirement: 'R1', status: 'met', evidence: '', gaps: '' }],
    });
  });

  it('rejects a status outside met, partial and unmet', () => {
    expect(
      requirementCheckSchema.safeParse({ checks: [{ requirement: 'R1', status: 'done' }] }).success,
    ).toBe(false);
  });
});

describe('reconcileRequirementChecks', () => {
  it.each([
    ['keeps met when no gate is broken', [check('R1', 'met')], [gate('passing')], 'met'],
    [
      'keeps met when the only failure is pre-existing',
      [check('R1', 'met')],
      [gate('still-failing (pre-existing)')],
      'met',
    ],
    [
      'downgrades met to partial when a gate is broken by the change',
      [check('R1', 'met')],
      [gate('broken-by-change')],
      'partial',
    ],
    [
      'downgrades met to partial when a gate has new failures',
      [check('R1', 'met')],
      [gate('new-failures')],
      'partial',
    ],
    ['downgrades met without any evidence to partial', [check('R1', 'met', '  ')], [], 'partial'],
    ['keeps partial as the model said', [check('R1', 'partial')], [gate('broken-by-change')], 'partial'],
    ['keeps unmet as the model said', [check('R1', 'unmet')], [], 'unmet'],
    ['marks a requirement the model skipped as unmet', [check('R2', 'met')], [], 'unmet'],
    [
      'keeps the least favourable verdict for a repeated id',
      [check('R1', 'met'), check('R1', 'unmet')],
      [],
      'unmet',
    ],
  ] as const)('%s', (_name, checks, gates, expected) => {
    expect(reconcileRequirementChecks(prd, [...checks], gates)[0]?.status).toBe(expected);
  });

  it('leaves met alone for a requirement whose acceptance does not mention tests', () => {
    const rows = reconcileRequirementChecks(
      prd,
      [check('R1', 'met'), check('R2', 'met')],
      [gate('broken-by-change')],
    );
    expect(rows.map((row) => row.status)).toEqual(['partial', 'met']);
  });

  it('says why it downgraded, after the gaps the model gave', () => {
    const [row] = reconcileRequirementChecks(
      prd,
      [check('R1', 'met', 'ok', 'docs missing')],
      [{ name: 'unit', status: 'broken-by-change' }],
    );
    expect(row?.gaps).toBe(
      'docs missing Downgraded from met: gate(s) unit broken by the change, and the acceptance needs tests.',
    );
  });

  it('reports a skipped requirement as not assessed', () => {
    const rows = reconcileRequirementChecks(prd, [check('R1', 'met')], []);
    expect(rows[1]).toMatchObject({ id: 'R2', status: 'unmet', evidence: 'not assessed' });
  });

  it('drops ids the PRD does not have and keeps PRD order', () => {
    const rows = reconcileRequirementChecks(
      prd,
      [check('R9', 'met'), check('R2', 'met'), check('R1', 'met')],
      [],
    );
    expect(rows.map((row) => row.id)).toEqual(['R1', 'R2']);
  });

  it('traces each requirement to the tasks serving it and their changed files', () => {
    const tasks = [
      { id: 'T1', requirements: ['R1'], files: ['src/b.ts', 'src/a.ts'] },
      { id: 'T2', requirements: ['R1', 'R2'], files: ['src/a.ts', 'src/planned-only.ts'] },
    ];
    const rows = reconcileRequirementChecks(prd, [], [], {
      tasks,
      changedPaths: ['src/a.ts', 'src/b.ts'],
    });
    expect(rows.map(({ id, tasks, files }) => ({ id, tasks, files }))).toEqual([
      { id: 'R1', tasks: ['T1', 'T2'], files: ['src/a.ts', 'src/b.ts'] },
      { id: 'R2', tasks: ['T2'], files: ['src/a.ts'] },
    ]);
  });
});
