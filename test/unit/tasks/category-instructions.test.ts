import { describe, expect, it } from 'vitest';
import {
  allBuiltinTools,
  commandScopeFor,
  commandsAllowedFor,
  instructionsFor,
  specialistFor,
  toolsAllowedFor,
} from '../../../src/core/tasks/category-instructions.js';
import { taskCategorySchema } from '../../../src/core/tasks/task-schema.js';

describe('category instructions', () => {
  it.each([
    ['frontend', 'frontend-developer'],
    ['backend', 'backend-architect'],
    ['database', 'database-admin'],
    ['testing', 'test-automator'],
    ['security', 'security-auditor'],
    ['devops', 'deployment-engineer'],
    ['docs', 'api-documenter'],
    ['performance', 'performance-engineer'],
  ] as const)('gives %s tasks to the seed specialist %s', (category, specialist) => {
    expect(specialistFor(category)).toBe(specialist);
    expect(instructionsFor(category)).toMatch(new RegExp(`^You are the ${specialist}\\. \\S`));
  });

  it('has a specialist, instructions and tools for every category', () => {
    for (const category of taskCategorySchema.options) {
      expect(instructionsFor(category).length).toBeGreaterThan(60);
      expect(toolsAllowedFor(category)).toContain('finish');
      expect(toolsAllowedFor(category).every((tool) => allBuiltinTools.includes(tool))).toBe(true);
    }
  });

  it('lets docs tasks run read-only git only', () => {
    const allowed = [
      ['npm', 'test'],
      ['git', 'diff'],
      ['node', '--test'],
    ];
    expect(commandScopeFor('docs')).toBe('read-only-git');
    expect(commandsAllowedFor('docs', allowed)).toEqual([['git', 'diff']]);
    expect(commandsAllowedFor('testing', allowed)).toEqual(allowed);
    expect(commandsAllowedFor('backend', allowed)).toEqual(allowed);
  });

  it('returns copies, so a caller cannot change the configured list', () => {
    const allowed = [['npm', 'test']];
    commandsAllowedFor('testing', allowed)[0]?.push('--', 'x');
    expect(allowed).toEqual([['npm', 'test']]);
  });
});
