import { describe, expect, it } from 'vitest';
import { decideTaskOrdering } from '../../../src/discovery/decisions/decide-task-ordering.js';
import { decideTechStack } from '../../../src/discovery/decisions/decide-tech-stack.js';
import { detectArchitecture } from '../../../src/discovery/decisions/detect-architecture.js';
import { draft } from '../../support/plan-fixtures.js';

const settings = { prefer_existing: true, confidence_threshold: 0.6, maturity_threshold: 0.7 };
const facts = {
  languages: [
    { name: 'TypeScript', share: 0.9 },
    { name: 'JavaScript', share: 0.1 },
  ],
  packageManagers: ['npm'],
  frameworks: ['express'],
  testRunners: ['vitest'],
  dependencies: ['express', 'zod'],
};

describe('the decision engine', () => {
  it('prefers what the repository already uses, with rationale and alternatives', () => {
    const decisions = decideTechStack(facts, settings);
    expect(decisions.map((d) => [d.topic, d.choice, d.source])).toEqual([
      ['Language', 'TypeScript', 'repository'],
      ['Package manager', 'npm', 'repository'],
      ['Frameworks', 'express', 'repository'],
      ['Test framework', 'vitest', 'repository'],
    ]);
    expect(decisions[0]).toMatchObject({
      alternatives: ['JavaScript'],
      rationale: expect.stringContaining('90%'),
    });
    for (const d of decisions) expect(d.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('lowers confidence when prefer_existing is off', () => {
    const on = decideTechStack(facts, settings);
    const off = decideTechStack(facts, { ...settings, prefer_existing: false });
    expect(off[0]!.confidence).toBeLessThan(on[0]!.confidence);
    expect(off[0]!.rationale).toContain('prefer_existing is off');
  });

  it('falls back to the language default test runner with low confidence when none is detected', () => {
    const d = decideTechStack(
      { ...facts, testRunners: [], languages: [{ name: 'Python', share: 1 }] },
      settings,
    );
    expect(d.at(-1)).toMatchObject({
      topic: 'Test framework',
      choice: 'pytest',
      source: 'default',
      confidence: 0.5,
    });
  });

  it.each([
    [['src/core/a.ts', 'src/ports/b.ts', 'src/adapters/c.ts'], 'Ports and adapters (hexagonal)'],
    [['app/models/user.rb', 'app/views/x.erb', 'app/controllers/y.rb'], 'Model–view–controller'],
    [['packages/a/index.ts', 'packages/b/index.ts'], 'Monorepo of packages'],
    [['src/routes/a.ts', 'src/services/b.ts'], 'Layered service architecture'],
    [['README.md'], 'Follow the existing file layout'],
  ])('detects the architecture of %j as %s', (paths, pattern) => {
    expect(detectArchitecture(paths).choice).toBe(pattern);
  });

  it('orders tasks critical-path-first within max_parallel', () => {
    const d = decideTaskOrdering(draft().taskPreview, { parallel_execution: true, max_parallel: 3 });
    expect(d).toMatchObject({ kind: 'task-ordering', choice: 'Critical-path-first, up to 3 in parallel' });
    expect(d.rationale).toContain('3 task(s) in 3 group(s)');
  });

  it('runs sequentially when parallel execution is off', () => {
    const d = decideTaskOrdering(draft().taskPreview, { parallel_execution: false, max_parallel: 3 });
    expect(d.choice).toBe('Sequential (parallel_execution is off)');
  });
});
