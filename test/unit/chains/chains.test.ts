import { describe, expect, it } from 'vitest';
import { chainNameSchema, chains, resolveChainName } from '../../../src/core/chains/chains.js';

describe('chains', () => {
  it('defines every chain under its own name with at least one step', () => {
    for (const name of chainNameSchema.options) {
      expect(chains[name].name).toBe(name);
      expect(chains[name].steps.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['feature', ['plan', 'generate-tasks', 'implement', 'validate', 'handoff']],
    ['fix', ['analyse', 'implement', 'verify', 'handoff']],
    ['test', ['write-tests', 'verify', 'handoff']],
    ['refactor', ['gates-before', 'implement', 'gates-after', 'handoff']],
    ['review', ['inspect', 'report']],
    ['release', ['verify-default-branch', 'prepare-release', 'handoff']],
  ] as const)('runs %s as %j', (name, steps) => {
    expect(chains[name].steps.map((step) => step.id)).toEqual(steps);
  });

  it('changes code in every chain except review', () => {
    expect(chainNameSchema.options.filter((name) => !chains[name].changesCode)).toEqual(['review']);
  });

  it('requires a green baseline only where the chain must prove nothing broke', () => {
    expect(chainNameSchema.options.filter((name) => chains[name].requiresBaselineGreen)).toEqual([
      'refactor',
      'release',
    ]);
  });
});

describe('resolveChainName', () => {
  it.each([
    ['fix', 'fix'],
    [' Refactor ', 'refactor'],
    ['deploy', 'release'],
    ['DEPLOY', 'release'],
    ['hotfix', undefined],
    ['', undefined],
    ['constructor', undefined],
  ])('resolves %j to %s', (name, chain) => {
    expect(resolveChainName(name)).toBe(chain);
  });
});
